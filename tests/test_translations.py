"""Names in English, French and Dutch (issue 12 B): the ``translations`` named query, the figure
it gives for the shipped graph, and the ``missing-translation`` rule of ``ahtgraph check``.

In scope: organisations, legal instruments, publication series, campaigns and observances,
except another state's own bodies and instruments (``aht:areaServed`` or ``dcterms:spatial`` a
country other than Belgium), which are named in English and their own language instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import ahtgraph
from ahtgraph import quality
from ahtgraph.cli import cli

SCOPE = Path(__file__).parent / "fixtures" / "translations" / "scope.ttl"
ID = "https://w3id.org/ahtgraph/id/"

#: The share of in-scope entities that must have all three names (issue 12 B).
TARGET = 0.9
#: How many have all three today, each name stated by a cited page: the floor, never to drop.
#: 35 before issue 12 B's names were looked for; see the xfail below for the gap to the target.
NAMED_TODAY = 41


def rows(data: tuple[Path, ...] = (), *, only_data: bool = False) -> list[tuple[str, ...]]:
    answer = ahtgraph.query("translations", data=data, only_data=only_data)
    assert isinstance(answer, list)
    return [
        (
            str(row["entity"]).removeprefix(ID),
            str(row["entityLabel"]),
            *(str(row[language].toPython()).lower() for language in ("en", "fr", "nl")),
            str(row["trilingual"].toPython()).lower(),
        )
        for row in answer
    ]


def test_the_query_lists_each_entity_in_scope_once_with_its_languages() -> None:
    # Written by hand from the fixture: the foreign law and the foreign body (another state's,
    # even one that also serves Belgium) and the mandate (not one of the five kinds) are left
    # out; the body typed twice appears once; an untagged name counts for no language.
    assert rows((SCOPE,), only_data=True) == [
        ("test-belgian-body", "Belgian body", "true", "true", "true", "true"),
        ("test-belgian-law", "", "false", "true", "true", "false"),
        ("test-campaign", "Test campaign", "true", "true", "true", "true"),
        ("test-day", "", "false", "false", "false", "false"),
        ("test-series", "Test series", "true", "true", "false", "false"),
    ]


def test_no_entity_loses_a_name_it_has_in_all_three_languages() -> None:
    assert sum(row[-1] == "true" for row in rows()) >= NAMED_TODAY


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 B target not reached: no stored page was found giving a French or Dutch "
    "name for the remaining series, UN and OSCE resolutions (see `ahtgraph check` WARNs); "
    "strict, so reaching 90% turns this red until the marker is removed",
)
def test_the_shipped_graph_names_at_least_90_percent_in_all_three_languages() -> None:
    shipped = rows()
    named = [row[0] for row in shipped if row[-1] == "true"]
    missing = sorted(row[0] for row in shipped if row[-1] != "true")
    assert len(named) / len(shipped) >= TARGET, (
        f"{len(named)} of {len(shipped)} in scope have en, fr and nl names; missing: {missing}"
    )


def _translation_findings(*args: str) -> list[tuple[str, str, str, str]]:
    result = CliRunner().invoke(
        cli, ["check", "--format", "json", "--fail-on", "none", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return [
        (f["level"], f["entity"], f["property"], f["value"])
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "missing-translation"
    ]


def test_check_asks_for_french_and_dutch_names_only_in_scope() -> None:
    # Only the five kinds, and not another state's: the foreign law (no fr, no nl) and the
    # foreign body (no fr, no nl) are not reported, the Belgian law's missing English name is
    # another rule's (missing-english-label).
    assert _translation_findings("--only-data", "--data", str(SCOPE)) == [
        ("WARN", "id:test-day", "rdfs:label", "fr"),
        ("WARN", "id:test-day", "rdfs:label", "nl"),
        ("WARN", "id:test-series", "rdfs:label", "nl"),
    ]


def test_the_rule_reads_a_country_only_when_it_is_typed_one() -> None:
    # A place that is not typed aht:Country is not another state: the body is asked for names.
    graph = Graph().parse(
        data="""
        @prefix aht: <https://w3id.org/ahtgraph/ontology#> .
        @prefix id: <https://w3id.org/ahtgraph/id/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        id:somewhere a aht:Place ; rdfs:label "Somewhere"@en .
        id:x a aht:Organisation ; rdfs:label "X"@en ; aht:areaServed id:somewhere ;
            dcterms:description "X."@en ; dcterms:source <https://x.example/1> .
        """,
        format="turtle",
    )
    found = [(f.entity, f.value) for f in quality.run(graph) if f.rule == "missing-translation"]
    assert found == [("id:x", "fr"), ("id:x", "nl")]


def test_the_query_and_the_rule_agree_on_the_shipped_graph() -> None:
    # Every in-scope entity without all three names is a WARN, and no other entity is.
    gaps = {
        (f"id:{row[0]}", language)
        for row in rows()
        for language, has in zip(("fr", "nl"), row[3:5], strict=True)
        if has != "true"
    }
    assert {(entity, value) for _, entity, _, value in _translation_findings()} == gaps
