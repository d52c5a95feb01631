"""The pyoxigraph engine: datasets, parameters, limits and timeouts, with exact answers.

Expectations are written out by hand from the fixture files in tests/fixtures/engine/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from ahtgraph.errors import AhtgraphError
from ahtgraph.graph.engine import Boolean, DataFile, Engine, QueryTimeout, Rows, Triples

FIXTURES = Path(__file__).parent / "fixtures" / "engine"
FUNDS = FIXTURES / "funds.ttl"
GRAPHS = FIXTURES / "graphs.trig"
EXTRA = FIXTURES / "extra.nt"
EX = "http://example.org/"


def iri(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def values(answer: object) -> list[tuple[str | None, ...]]:
    """Rows as tuples of plain values, sorted, for comparing with hand-written lists."""
    assert isinstance(answer, Rows)
    return sorted(tuple(None if t is None else t.value for t in row) for row in answer)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load([FUNDS, GRAPHS], only_data=True)


def test_select_star_columns_follow_the_query_text(engine: Engine) -> None:
    text = "SELECT * WHERE { ?zeta <http://example.org/funds> ?alpha . ?alpha ?mid ?b }"
    assert engine.query(text).variables == ("zeta", "alpha", "mid", "b")
    # the same order when the query runs in the killable child process
    assert engine.query(text, timeout=10).variables == ("zeta", "alpha", "mid", "b")


def test_select_star_rows_follow_the_reordered_columns(engine: Engine) -> None:
    """Values move with their columns (pyoxigraph gives them sorted: alpha, nothing, zeta)."""
    text = (
        "SELECT * WHERE { VALUES (?zeta ?alpha ?nothing) "
        '{ (<http://example.org/z> "a" UNDEF) (UNDEF "a2" "n") } }'
    )
    for answer in (engine.query(text), engine.query(text, timeout=10)):
        assert isinstance(answer, Rows)
        assert answer.variables == ("zeta", "alpha", "nothing")
        assert list(answer) == [
            (iri("z"), ox.Literal("a"), None),
            (None, ox.Literal("a2"), ox.Literal("n")),
        ]


def test_select_star_order_is_the_same_in_every_process() -> None:
    code = (
        "from ahtgraph.graph.engine import Engine\n"
        f"e = Engine.load([{str(FUNDS)!r}], only_data=True)\n"
        "print(e.query('SELECT * { ?s ?p ?o . OPTIONAL { ?o ?q ?x } }').variables)\n"
    )
    seen = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        seen.add(out.stdout)
    assert seen == {"('s', 'p', 'o', 'q', 'x')\n"}


def test_only_data_default_graph_is_the_files_default_graphs(engine: Engine) -> None:
    answer = engine.query("SELECT ?s ?o WHERE { ?s <http://example.org/monitors> ?o }")
    assert values(answer) == [(EX + "alpha", EX + "beta")]


def test_named_graphs_from_trig_stay_named(engine: Engine) -> None:
    answer = engine.query("SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert values(answer) == [
        (EX + "g1", EX + "beta", EX + "gamma"),
        (EX + "g2", EX + "gamma", EX + "alpha"),
        (EX + "g2", EX + "gamma", EX + "delta"),
    ]
    assert engine.graphs() == {EX + "g1", EX + "g2"}


def test_shipped_mode_default_graph_is_the_union_of_all_graphs() -> None:
    engine = Engine.load([GRAPHS])
    answer = engine.query("SELECT ?s ?o WHERE { ?s <http://example.org/monitors> ?o }")
    assert values(answer) == [
        (EX + "alpha", EX + "beta"),
        (EX + "beta", EX + "gamma"),
        (EX + "gamma", EX + "alpha"),
        (EX + "gamma", EX + "delta"),
    ]
    # the shipped graph is there too
    ask = engine.query("ASK { <https://w3id.org/ahtgraph/id/payoke> ?p ?o }")
    assert ask == Boolean(True)


def test_from_and_from_named_restrict_to_local_graphs(engine: Engine) -> None:
    answer = engine.query("SELECT ?s ?o FROM <http://example.org/g2> WHERE { ?s ?p ?o }")
    assert values(answer) == [(EX + "gamma", EX + "alpha"), (EX + "gamma", EX + "delta")]
    answer = engine.query(
        "PREFIX ex: <http://example.org/> SELECT ?g ?s FROM NAMED ex:g1 "
        "WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    assert values(answer) == [(EX + "g1", EX + "beta")]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("SELECT * FROM <http://elsewhere.example/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://elsewhere.example/data.ttl> { ?s ?p ?o }", "FROM NAMED"),
    ],
)
def test_from_an_unknown_graph_is_an_error_naming_it(
    engine: Engine, text: str, clause: str
) -> None:
    with pytest.raises(AhtgraphError) as caught:
        engine.query(text)
    assert f"{clause} <http://elsewhere.example/data.ttl> names no graph" in caught.value.message


def test_graph_with_an_unknown_iri_matches_nothing(engine: Engine) -> None:
    answer = engine.query("SELECT * WHERE { GRAPH <http://example.org/none> { ?s ?p ?o } }")
    assert values(answer) == []


def test_protocol_dataset_overrides_and_is_checked(engine: Engine) -> None:
    answer = engine.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=[EX + "g1"])
    assert values(answer) == [(EX + "beta",)]
    with pytest.raises(AhtgraphError, match="default-graph-uri <http://nowhere/>"):
        engine.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=["http://nowhere/"])


def test_named_graph_file_with_and_without_iri() -> None:
    engine = Engine.load(
        named_graphs=[f"{EXTRA}=http://example.org/extra", DataFile.named(FUNDS)],
        only_data=True,
    )
    assert engine.graphs() == {EX + "extra", FUNDS.resolve().as_uri()}
    answer = engine.query(
        "SELECT ?g WHERE { GRAPH ?g { <http://example.org/delta> ?p ?o } }",
    )
    assert values(answer) == [(FUNDS.resolve().as_uri(),), (EX + "extra",)]
    # with --only-data the named graphs are not in the default graph
    assert values(engine.query("SELECT ?s WHERE { ?s ?p ?o }")) == []


def test_relative_iris_resolve_against_the_file() -> None:
    engine = Engine.load([FUNDS], only_data=True)
    answer = engine.query('SELECT ?s WHERE { ?s ?p "resolved against the file" }')
    assert values(answer) == [((FIXTURES / "relative").resolve().as_uri(),)]


def test_an_empty_file_is_valid_data(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    engine = Engine.load([empty], only_data=True)
    assert engine.query("ASK { ?s ?p ?o }") == Boolean(False)


def test_single_param_binds_natively_even_when_not_projected(engine: Engine) -> None:
    text = "SELECT ?name WHERE { ?org <http://example.org/name> ?name }"
    assert values(engine.query(text, {"org": iri("alpha")})) == [("Alpha",)]
    assert values(engine.query(text, ["org=<http://example.org/gamma>"])) == [("Gamma",)]
    star = engine.query(
        "SELECT * WHERE { ?org <http://example.org/funds> ?x }", {"org": iri("beta")}
    )
    assert isinstance(star, Rows)
    assert star.variables == ("org", "x")
    assert values(star) == [(EX + "beta", EX + "gamma")]


def test_repeated_param_becomes_a_values_block(engine: Engine) -> None:
    text = (
        "SELECT ?name WHERE { ?org <http://example.org/name> ?name "
        "FILTER(?org != <http://example.org/nobody>) }"
    )
    params = ["org=<http://example.org/alpha>", "org=<http://example.org/gamma>"]
    assert values(engine.query(text, params)) == [("Alpha",), ("Gamma",)]
    assert values(engine.query(text, {"org": [iri("alpha"), iri("gamma")]})) == [
        ("Alpha",),
        ("Gamma",),
    ]


def test_values_block_around_a_bare_subquery(engine: Engine) -> None:
    text = "SELECT ?name WHERE { SELECT ?org ?name WHERE { ?org <http://example.org/name> ?name } }"
    params = ["org=<http://example.org/alpha>", "org=<http://example.org/gamma>"]
    assert values(engine.query(text, params)) == [("Alpha",), ("Gamma",)]


def test_param_values_cannot_change_the_query(engine: Engine) -> None:
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    text = "SELECT ?org WHERE { ?org <http://example.org/name> ?name }"
    assert values(engine.query(text, {"name": [hostile, "Alpha"]})) == [(EX + "alpha",)]
    assert values(engine.query(text, {"name": hostile})) == []


def test_unknown_param_is_refused(engine: Engine) -> None:
    with pytest.raises(AhtgraphError, match=r"no variable \?orgg to bind"):
        engine.query("SELECT ?org WHERE { ?org ?p ?o }", {"orgg": "x"})


def test_updates_and_service_are_refused(engine: Engine) -> None:
    with pytest.raises(AhtgraphError, match="SPARQL Update"):
        engine.query("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    with pytest.raises(AhtgraphError, match="SERVICE"):
        engine.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_syntax_error_is_one_short_line(engine: Engine) -> None:
    with pytest.raises(AhtgraphError) as caught:
        engine.query("SELECT * WHERE { ?s ?p ?o ")
    assert caught.value.message.startswith(
        "malformed SPARQL query at line 1, column 27 at end of query: expected one of"
    )
    assert len(caught.value.message) < 260


def test_deep_nesting_is_refused_before_pyoxigraph_sees_it(engine: Engine) -> None:
    deep = "SELECT * WHERE " + "{" * 2500 + "}" * 2500
    with pytest.raises(AhtgraphError, match="2500 levels deep; at most 500"):
        engine.query(deep)


def test_nesting_at_the_limit_runs_in_a_thread(engine: Engine) -> None:
    """500 levels must not crash pyoxigraph in a worker thread (smaller stacks than main)."""
    text = "SELECT * WHERE " + "{" * 499 + " ?s <http://example.org/funds> ?o " + "}" * 499
    parens = "ASK { FILTER(" + "(" * 498 + "1" + ")" * 498 + ") }"
    found: list[object] = []

    def run() -> None:
        found.append(len(values(engine.query(text))))
        found.append(engine.query(parens))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert found == [2, Boolean(True)]


def test_ill_typed_literals_do_not_crash(engine: Engine) -> None:
    text = (
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
        "SELECT ?s (YEAR(?d) AS ?y) WHERE { ?s <http://example.org/founded> ?d "
        'FILTER(?d >= "2000-01-01"^^xsd:date) }'
    )
    assert values(engine.query(text)) == [(EX + "delta", "2001")]
    # a plain string is not comparable with a date: no row, unlike rdflib's answer
    text = 'SELECT ?s WHERE { ?s <http://example.org/founded> ?d FILTER("2020" >= ?d) }'
    assert values(engine.query(text)) == []


def test_row_limit_truncates_and_says_so(engine: Engine) -> None:
    answer = engine.query("SELECT ?s WHERE { ?s <http://example.org/name> ?n }", limit=2)
    assert isinstance(answer, Rows)
    assert len(list(answer)) == 2
    assert answer.truncated
    answer = engine.query("SELECT ?s WHERE { ?s <http://example.org/funds> ?n }", limit=2)
    assert len(list(answer)) == 2
    assert not answer.truncated


def test_construct_streams_triples(engine: Engine) -> None:
    answer = engine.query(
        "CONSTRUCT { ?b <http://example.org/fundedBy> ?a } "
        "WHERE { ?a <http://example.org/funds> ?b }",
        timeout=10,
    )
    assert isinstance(answer, Triples)
    assert sorted((t.subject.value, t.object.value) for t in answer) == [
        (EX + "beta", EX + "alpha"),
        (EX + "gamma", EX + "beta"),
    ]


def test_timeout_stops_a_long_query_and_the_engine_stays_usable(engine: Engine) -> None:
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
        "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x }"
    )
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        list(engine.query(slow, timeout=0.5))
    assert time.monotonic() - started < 5
    assert values(
        engine.query(
            "SELECT ?o WHERE { <http://example.org/alpha> <http://example.org/funds> ?o }",
            timeout=5,
        )
    ) == [(EX + "beta",)]


def test_forked_errors_are_one_line(engine: Engine) -> None:
    with pytest.raises(AhtgraphError, match="malformed SPARQL query at line 1"):
        engine.query("SELECT * WHERE { ?s ?p ", timeout=5)


def test_store_dir_is_built_once_then_reused(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    first = Engine.load([FUNDS], only_data=True, store_dir=folder)
    assert len(first) == 8
    marker = folder / "ahtgraph-store.json"
    built = marker.stat().st_mtime_ns
    del first
    again = Engine.load([FUNDS], only_data=True, store_dir=folder)
    assert values(
        again.query("SELECT ?n WHERE { <http://example.org/alpha> <http://example.org/name> ?n }")
    ) == [("Alpha",)]
    assert marker.stat().st_mtime_ns == built


def test_store_dir_refuses_a_folder_that_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(AhtgraphError, match="holds no ahtgraph store"):
        Engine.load([FUNDS], only_data=True, store_dir=tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_query_path_imports_no_rdflib() -> None:
    code = (
        "import sys\n"
        "from ahtgraph.graph.engine import Engine\n"
        "from ahtgraph.queries import writers\n"
        "e = Engine.load()\n"
        "a = e.query('SELECT * WHERE { ?s a ?t } LIMIT 3', {'t': ['id:x', 'y']})\n"
        "writers.write_rows('csv', a.variables, a, sys.stdout)\n"
        "assert not [m for m in sys.modules if m.startswith('rdflib')], 'rdflib imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout == b"s,t\r\n"
