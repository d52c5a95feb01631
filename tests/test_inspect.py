"""The query inspector: facts read from the text, checked against hand-written answers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ahtgraph.errors import AhtgraphError
from ahtgraph.queries import inspect as inspector
from ahtgraph.queries.inspect import MAX_DEPTH, inspect


def test_select_facts() -> None:
    facts = inspect(
        "PREFIX ex: <http://example.org/>\n"
        "# a comment with { braces and SERVICE and ?fake\n"
        "SELECT DISTINCT * FROM ex:g1 FROM NAMED <http://example.org/g2>\n"
        'WHERE { ?zeta ex:p "a string with ?notavar and {" . ?alpha ex:q ?zeta }'
    )
    assert facts.form == "SELECT"
    assert not facts.update
    assert not facts.service
    assert facts.select_star
    assert facts.from_graphs == ("http://example.org/g1",)
    assert facts.from_named == ("http://example.org/g2",)
    assert facts.variables == ("zeta", "alpha")
    assert facts.depth == 1
    assert facts.certain


@pytest.mark.parametrize(
    ("text", "form", "update"),
    [
        ("ASK { ?s ?p ?o }", "ASK", False),
        ("construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT", False),
        ("DESCRIBE <http://example.org/a>", "DESCRIBE", False),
        ("BASE <http://x/> PREFIX : <y#> SELECT ?s { ?s :p 1 }", "SELECT", False),
        ("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", None, True),
        ("DELETE WHERE { ?s ?p ?o }", None, True),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, True),
        ("LOAD <http://example.org/data.ttl>", None, True),
        ("CLEAR ALL", None, True),
    ],
)
def test_form_and_update(text: str, form: str | None, update: bool) -> None:
    facts = inspect(text)
    assert (facts.form, facts.update) == (form, update)


def test_service_is_seen_only_as_a_keyword() -> None:
    assert inspect("SELECT * { service <http://x/sparql> { ?s ?p ?o } }").service
    assert not inspect('SELECT * { ?s <http://x/SERVICE> "SERVICE" }').service
    assert not inspect("PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o }").service


def test_relative_from_resolves_against_base() -> None:
    facts = inspect("BASE <http://example.org/dir/> SELECT * FROM <g.ttl> { ?s ?p ?o }")
    assert facts.from_graphs == ("http://example.org/dir/g.ttl",)
    facts = inspect("SELECT * FROM <g.ttl> { ?s ?p ?o }", base_iri="file:///data/q.rq")
    assert facts.from_graphs == ("file:///data/g.ttl",)


def test_where_group_position_for_values_blocks() -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    facts = inspect(text)
    assert text[facts.where_open :] == "{ ?s ?p ?o }"
    assert text[facts.where_close :] == "}"
    text = "SELECT (EXISTS { ?s ?p 1 } AS ?e) { ?s ?p ?o }"
    facts = inspect(text)
    assert text[facts.where_open :] == "{ ?s ?p ?o }"
    assert inspect("CONSTRUCT WHERE { ?s ?p ?o }").where_open is None
    assert inspect("SELECT * WHERE { SELECT ?s { ?s ?p ?o } }").where_subselect


def test_depth_limit() -> None:
    ok = "SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    assert inspect(ok).depth == MAX_DEPTH
    with pytest.raises(AhtgraphError, match="501 levels deep"):
        inspect("SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1))
    with pytest.raises(AhtgraphError, match="2501 levels deep"):
        inspect("ASK { FILTER(" + "(" * 2499 + "1" + ")" * 2499 + ") }")
    # brackets inside strings and IRIs do not count
    assert inspect('SELECT * { ?s ?p "' + "{" * 1000 + '" }').depth == 1


def test_unsure_scan_falls_back_to_rdflib() -> None:
    # an unterminated string confuses the scan; rdflib's parser says it is not a query
    facts = inspect('SELECT * WHERE { ?s ?p "open }')
    assert not facts.certain
    # an undeclared-prefix FROM cannot be resolved by the scan: rdflib cannot either
    facts = inspect("SELECT * FROM ex:g { ?s ?p ?o }")
    assert not facts.certain and facts.from_graphs == ()


def test_certain_scan_does_not_import_rdflib() -> None:
    code = (
        "import sys\n"
        "from ahtgraph.queries.inspect import inspect\n"
        "inspect('PREFIX ex: <http://x/> SELECT * FROM ex:g WHERE { ?s ?p ?o }')\n"
        "assert not [m for m in sys.modules if m.startswith('rdflib')]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


CACHED = "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:p ?o }"


def test_facts_are_remembered_per_text_and_base() -> None:
    inspector.cache_clear()
    first = inspect(CACHED)
    assert inspect(CACHED) is first
    other_base = inspect(CACHED, base_iri="http://example.org/q")
    assert other_base is not first
    assert inspect(CACHED, base_iri="http://example.org/q") is other_base
    inspector.cache_clear()
    again = inspect(CACHED)
    assert again is not first
    assert again == first


def test_long_texts_are_scanned_every_time() -> None:
    long = CACHED + " #" + "x" * inspector.CACHE_LONGEST
    assert inspect(long) is not inspect(long)
    assert inspect(long).variables == ("s", "o")


def test_shared_facts_cannot_be_changed() -> None:
    facts = inspect(CACHED)
    assert facts.prefixes == {"ex": "http://example.org/"}
    with pytest.raises(TypeError):
        facts.prefixes["ex"] = "http://evil.example/"  # type: ignore[index]
    assert inspect(CACHED).prefixes["ex"] == "http://example.org/"


def test_too_deep_is_refused_every_time() -> None:
    deep = "SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1)
    for _ in range(2):
        with pytest.raises(AhtgraphError, match="levels deep"):
            inspect(deep)


def test_engine_and_server_share_one_scan() -> None:
    from ahtgraph.graph.engine import Engine
    from ahtgraph.serve import backend

    engine = Engine.load([], [], only_data=True)
    facts = backend.check(CACHED)
    assert engine.prepare(CACHED)[0] is facts
