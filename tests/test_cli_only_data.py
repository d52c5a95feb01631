"""``--only-data``, one of the shared data options: every command that reads the graph works on
the ``--data`` files alone when asked, and refuses the flag when there is no file to read.

The expected outputs are written out by hand from ``fixtures/onlydata/small.ttl`` (two made-up
organisations and one triple outside ahtgraph's namespace with an ill-typed date), never
computed by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from ahtgraph.cli import cli

SMALL = Path(__file__).parent / "fixtures" / "onlydata" / "small.ttl"
PAGE = Path(__file__).parent / "fixtures" / "sources" / "page.wp.json"

# The small fixture graph stands for the shipped one (see conftest.py): it holds id:payoke,
# which --only-data must not see.
pytestmark = pytest.mark.usefixtures("fixture_graph")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


SMALL_NT = """\
<http://example.org/other> <http://example.org/founded> "not-a-date"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://w3id.org/ahtgraph/id/test-office> <http://purl.org/dc/terms/description> "Another made-up body."@en .
<https://w3id.org/ahtgraph/id/test-office> <http://purl.org/dc/terms/source> <https://example.org/office2> .
<https://w3id.org/ahtgraph/id/test-office> <http://purl.org/dc/terms/source> <https://example.org/office> .
<https://w3id.org/ahtgraph/id/test-office> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ahtgraph/ontology#Organisation> .
<https://w3id.org/ahtgraph/id/test-office> <http://www.w3.org/2000/01/rdf-schema#label> "Test office"@en .
<https://w3id.org/ahtgraph/id/test-watch> <http://purl.org/dc/terms/description> "A body made up for a test."@en .
<https://w3id.org/ahtgraph/id/test-watch> <http://purl.org/dc/terms/source> <https://example.org/watch> .
<https://w3id.org/ahtgraph/id/test-watch> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ahtgraph/ontology#Organisation> .
<https://w3id.org/ahtgraph/id/test-watch> <http://www.w3.org/2000/01/rdf-schema#label> "Test Watch"@en .
<https://w3id.org/ahtgraph/id/test-watch> <https://w3id.org/ahtgraph/ontology#monitors> <https://w3id.org/ahtgraph/id/test-office> .
"""  # noqa: E501


def test_export_only_data_writes_exactly_the_files_triples() -> None:
    result = run("export", "--only-data", "--data", str(SMALL), "--format", "nt")
    assert result.exit_code == 0, result.output
    assert result.output == SMALL_NT
    # The same triples as pyoxigraph reads from the file: nothing of the shipped graph added.
    expected = {q.triple for q in ox.parse(path=str(SMALL), format=ox.RdfFormat.TURTLE)}
    exported = {q.triple for q in ox.parse(result.output, format=ox.RdfFormat.N_TRIPLES)}
    assert exported == expected


def test_export_without_only_data_still_adds_the_file_to_the_shipped_graph() -> None:
    result = run("export", "--data", str(SMALL), "--format", "nt")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert set(SMALL_NT.splitlines()) < set(lines)
    assert "<https://w3id.org/ahtgraph/id/payoke>" in result.output


CHECK_SMALL = """\
ERROR  ill-typed-literal    <http://example.org/other>  <http://example.org/founded>  not-a-date  "not-a-date" is not a valid xsd:date
WARN   missing-translation  id:test-office              rdfs:label                    fr  no fr label: none until a cited page states the name
WARN   missing-translation  id:test-office              rdfs:label                    nl  no nl label: none until a cited page states the name
WARN   missing-translation  id:test-watch               rdfs:label                    fr  no fr label: none until a cited page states the name
WARN   missing-translation  id:test-watch               rdfs:label                    nl  no nl label: none until a cited page states the name
INFO   single-source        id:test-watch               dcterms:source                https://example.org/watch  only one page backs this entity

1 ERROR, 4 WARN, 1 INFO
"""  # noqa: E501


def test_check_only_data_reports_on_the_given_file_alone() -> None:
    # Nothing about the shipped graph's entities (id:payoke...), and the ill-typed date of a
    # triple outside ahtgraph's namespace is found: check works on any RDF.
    result = run("check", "--only-data", "--data", str(SMALL))
    assert result.output == CHECK_SMALL
    assert result.exit_code == 1  # an ERROR, and --fail-on ERROR is the default
    assert run("check", "--only-data", "--data", str(SMALL), "--fail-on", "none").exit_code == 0


def test_check_only_data_on_the_quality_fixture() -> None:
    # problems.ttl on its own: its duplicate of Payoke's label is no longer a duplicate, and
    # the entities it links to only in the shipped graph leave its bodies without relations.
    problems = Path(__file__).parent / "fixtures" / "check" / "problems.ttl"
    result = run("check", "--only-data", "--data", str(problems), "--format", "tsv")
    assert result.output.splitlines() == [
        "Level\tRule Name\tSubject\tProperty\tValue\tMessage",
        "ERROR\tmissing-description\tid:test-mandate\tdcterms:description\t\t"
        "every entity needs a one-line description",
        "ERROR\tnot-a-url\tid:test-mandate\tdcterms:source\ta printed book\t"
        "a link or source must be an http(s) IRI",
        "ERROR\tstray-whitespace\tid:test-mandate\trdfs:label\t'Test  mandate'\t"
        "leading, trailing, doubled or control whitespace",
        "WARN\tmissing-translation\tid:test-lone-body\trdfs:label\tfr\t"
        "no fr label: none until a cited page states the name",
        "WARN\tmissing-translation\tid:test-lone-body\trdfs:label\tnl\t"
        "no nl label: none until a cited page states the name",
        "WARN\tmissing-translation\tid:test-series\trdfs:label\tfr\t"
        "no fr label: none until a cited page states the name",
        "WARN\tmissing-translation\tid:test-series\trdfs:label\tnl\t"
        "no nl label: none until a cited page states the name",
        "WARN\tno-relation\tid:test-lone-body\t\t\tnot linked to any other entity of the graph",
        "WARN\tno-relation\tid:test-mandate\t\t\tnot linked to any other entity of the graph",
        "WARN\tno-relation\tid:test-series\t\t\tnot linked to any other entity of the graph",
        "WARN\tnot-https\tid:test-lone-body\tfoaf:homepage\thttp://lone-body.example/\t"
        "plain http link; check whether an https address exists",
        "INFO\tsingle-source\tid:test-mandate\tdcterms:source\ta printed book\t"
        "only one page backs this entity",
    ]
    assert result.exit_code == 1


TEST_WATCH_PAGE = """\
id:test-watch  Test Watch

