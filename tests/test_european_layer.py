"""The European layer: who is bound by CETS No. 197 and the UN Protocol, and the coverage table.

Exact answers on the shipped graph, for the facts data/parties.ttl states (each checked against
the page it cites), and the generated docs/coverage.md kept in step with its generator.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import ahtgraph

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/ahtgraph/id/"


def slug(term: object) -> str:
    return str(term).removeprefix(ID)


def rows(query: str, **params: str) -> list[dict[str, str]]:
    result = ahtgraph.query(query, params=params or None)
    assert isinstance(result, list)
    return [
        {k: (slug(v) if k in ("state", "country", "instrument") else str(v)) for k, v in r.items()}
        for r in result
    ]


def test_cets197_has_48_parties_46_ratifications_and_2_accessions() -> None:
    parties = rows("parties", instrument="id:warsaw-convention")
    assert len(parties) == 48
    assert sorted(r["state"] for r in parties if r["act"] == "accession") == ["belarus", "israel"]
    assert sum(r["act"] == "ratification" for r in parties) == 46


def test_parties_with_every_cets197_date() -> None:
    parties = rows("parties", instrument="id:warsaw-convention")
    complete = {
        r["state"]: (r.get("signed"), r["deposited"], r["inForce"])
        for r in parties
        if "deposited" in r and "inForce" in r and ("signed" in r or r["act"] == "accession")
    }
    assert complete == {
        "armenia": ("2005-05-16", "2008-04-14", "2008-08-01"),
        "belarus": (None, "2013-11-26", "2014-03-01"),
        "belgium": ("2005-11-17", "2009-04-27", "2009-08-01"),
        "estonia": ("2010-02-03", "2015-02-05", "2015-06-01"),
        "finland": ("2006-08-29", "2012-05-30", "2012-09-01"),
        "greece": ("2005-11-17", "2014-04-11", "2014-08-01"),
        "hungary": ("2007-10-10", "2013-04-04", "2013-08-01"),
        "italy": ("2005-06-08", "2010-11-29", "2011-03-01"),
        "malta": ("2005-05-16", "2008-01-30", "2008-05-01"),
        "monaco": ("2015-11-30", "2015-11-30", "2016-03-01"),
        "norway": ("2005-05-16", "2008-01-17", "2008-05-01"),
        "serbia": ("2005-05-16", "2009-04-14", "2009-08-01"),
        "sweden": ("2005-05-16", "2010-05-31", "2010-09-01"),
        "turkiye": ("2009-03-19", "2016-05-02", "2016-09-01"),
    }


def test_un_protocol_parties_among_european_states_with_their_dates() -> None:
    parties = rows("parties", instrument="id:palermo-protocol")
    assert [(r["state"], r["signed"], r["deposited"], r.get("inForce")) for r in parties] == [
        ("albania", "2000-12-12", "2002-08-21", "2003-12-25"),
        ("armenia", "2001-11-15", "2003-07-01", "2003-12-25"),
        ("austria", "2000-12-12", "2005-09-15", None),
        ("azerbaijan", "2000-12-12", "2003-10-30", "2003-12-25"),
        ("belarus", "2000-12-14", "2003-06-25", "2003-12-25"),
        ("belgium", "2000-12-12", "2004-08-11", "2004-09-10"),
        ("bosnia-and-herzegovina", "2000-12-12", "2002-04-24", "2003-12-25"),
        ("bulgaria", "2000-12-13", "2001-12-05", "2003-12-25"),
        ("cyprus", "2000-12-12", "2003-08-06", "2003-12-25"),
        ("denmark", "2000-12-12", "2003-09-30", "2003-12-25"),
        ("germany", "2000-12-12", "2006-06-14", "2006-07-14"),
    ]


def test_coverage_row_for_belgium() -> None:
    belgium = [r for r in rows("coverage") if r["country"] == "belgium"]
    assert belgium == [
        {
            "country": "belgium",
            "countryLabel": "Belgium",
            "cets197": "ratification",
            "cets197Dates": "3/3",
            "gretaReports": "3",
            "rapporteur": "Myria",
            "unProtocol": "2004-08-11",
        }
    ]


def test_coverage_lists_every_country_with_its_cets197_dates() -> None:
    coverage = rows("coverage")
    assert len(coverage) == 48
    counts: dict[str, int] = {}
    for r in coverage:
        counts[r["cets197Dates"]] = counts.get(r["cets197Dates"], 0) + 1
    # 13 ratifications and Belarus's accession are complete; Israel's accession has one date.
    # 2 of 3: Albania, Austria, Bosnia and Herzegovina, Cyprus, France, Ireland, Moldova,
    # Switzerland, Ukraine; 1 of 3: twelve; no date: twelve.
    assert counts == {"3/3": 13, "2/2": 1, "2/3": 9, "1/3": 12, "1/2": 1, "0/3": 12}


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_coverage", ROOT / "tools" / "gen_coverage.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_coverage_doc_is_the_generators_output() -> None:
    generator = load_generator()
    committed = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert committed == generator.render(generator.rows())


def test_check_reports_a_stale_doc_and_leaves_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generator = load_generator()
    stale = tmp_path / "coverage.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(generator, "OUTPUT", stale)
    assert generator.main(["--check"]) == 1
    assert (
        capsys.readouterr().err == "docs/coverage.md is stale: run python tools/gen_coverage.py\n"
    )
    assert stale.read_text(encoding="utf-8") == "# old\n"
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
