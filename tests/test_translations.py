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
OWN_LANGUAGE = Path(__file__).parent / "fixtures" / "translations" / "own-language.ttl"
ID = "https://w3id.org/ahtgraph/id/"

#: The share of in-scope entities that must have all three names (issue 12 B).
TARGET = 0.9
#: How many have all three today, each name stated by a cited page: the floor, never to drop.
#: 35 before issue 12 B's names were looked for, 41 after the first round; see the xfail below
#: for the gap to the target.
NAMED_TODAY = 42
#: How many of another state's own bodies and instruments have a label in a language other
#: than English today, each stated by a cited page: the floor, never to drop.
OWN_LANGUAGE_TODAY = 21


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


def _own_language_findings(*args: str) -> list[tuple[str, str, str, str, str]]:
    result = CliRunner().invoke(
        cli, ["check", "--format", "json", "--fail-on", "none", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return [
        (f["level"], f["entity"], f["property"], f["value"], f["message"])
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "missing-own-language-label"
    ]


def test_check_warns_when_another_states_body_is_named_in_english_only() -> None:
    # Written by hand from the fixture: the law with a German name, the mandate (not one of
    # the five kinds) and the Belgian entities are not reported; an untagged name does not
    # count; a body of two other states names both, in the order of their identifiers.
    found = _own_language_findings("--only-data", "--data", str(OWN_LANGUAGE))
    assert [(level, entity, prop, value) for level, entity, prop, value, _ in found] == [
        ("WARN", "id:test-foreign-body", "rdfs:label", "Testland"),
        ("WARN", "id:test-joint-body", "rdfs:label", "Otherland, Testland"),
        ("WARN", "id:test-untagged-body", "rdfs:label", "Testland"),
    ]
    assert found[0][-1] == (
        "named in English only: no label in the own language of Testland "
        "until a cited page states the name"
    )


def test_another_states_body_is_not_asked_for_french_and_dutch() -> None:
    assert [
        entity
        for _, entity, _, _ in _translation_findings("--only-data", "--data", str(OWN_LANGUAGE))
    ] == ["id:test-belgian-body"] * 2 + ["id:test-belgian-law"] * 2


FOREIGN = """
PREFIX aht: <https://w3id.org/ahtgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX id: <https://w3id.org/ahtgraph/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?own WHERE {
  VALUES ?kind {
    aht:Organisation aht:LegalInstrument aht:PublicationSeries aht:Campaign aht:Observance
  }
  ?entity a ?kind ; aht:areaServed|dcterms:spatial ?state .
  ?state a aht:Country .
  FILTER (?state != id:belgium)
  BIND (EXISTS {
    ?entity rdfs:label ?name . FILTER (LANG(?name) != "" && LANG(?name) != "en")
  } AS ?own)
}
"""


def test_the_rule_and_a_query_agree_on_the_shipped_graph() -> None:
    answer = ahtgraph.query(FOREIGN)
    assert isinstance(answer, list)
    without_own = {
        "id:" + str(row["entity"]).removeprefix(ID) for row in answer if not row["own"].toPython()
    }
    assert {entity for _, entity, _, _, _ in _own_language_findings()} == without_own
    # Foreign bodies and instruments with a name in their own language today: the floor.
    assert len(answer) - len(without_own) >= OWN_LANGUAGE_TODAY