type         aht:Organisation
label        en  Test Watch
description  en  A body made up for a test.
source       <https://example.org/watch>

Relations out (1):
  aht:monitors  id:test-office  Test office

Relations in (0):
"""


def test_describe_only_data_finds_an_entity_of_the_file() -> None:
    result = run("describe", "test-watch", "--only-data", "--data", str(SMALL))
    assert result.exit_code == 0, result.output
    assert result.output == TEST_WATCH_PAGE


def test_describe_only_data_refuses_an_entity_of_the_shipped_graph() -> None:
    assert run("describe", "payoke", "--data", str(SMALL)).exit_code == 0
    result = run("describe", "payoke", "--only-data", "--data", str(SMALL))
    assert result.exit_code == 2
    assert result.output == "Error: unknown entity 'payoke'\n"


def test_jsonld_only_data_maps_an_entity_of_the_file() -> None:
    result = run("jsonld", "test-watch", "--only-data", "--data", str(SMALL))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "{\n"
        '  "@context": "https://schema.org",\n'
        '  "@id": "https://w3id.org/ahtgraph/id/test-watch",\n'
        '  "@type": "Organization",\n'
        '  "description": "A body made up for a test.",\n'
        '  "name": "Test Watch"\n'
        "}\n"
    )
    assert run("jsonld", "payoke", "--only-data", "--data", str(SMALL)).exit_code == 2


def test_site_only_data_has_a_page_for_each_entity_of_the_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("site", "-o", str(out), "--only-data", "--data", str(SMALL))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "id").glob("*.html")) == [
        "test-office.html",
        "test-watch.html",
    ]


def test_sources_check_only_data_checks_the_page_against_the_file_alone() -> None:
    # The fixture graph names PAYOKE; small.ttl does not.
    shipped = run("sources", "check", str(PAGE), "--data", str(SMALL))
    alone = run("sources", "check", str(PAGE), "--only-data", "--data", str(SMALL))
    assert "missing name: PAYOKE" not in shipped.output.splitlines()
    assert "missing name: PAYOKE" in alone.output.splitlines()
    assert alone.output.splitlines()[-1] == (
        "https://example.org/test-page/: 2 links and 7 names checked, 9 missing from the graph"
    )


VALIDATE_SMALL = """\
Does not conform: 1 problem(s) in 1 entity.

<http://example.org/other>
  Violation: <http://example.org/founded> [Datatype]
    message: "not-a-date" is not a valid xsd:date (an ill-typed literal)
    value:   not-a-date
    fix:     correct the <http://example.org/founded> value so its datatype allows it, or give it the right datatype
"""  # noqa: E501


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_validate_only_data_is_unchanged(engine: str) -> None:
    # The flag moved into the shared data options; what validate does with it did not.
    result = run("validate", "--only-data", "--data", str(SMALL), "--engine", engine)
    assert result.output == VALIDATE_SMALL
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["check"],
        ["export"],
        ["describe", "payoke"],
        ["jsonld", "payoke"],
        ["site", "-o", "{tmp}/site"],
        ["sources", "check", str(PAGE)],
        ["load", "--endpoint", "http://127.0.0.1:9/store"],
    ],
    ids=lambda c: c[0] if c[0] != "sources" else "sources-check",
)
def test_only_data_without_data_is_one_line_and_exit_2(command: list[str], tmp_path: Path) -> None:
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = run(*args, "--only-data")
    assert result.exit_code == 2
    assert result.output == (
        "Error: --only-data works on the --data files alone: give at least one --data FILE\n"
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "command",
    [["query", "SELECT * { ?s ?p ?o }"], ["serve", "--port", "0"]],
    ids=["query", "serve"],
)
def test_only_data_without_data_or_named_graph_is_refused(command: list[str]) -> None:
    result = run(*command, "--only-data")
    assert result.exit_code == 2
    assert result.output == (
        "Error: --only-data works on the --data files alone: give at least one --data FILE "
        "or --named-graph FILE\n"
    )


def test_query_only_data_with_named_graphs_alone_is_still_allowed() -> None:
    # The W3C tests with only qt:graphData load no --data: an empty default graph is right.
    extra = Path(__file__).parent / "fixtures" / "engine" / "extra.nt"
    result = run(
        "query",
        "--only-data",
        "--named-graph",
        f"{extra}=http://example.org/g",
        "--format",
        "csv",
        "SELECT ?g (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"g,n\r\nhttp://example.org/g,1\r\n"
