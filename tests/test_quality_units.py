"""``ahtgraph.quality`` on small graphs written here: every rule's exact finding, and the exact
text, TSV and JSON reports.

The CLI tests (test_cli_check.py, test_quality_rules.py) compare reports of the shipped graph
with and without a fixture; mutation testing (docs/testing.md) showed which conditions that
leaves unpinned (what counts as an entity, a relation, a vocabulary term; thresholds; layout).
These run on a graph of a few triples, in milliseconds, with expectations written by hand.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from ahtgraph import quality
from ahtgraph.quality import Finding

PREFIXES = """
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
"""

# Two well-formed organisations that fund each other: no findings at all.
CLEAN = """
id:a a aht:Organisation ; rdfs:label "A"@en, "A-fr"@fr, "A-nl"@nl ;
    dcterms:description "Body A."@en ;
    dcterms:source <https://a.example/1>, <https://a.example/2> ;
    aht:funds id:b .
id:b a aht:Organisation ; rdfs:label "B"@en, "B-fr"@fr, "B-nl"@nl ;
    dcterms:description "Body B."@en ;
    dcterms:source <https://b.example/1>, <https://b.example/2> .
"""


def findings(turtle: str) -> list[tuple[str, str, str, str, str]]:
    graph = Graph().parse(data=PREFIXES + CLEAN + turtle, format="turtle")
    return [(f.level, f.rule, f.entity, f.property, f.value) for f in quality.run(graph)]


def test_a_clean_graph_has_no_findings() -> None:
    assert findings("") == []


def test_an_entity_without_english_label_description_or_source() -> None:
    assert findings('id:c a aht:Mandate ; rdfs:label "C"@fr ; aht:of id:a .') == [
        ("ERROR", "missing-description", "id:c", "dcterms:description", ""),
        ("ERROR", "missing-english-label", "id:c", "rdfs:label", ""),
        ("ERROR", "missing-source", "id:c", "dcterms:source", ""),
    ]


def test_an_untagged_label_is_not_english() -> None:
    assert findings(
        'id:c a aht:Mandate ; rdfs:label "C" ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1>, <https://c.example/2> ; aht:of id:a ."
    ) == [("ERROR", "missing-english-label", "id:c", "rdfs:label", "")]


def test_one_source_is_worth_knowing_two_are_fine() -> None:
    one = findings(
        'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1> ; aht:of id:a ."
    )
    assert one == [("INFO", "single-source", "id:c", "dcterms:source", "https://c.example/1")]


@pytest.mark.parametrize(
    "kind", ["Organisation", "LegalInstrument", "PublicationSeries", "Campaign", "Observance"]
)
def test_the_translated_kinds_want_french_and_dutch_names(kind: str) -> None:
    assert findings(
        f'id:c a aht:{kind} ; rdfs:label "C"@en, "C"@nl ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1>, <https://c.example/2> ; aht:of id:a ."
    ) == [("WARN", "missing-translation", "id:c", "rdfs:label", "fr")]


def test_other_kinds_need_no_translation_and_no_relation_is_a_warning() -> None:
    assert findings(
        'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1>, <https://c.example/2> ."
    ) == [("WARN", "no-relation", "id:c", "", "")]


def test_a_link_from_another_entity_is_a_relation_too() -> None:
    assert (
        findings(
            'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
            "dcterms:source <https://c.example/1>, <https://c.example/2> .\n"
            "id:a aht:holds id:c ."
        )
        == []
    )


def test_type_source_and_vocabulary_links_are_not_relations() -> None:
    assert findings(
        'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1>, <https://c.example/2> ;"
        " aht:kind id:concept ; dcterms:source id:a .\n"
        'id:concept a skos:Concept ; rdfs:label "Concept"@en ;'
        " dcterms:source <https://k.example/> ."
    ) == [("WARN", "no-relation", "id:c", "", "")]


def test_a_vocabulary_term_needs_no_description_relation_or_second_source() -> None:
    for kind in ("skos:Concept", "skos:ConceptScheme"):
        assert (
            findings(f'id:k a {kind} ; rdfs:label "K"@en ; dcterms:source <https://k.example/> .')
            == []
        )


def test_only_typed_ahtgraph_iris_that_are_not_claims_are_entities() -> None:
    assert (
        findings(
            # outside the id namespace; untyped; a claim (rdf:Statement)
            '<https://example.org/x> a aht:Mandate ; rdfs:label "  x"@fr .\n'
            'id:untyped rdfs:label "  y"@fr .\n'
            'id:claim a rdf:Statement ; rdfs:label "  z"@fr .'
        )
        == []
    )


@pytest.mark.parametrize("label", [" lead", "trail ", "dou  ble", "tab\tx", "new\nline", "cr\rx"])
def test_stray_whitespace_in_any_text_property(label: str) -> None:
    escaped = label.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    for prop in ("rdfs:label", "skos:altLabel", "dcterms:description"):
        assert findings(f'id:a {prop} "{escaped}"@en .') == [
            ("ERROR", "stray-whitespace", "id:a", prop, repr(label))
        ]


def test_the_same_label_in_the_same_language_case_blind() -> None:
    assert findings('id:b rdfs:label "a"@en .') == [
        ("ERROR", "duplicate-label", "id:a", "rdfs:label", "a@en"),
        ("ERROR", "duplicate-label", "id:b", "rdfs:label", "a@en"),
    ]
    assert findings('id:b rdfs:label "A"@de .') == []  # another language
    assert findings('id:a rdfs:label "Same" . id:b rdfs:label "same" .') == [
        ("ERROR", "duplicate-label", "id:a", "rdfs:label", "same"),
        ("ERROR", "duplicate-label", "id:b", "rdfs:label", "same"),
    ]


def test_the_duplicate_message_names_the_others() -> None:
    graph = Graph().parse(data=PREFIXES + CLEAN + 'id:b rdfs:label "a"@en .', format="turtle")
    messages = {f.entity: f.message for f in quality.run(graph)}
    assert messages == {"id:a": "the same label as id:b", "id:b": "the same label as id:a"}


@pytest.mark.parametrize("prop", ["foaf:homepage", "foaf:page", "aht:url", "dcterms:source"])
def test_links_must_be_https_iris(prop: str) -> None:
    assert findings(
        f'id:a {prop} "a.example", <ftp://a.example/>, <http://a.example/>, <https://a.example/> .'
    ) == [
        ("ERROR", "not-a-url", "id:a", prop, "a.example"),
        ("ERROR", "not-a-url", "id:a", prop, "ftp://a.example/"),
        ("WARN", "not-https", "id:a", prop, "http://a.example/"),
    ]


def test_links_of_what_is_not_an_entity_are_not_checked() -> None:
    assert findings('<https://example.org/x> foaf:homepage "nowhere" .') == []


def test_findings_are_sorted_by_level_rule_entity_property_value() -> None:
    graph = Graph().parse(
        data=PREFIXES
        + CLEAN
        + 'id:b foaf:page <http://z.example/>, <http://y.example/> . id:a foaf:page "x" .'
        + 'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
        + "dcterms:source <https://c.example/1> ; aht:of id:a .",
        format="turtle",
    )
    assert [(f.level, f.rule, f.entity, f.value) for f in quality.run(graph)] == [
        ("ERROR", "not-a-url", "id:a", "x"),
        ("WARN", "not-https", "id:b", "http://y.example/"),
        ("WARN", "not-https", "id:b", "http://z.example/"),
        ("INFO", "single-source", "id:c", "https://c.example/1"),
    ]


# ------------------------------------------------------------------ gate and reports

ERROR = Finding("ERROR", "missing-source", "id:x", "dcterms:source", "", "cite a page")
WARN = Finding("WARN", "not-https", "id:longer-name", "foaf:page", "http://x/", "use https")
INFO = Finding("INFO", "single-source", "id:y", "dcterms:source", "https://y/", "one page")


@pytest.mark.parametrize(
    ("found", "fail_on", "fails"),
    [
        ([], "INFO", False),
        ([INFO], "INFO", True),
        ([INFO], "WARN", False),
        ([WARN], "WARN", True),
        ([WARN], "ERROR", False),
        ([ERROR], "ERROR", True),
        ([INFO, WARN], "ERROR", False),
        ([ERROR, INFO], "none", False),
    ],
)
def test_the_gate(found: list[Finding], fail_on: str, fails: bool) -> None:
    assert quality.fails(found, fail_on) is fails


def test_text_report() -> None:
    assert quality.to_text([]) == "No findings.\n"
    assert quality.to_text([ERROR, WARN, INFO]) == (
        # An empty value keeps its place: two spaces each side.
        "ERROR  missing-source  id:x            dcterms:source    cite a page\n"
        "WARN   not-https       id:longer-name  foaf:page       http://x/  use https\n"
        "INFO   single-source   id:y            dcterms:source  https://y/  one page\n"
        "\n"
        "1 ERROR, 1 WARN, 1 INFO\n"
    )


def test_tsv_report_keeps_each_finding_on_one_line() -> None:
    odd = Finding("ERROR", "stray-whitespace", "id:z", "rdfs:label", "a\tb\nc", "m")
    assert quality.to_tsv([ERROR, odd]) == (
        "Level\tRule Name\tSubject\tProperty\tValue\tMessage\n"
        "ERROR\tmissing-source\tid:x\tdcterms:source\t\tcite a page\n"
        "ERROR\tstray-whitespace\tid:z\trdfs:label\ta b c\tm\n"
    )
    assert quality.to_tsv([]) == "Level\tRule Name\tSubject\tProperty\tValue\tMessage\n"


def test_json_report() -> None:
    text = quality.to_json([WARN, WARN, INFO])
    assert text.endswith("}\n") and "\n  " in text  # indented, one final newline
    assert json.loads(text) == {
        "counts": {"ERROR": 0, "WARN": 2, "INFO": 1},
        "findings": [
            {
                "level": "WARN",
                "rule": "not-https",
                "entity": "id:longer-name",
                "property": "foaf:page",
                "value": "http://x/",
                "message": "use https",
            },
        ]
        * 2
        + [
            {
                "level": "INFO",
                "rule": "single-source",
                "entity": "id:y",
                "property": "dcterms:source",
                "value": "https://y/",
                "message": "one page",
            }
        ],
    }
    assert "Sürya" in quality.to_json([Finding("INFO", "r", "id:s", "", "Sürya", "m")])


def messages(turtle: str) -> dict[tuple[str, str], str]:
    graph = Graph().parse(data=PREFIXES + CLEAN + turtle, format="turtle")
    return {(f.rule, f.entity): f.message for f in quality.run(graph)}


def test_each_rule_says_why_in_its_own_words() -> None:
    assert messages(
        'id:c a aht:Organisation ; rdfs:label "C "@fr ; foaf:page <http://c.example/> .\n'
        'id:d a aht:Mandate ; rdfs:label "D"@en ; dcterms:description "x"@en ;'
        ' dcterms:source <https://d.example/> ; aht:of id:a ; foaf:page "nowhere" .'
    ) == {
        ("missing-english-label", "id:c"): "every entity needs an English rdfs:label",
        ("missing-description", "id:c"): "every entity needs a one-line description",
        ("missing-source", "id:c"): "every entity cites the page that states it",
        ("missing-translation", "id:c"): ("no nl label: none until a cited page states the name"),
        ("no-relation", "id:c"): "not linked to any other entity of the graph",
        ("stray-whitespace", "id:c"): "leading, trailing, doubled or control whitespace",
        ("not-https", "id:c"): "plain http link; check whether an https address exists",
        ("single-source", "id:d"): "only one page backs this entity",
        ("not-a-url", "id:d"): "a link or source must be an http(s) IRI",
    }


def test_a_label_shared_by_three_names_the_other_two() -> None:
    found = messages('id:b rdfs:label "a"@en . id:c a aht:Mandate ; rdfs:label "A"@en .')
    assert found[("duplicate-label", "id:a")] == "the same label as id:b, id:c"
    assert found[("duplicate-label", "id:c")] == "the same label as id:a, id:b"


def test_a_link_to_a_concept_does_not_make_an_entity_a_concept() -> None:
    """Only the entity's own rdf:type makes it vocabulary (exempt from description, relation
    and second-source rules), and only its type asks for translations."""
    assert findings(
        'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:source <https://c.example/1> ;'
        " rdfs:seeAlso id:concept, skos:Concept, aht:Organisation .\n"
        'id:concept a skos:Concept ; rdfs:label "K"@en ; dcterms:source <https://k.example/> .'
    ) == [
        ("ERROR", "missing-description", "id:c", "dcterms:description", ""),
        ("WARN", "no-relation", "id:c", "", ""),
        ("INFO", "single-source", "id:c", "dcterms:source", "https://c.example/1"),
    ]


def test_incoming_sources_and_links_from_outside_are_not_relations() -> None:
    assert findings(
        'id:c a aht:Mandate ; rdfs:label "C"@en ; dcterms:description "x"@en ; '
        "dcterms:source <https://c.example/1>, <https://c.example/2> .\n"
        "id:a dcterms:source id:c .\n"
        "<https://example.org/x> aht:funds id:c ."
    ) == [("WARN", "no-relation", "id:c", "", "")]


def test_layout_edge_cases_of_the_reports() -> None:
    bare = Finding("WARN", "no-relation", "id:c", "", "", "")
    wide = Finding("ERROR", "x", "id:c", "a-long-property", "a  b", "m")
    assert quality.to_text([wide, bare]) == (
        "ERROR  x            id:c  a-long-property  a  b  m\n"
        "WARN   no-relation  id:c\n"
        "\n"
        "1 ERROR, 1 WARN, 0 INFO\n"
    )
    assert quality.to_tsv([wide]).splitlines()[1] == "ERROR\tx\tid:c\ta-long-property\ta  b\tm"
    assert quality.to_json([]) == (
        '{\n  "counts": {\n    "ERROR": 0,\n    "WARN": 0,\n    "INFO": 0\n  },\n'
        '  "findings": []\n}\n'
    )
