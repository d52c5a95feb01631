"""Generate docs/coverage.md from the graph: which European-layer facts it has, state by state.

The table is the named query ``coverage`` run on the shipped graph and written as Markdown, with
a summary and, per kind of fact, the states it is missing for. Nothing in the file is written by
hand, so it can never disagree with the data; tests/test_coverage_doc.py checks that the
committed file is exactly what this script produces.

Run:   python tools/gen_coverage.py            (rewrites docs/coverage.md)
       python tools/gen_coverage.py --check    (exit 1, one line on stderr, if it is stale)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import ahtgraph
from ahtgraph.output import write_file

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "coverage.md"

HEADER = """# Coverage of the European layer

Generated from the graph by `tools/gen_coverage.py` (the named query `coverage`); do not edit
by hand. Each row is a country in the graph; a blank cell or 0 is a fact the graph does not have
yet, because no page read so far states it. `ahtgraph query coverage` gives the same table.

Columns: how the state is bound by the Council of Europe Convention on Action against
Trafficking in Human Beings (CETS No. 197); how many of the dates that go with it the graph has
(signature, deposit of the instrument, entry into force for the state; an accession has no
signature, so 2 of 2 is complete); how many GRETA evaluation reports on the state; the body
holding the national rapporteur role or equivalent mechanism; the date the state ratified the UN
Trafficking in Persons Protocol (\"yes\" if the graph has the fact without a date).
"""


def rows() -> list[dict[str, str]]:
    """The coverage query's answer as plain strings, in the query's order."""
    result = ahtgraph.query("coverage")
    assert isinstance(result, list)
    return [{key: str(value) for key, value in row.items()} for row in result]


def label(row: dict[str, str]) -> str:
    return row["countryLabel"]


def complete(row: dict[str, str]) -> bool:
    known, _, wanted = row.get("cets197Dates", "").partition("/")
    return bool(wanted) and known == wanted


def render(data: list[dict[str, str]]) -> str:
    """The whole Markdown file for the given rows; deterministic (no dates, no timings)."""
    bound = [r for r in data if r.get("cets197")]
    accessions = [r for r in bound if r["cets197"] == "accession"]
    with_reports = [r for r in data if int(r.get("gretaReports", "0")) > 0]
    with_rapporteur = [r for r in data if r.get("rapporteur")]
    with_un = [r for r in data if r.get("unProtocol")]
    lines = [HEADER, "## Summary", ""]
    lines += [
        "| fact | states |",
        "| ---- | -----: |",
        f"| countries in the graph | {len(data)} |",
        f"| bound by CETS No. 197 | {len(bound)} ({len(bound) - len(accessions)} ratifications, "
        f"{len(accessions)} accessions) |",
        f"| all CETS No. 197 dates known | {sum(complete(r) for r in bound)} |",
        f"| at least one GRETA evaluation report | {len(with_reports)} |",
        f"| national rapporteur or equivalent mechanism | {len(with_rapporteur)} |",
        f"| UN Trafficking in Persons Protocol | {len(with_un)} |",
        "",
        "## State by state",
        "",
        "| state | CETS No. 197 | dates known | GRETA reports | national rapporteur | UN Protocol |",
        "| ----- | ------------ | ----------: | ------------: | ------------------- | ----------- |",
    ]
    for r in data:
        cells = [
            label(r),
            r.get("cets197", ""),
            r.get("cets197Dates", ""),
            r.get("gretaReports", "0"),
            r.get("rapporteur", "").replace("|", "\\|"),
            r.get("unProtocol", ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    gaps = [
        (
            "bound by CETS No. 197, but no date of it known",
            [r for r in bound if r["cets197Dates"].startswith("0/")],
        ),
        ("some CETS No. 197 dates missing", [r for r in bound if not complete(r)]),
        ("no GRETA evaluation report", [r for r in data if r not in with_reports]),
        (
            "no national rapporteur or equivalent mechanism",
            [r for r in data if r not in with_rapporteur],
        ),
        ("no UN Protocol ratification", [r for r in data if r not in with_un]),
    ]
    lines += ["", "## Gaps", ""]
    for title, missing in gaps:
        names = ", ".join(label(r) for r in missing) or "none"
        lines.append(f"- **{title}** ({len(missing)}): {names}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/coverage.md is stale")
    args = parser.parse_args(argv)
    text = render(rows())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print("docs/coverage.md is stale: run python tools/gen_coverage.py", file=sys.stderr)
            return 1
        return 0
    write_file(OUTPUT, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
