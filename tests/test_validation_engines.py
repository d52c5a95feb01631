"""The fast validation path (SHACL-SPARQL on Oxigraph) gives pyshacl's report, exactly.

Two reports are the same when their sets of (focus node, path, constraint component, source
shape, severity, value) are equal; messages may differ. Blank-node shapes and paths are
compared by what they say (their triples in the report graph), since each run parses the
shapes afresh. pyshacl (``engine="pyshacl"``) is the reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph
from rdflib.term import Node

from ahtgraph import validation
from ahtgraph.validation import ValidationReport, validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"


def _describe(graph: Graph | None, node: Node | None, depth: int = 0) -> object:
    """A blank node as the sorted description of its triples (nested a few levels)."""
    if not isinstance(node, BNode) or graph is None or depth > 4:
        return None if isinstance(node, BNode) else node
    return tuple(
        sorted(
            (str(p), str(_describe(graph, o, depth + 1))) for p, o in graph.predicate_objects(node)
        )
    )


def facts(report: ValidationReport) -> set[tuple[object, ...]]:
    return {
        (
            r.focus_node,
            _describe(report.graph, r.path),
            r.constraint_component,
            _describe(report.graph, r.source_shape),
            r.severity,
            _describe(report.graph, r.value),
        )
        for r in report.results
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["(shipped graph)", *sorted(p.stem for p in FIXTURES.glob("*.ttl"))]
)
def test_oxigraph_path_reports_what_pyshacl_reports(name: str) -> None:
    data = [] if name.startswith("(") else [FIXTURES / f"{name}.ttl"]
    reference = validate(data, engine="pyshacl")
    fast = validation._oxigraph(data)
    assert fast is not None, "the Oxigraph validator fell back to pyshacl"
    assert fast.conforms == reference.conforms
    assert facts(fast) == facts(reference)
    assert len(fast.results) == len(reference.results)


def test_a_conforming_run_imports_neither_rdflib_nor_pyshacl() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ahtgraph.validation import validate\n"
        "assert validate().conforms\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyshacl')]\n"
        "assert not loaded, loaded[:3]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_shape_feature_it_lacks_falls_back_to_pyshacl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ahtgraph import resources

    (tmp_path / "data").mkdir()
    (tmp_path / "shapes").mkdir()
    (tmp_path / "data" / "d.ttl").write_text(
        '<https://example.org/a> <https://example.org/name> "ab" .\n'
    )
    (tmp_path / "shapes" / "s.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://example.org/S> a sh:NodeShape ; sh:targetNode <https://example.org/a> ;\n"
        "  sh:property [ sh:path <https://example.org/name> ; sh:minLength 3 ] .\n"
    )
    monkeypatch.setenv(resources.RESOURCES_ENV, str(tmp_path))
    resources.resource_root.cache_clear()
    try:
        assert validation._oxigraph([]) is None  # sh:minLength: not implemented here
        report = validate()
        assert [r.component_name for r in report.results] == ["MinLength"]
    finally:
        resources.resource_root.cache_clear()


@pytest.mark.parametrize("engine", ["oxigraph", pytest.param("pyshacl", marks=pytest.mark.slow)])
def test_only_data_validates_the_given_file_alone(engine: str) -> None:
    # the bad fixture refers to shipped entities; alone, only its own triples are checked
    bad = FIXTURES / "misspelt-predicate.ttl"
    with_graph = validate([bad], engine=engine)
    alone = validate([bad], engine=engine, only_data=True)
    assert [r.component_name for r in with_graph.results] == ["Closed"]
    assert alone.conforms and alone.results == []
