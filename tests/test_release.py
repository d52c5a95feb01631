"""`ahtgraph release`: the exact file list, checksums, round-trips, description, reproducibility,
refusal to overwrite and atomicity."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

import ahtgraph
from ahtgraph import release, resources, serialize
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
ONTOLOGY = URIRef("https://w3id.org/ahtgraph/ontology")
VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DUMP_EXTENSIONS = (".ttl", ".nt", ".nq", ".jsonld", ".rdf")
PARSERS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def shipped() -> Graph:
    return ahtgraph.load()


@pytest.fixture(scope="module")
def version(shipped: Graph) -> str:
    return str(shipped.value(ONTOLOGY, OWL.versionInfo))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One release of the shipped graph, SOURCE_DATE_EPOCH unset."""
    folder = tmp_path_factory.mktemp("built") / "release"
    release.build(folder, environ={})
    return folder


@pytest.fixture
def fixture_resources(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The small CLI fixture graph: fast builds for the failure paths.

    Its two reports share a label on purpose (a ``check`` ERROR the check tests need), so
    the builds below pass ``--allow-invalid``; the refusal itself is tested at the end.
    """
    monkeypatch.setenv(resources.RESOURCES_ENV, str(FIXTURE))
    resources.resource_root.cache_clear()
    yield
    resources.resource_root.cache_clear()


# ------------------------------------------------------------------------------- contents


def test_release_file_list_is_exact(built: Path, version: str) -> None:
    dumps = [f"ahtgraph-{version}{ext}" for ext in DUMP_EXTENSIONS]
    queries = [f"queries/{p.name}" for p in resources.queries_dir().glob("*.rq")]
    expected = {
        *dumps,
        *(f"{name}.gz" for name in dumps),
        f"ahtgraph-ontology-{version}.ttl",
        f"ahtgraph-shapes-{version}.ttl",
        *queries,
        "dataset.ttl",
        "SHA256SUMS",
        "CITATION.cff",
        "CHANGELOG.md",
    }
    assert set(files_in(built)) == {*expected, ".ahtgraph-build"}
    marker = json.loads((built / ".ahtgraph-build").read_text(encoding="utf-8"))
    assert marker["command"] == "release" and marker["version"] == version
    assert set(marker["files"]) == expected
    assert len(queries) >= 8


def test_sha256sum_accepts_the_checksums(built: Path) -> None:
    done = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=built, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = (built / "SHA256SUMS").read_text().splitlines()
    names = [line.split("  ", 1)[1] for line in lines]
    assert names == sorted(names)
    # the build marker, written after SHA256SUMS, is ahtgraph's note, not part of the release
    assert set(names) == set(files_in(built)) - {"SHA256SUMS", ".ahtgraph-build"}
    assert all(len(line.split("  ", 1)[0]) == 64 for line in lines)


@pytest.mark.parametrize("ext", DUMP_EXTENSIONS)
@pytest.mark.parametrize("compressed", [False, True])
def test_every_dump_is_isomorphic_with_the_shipped_graph(
    built: Path, version: str, shipped: Graph, ext: str, compressed: bool
) -> None:
    path = built / f"ahtgraph-{version}{ext}{'.gz' if compressed else ''}"
    data = path.read_bytes()
    if compressed:
        data = gzip.decompress(data)
        assert data == (built / f"ahtgraph-{version}{ext}").read_bytes()
    if ext == ".nq":
        dataset = Dataset()
        dataset.parse(data=data, format="nquads")
        name = URIRef(f"https://w3id.org/ahtgraph/releases/{version}/graph")
        assert {c for *_, c in dataset.quads((None, None, None, None))} == {name}
        back = Graph()
        for triple in dataset.graph(name):
            back.add(triple)
    else:
        back = Graph().parse(data=data, format=PARSERS[ext])
    assert len(back) == len(shipped)
    assert isomorphic(back, shipped)


def test_gzip_files_carry_no_time_or_name(built: Path, version: str) -> None:
    header = (built / f"ahtgraph-{version}.nt.gz").read_bytes()[:10]
    assert header[3] & 0x08 == 0  # FNAME flag off
    assert header[4:8] == b"\0\0\0\0"  # MTIME 0


def test_nt_dump_is_sorted_one_triple_a_line(built: Path, version: str, shipped: Graph) -> None:
    lines = (built / f"ahtgraph-{version}.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(shipped)


@pytest.mark.slow
def test_ontology_shapes_and_queries_are_the_shipped_ones(built: Path, version: str) -> None:
    from ahtgraph.loading import load_files

    ontology = Graph().parse(built / f"ahtgraph-ontology-{version}.ttl")
    assert isomorphic(ontology, load_files([resources.data_dir() / "ontology.ttl"]))
    shapes = Graph().parse(built / f"ahtgraph-shapes-{version}.ttl")
    assert isomorphic(shapes, load_files(resources.shape_files()))
    for query in resources.queries_dir().glob("*.rq"):
        assert (built / "queries" / query.name).read_bytes() == query.read_bytes()


# ------------------------------------------------------------------------------ dataset.ttl


def test_dataset_describes_every_other_file_with_size_and_checksum(
    built: Path, version: str
) -> None:
    description = Graph().parse(built / "dataset.ttl")
    base = f"https://w3id.org/ahtgraph/releases/{version}/"
    dataset = URIRef(base)
    described = {}
    for dist in description.objects(dataset, DCAT.distribution):
        url = str(description.value(dist, DCAT.downloadURL))
        assert url.startswith(base)
        name = url[len(base) :]
        checksum = description.value(dist, SPDX.checksum)
        assert description.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        size = description.value(dist, DCAT.byteSize)
        assert size.datatype == XSD.nonNegativeInteger
        media = str(description.value(dist, DCAT.mediaType))
        assert media.startswith("https://www.iana.org/assignments/media-types/")
        described[name] = (int(size), str(description.value(checksum, SPDX.checksumValue)))
    on_disk = files_in(built)
    # dataset.ttl cannot hold its own checksum; SHA256SUMS and the marker are written after it
    assert set(described) == set(on_disk) - {"dataset.ttl", "SHA256SUMS", ".ahtgraph-build"}
    for name, (size, digest) in described.items():
        assert size == len(on_disk[name]), name
        assert digest == hashlib.sha256(on_disk[name]).hexdigest(), name
    media_of = {
        str(description.value(d, DCAT.downloadURL))[len(base) :]: str(
            description.value(d, DCAT.mediaType)
        )
        for d in description.objects(dataset, DCAT.distribution)
    }
    assert media_of[f"ahtgraph-{version}.ttl"].endswith("/text/turtle")
    assert media_of[f"ahtgraph-{version}.nt.gz"].endswith("/application/n-triples")


def test_dataset_metadata_and_void_statistics(built: Path, version: str, shipped: Graph) -> None:
    description = Graph().parse(built / "dataset.ttl")
    dataset = URIRef(f"https://w3id.org/ahtgraph/releases/{version}/")
    assert {DCAT.Dataset, VOID.Dataset} <= set(description.objects(dataset, RDF.type))
    value = description.value
    assert value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert value(dataset, DCTERMS.source) == URIRef("https://samilia.org/en/other-resources/")
    assert value(dataset, OWL.versionInfo) == Literal(version)
    assert value(dataset, URIRef(str(DCAT) + "version")) == Literal(version)
    assert value(dataset, OWL.versionIRI) == dataset
    modified = shipped.value(ONTOLOGY, DCTERMS.modified)
    assert value(dataset, DCTERMS.issued) == modified
    assert value(dataset, DCTERMS.modified) == modified
    publisher = value(dataset, DCTERMS.publisher)
    assert isinstance(publisher, URIRef)
    assert value(publisher, RDF.type) == FOAF.Organization
    assert str(value(publisher, FOAF.name)) == "ahtgraph contributors"
    assert not list(description.subjects(RDF.type, FOAF.Person))
    assert value(dataset, VOID.sparqlEndpoint) is None

    assert int(value(dataset, VOID.triples)) == len(shipped)
    entities = {s for s in set(shipped.subjects()) if str(s).startswith(str(resources_id()))}
    assert int(value(dataset, VOID.entities)) == len(entities)
    assert int(value(dataset, VOID.properties)) == len(set(shipped.predicates()))
    classes = set(shipped.objects(None, RDF.type))
    assert int(value(dataset, VOID.classes)) == len(classes)
    assert str(value(dataset, VOID.uriSpace)) == str(resources_id())
    organisations = URIRef("https://w3id.org/ahtgraph/ontology#Organisation")
    [part] = [
        p
        for p in description.objects(dataset, VOID.classPartition)
        if value(p, VOID["class"]) == organisations
    ]
    assert int(value(part, VOID.entities)) == len(set(shipped.subjects(RDF.type, organisations)))
    partitions = {
        value(p, VOID.property): int(value(p, VOID.triples))
        for p in description.objects(dataset, VOID.propertyPartition)
    }
    assert sum(partitions.values()) == len(shipped)
    assert partitions[RDF.type] == len(list(shipped.triples((None, RDF.type, None))))
    examples = set(description.objects(dataset, VOID.exampleResource))
    assert examples == {resources_id()[s] for s in ("payoke", "myria", "greta")}
    vocabularies = set(description.objects(dataset, VOID.vocabulary))
    assert URIRef("https://w3id.org/ahtgraph/ontology#") in vocabularies
    assert URIRef("http://www.w3.org/2004/02/skos/core#") in vocabularies


def resources_id() -> Namespace:
    return Namespace("https://w3id.org/ahtgraph/id/")


# ------------------------------------------------------------------- citation and changelog


def test_citation_cff_names_version_date_licence_and_no_person(
    built: Path, version: str, shipped: Graph
) -> None:
    text = (built / "CITATION.cff").read_text(encoding="utf-8")
    lines = text.splitlines()
    modified = str(shipped.value(ONTOLOGY, DCTERMS.modified))
    for line in (
        "cff-version: 1.2.0",
        f'version: "{version}"',
        f'date-released: "{modified}"',
        "license: CC-BY-4.0",
        "authors:",
        '  - name: "ahtgraph contributors"',
        "type: dataset",
    ):
        assert line in lines
    assert any(line.startswith("message: ") for line in lines)
    assert any(line.startswith("title: ") for line in lines)
    for personal in ("given-names", "family-names", "orcid", "email", "repository-code"):
        assert personal not in text
    assert "\t" not in text


def test_first_changelog_says_first_release_with_counts(
    built: Path, version: str, shipped: Graph
) -> None:
    text = (built / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith(f"# Changelog\n\n## {version} (")
    assert f"First release: {len(shipped):,} triples about " in text


# ------------------------------------------------------------------------ reproducibility


def _build_in_subprocess(folder: Path, seed: str, epoch: str | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = seed
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.Popen(
        [sys.executable, "-m", "ahtgraph", "release", "-o", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_rebuilds_are_byte_identical(built: Path, tmp_path: Path, version: str) -> None:
    """Other processes (other hash seeds), SOURCE_DATE_EPOCH unset and set."""
    unset = tmp_path / "unset"
    set_a, set_b = tmp_path / "set-a", tmp_path / "set-b"
    jobs = [
        _build_in_subprocess(unset, "1", None),
        _build_in_subprocess(set_a, "2", "1767225600"),
        _build_in_subprocess(set_b, "3", "1767225600"),
    ]
    for job in jobs:
        _, err = job.communicate(timeout=300)
        assert job.returncode == 0, err.decode()
    assert files_in(unset) == files_in(built)
    assert files_in(set_a) == files_in(set_b)
    citation = (set_a / "CITATION.cff").read_text(encoding="utf-8")
    assert 'date-released: "2026-01-01"' in citation.splitlines()
    assert files_in(set_a)[f"ahtgraph-{version}.nt"] == files_in(built)[f"ahtgraph-{version}.nt"]


# ------------------------------------------------------------------ refusing and atomicity


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    for force in ([], ["--force"]):
        line = _one_error_line(run("release", "-o", target, *force))
        assert line == (
            f"Error: {target} is not empty and holds no ahtgraph build (no .ahtgraph-build); "
            "not writing into it: choose a new or empty folder"
        )
    assert files_in(target) == {"keep.txt": b"mine"}


def test_force_replaces_and_an_empty_folder_is_used(
    fixture_resources: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    target = tmp_path / "out"
    target.mkdir()
    result = run("release", "--allow-invalid", "-o", target, "--version", "1.0.0")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Release 1.0.0 (1970-01-01) in {target}: 19 files")
    line = _one_error_line(run("release", "--allow-invalid", "-o", target, "--version", "1.0.1"))
    assert line == f"Error: {target} holds an ahtgraph build; pass --force to replace it"
    result = run("release", "--allow-invalid", "-o", target, "--version", "1.0.1", "--force")
    assert result.exit_code == 0, result.output
    assert "ahtgraph-1.0.1.nt" in files_in(target)
    assert not any("1.0.0" in name for name in files_in(target))  # the old build's files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left
    (target / "stray.txt").write_text("mine")
    line = _one_error_line(
        run("release", "--allow-invalid", "-o", target, "--version", "1.0.2", "--force")
    )
    assert "holds files the earlier ahtgraph build did not write (stray.txt)" in line
    assert files_in(target)["stray.txt"] == b"mine"


def test_changelog_from_a_previous_release(
    fixture_resources: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    previous = tmp_path / "1.0.0"
    assert run("release", "--allow-invalid", "-o", previous, "--version", "1.0.0").exit_code == 0
    # Pretend 1.0.0 had one fact the fixture lacks now, and lacked one it has.
    nt = previous / "ahtgraph-1.0.0.nt"
    lines = nt.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if "/id/payoke>" in line.split(" ", 1)[0])
    extra = '<https://w3id.org/ahtgraph/id/gone> <http://www.w3.org/2000/01/rdf-schema#label> "Gone" .\n'  # noqa: E501
    nt.write_text("".join(sorted([*(x for x in lines if x != dropped), extra])))
    result = run(
        "release",
        "--allow-invalid",
        "-o",
        tmp_path / "1.1.0",
        "--version",
        "1.1.0",
        "--previous",
        previous,
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "1.1.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    head, _, older = text.partition("\n## 1.0.0 (1970-01-01)\n")
    assert head.startswith(
        "# Changelog\n\n## 1.1.0 (1970-01-01)\n\n"
        "Changes since 1.0.0 (from `ahtgraph diff`): 1 fact added, 1 removed, in 2 entities."
    )
    assert "- `id:gone`: 0 added, 1 removed\n- `id:payoke`: 1 added, 0 removed\n" in head
    assert older.strip().startswith("First release: ")


def test_a_failing_serializer_leaves_no_folder(
    fixture_resources: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = serialize.dumps

    def failing(graph: Graph, fmt: str) -> str:
        if fmt == "xml":
            raise RuntimeError("serializer broke")
        return real(graph, fmt)

    monkeypatch.setattr(serialize, "dumps", failing)
    target = tmp_path / "out"
    with pytest.raises(RuntimeError, match="serializer broke"):
        release.build(
            target, version="1.0.0", environ={"SOURCE_DATE_EPOCH": "0"}, allow_invalid=True
        )
    assert list(tmp_path.iterdir()) == []


def test_a_dump_that_does_not_read_back_is_an_error(
    fixture_resources: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = serialize.dumps

    def lossy(graph: Graph, fmt: str) -> str:
        if fmt == "jsonld":
            smaller = Graph()
            for triple in sorted(graph)[1:]:
                smaller.add(triple)
            return real(smaller, fmt)
        return real(graph, fmt)

    monkeypatch.setattr(serialize, "dumps", lossy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    line = _one_error_line(
        run("release", "--allow-invalid", "-o", tmp_path / "out", "--version", "1.0.0")
    )
    assert line.startswith(
        "Error: release check failed: ahtgraph-1.0.0.jsonld does not parse back to the graph"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--version", "1.0"], {"SOURCE_DATE_EPOCH": "0"}, "version '1.0' is not X.Y.Z"),
        (["--version", "1.0.0"], {"SOURCE_DATE_EPOCH": "soon"}, "SOURCE_DATE_EPOCH='soon'"),
        ([], {"SOURCE_DATE_EPOCH": "0"}, "has no owl:versionInfo; pass --version"),
    ],
)
def test_bad_release_requests_exit_2(
    fixture_resources: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    message: str,
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert message in _one_error_line(run("release", "-o", tmp_path / "out", *args))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["release", "diff"])
def test_help_has_examples_and_does_not_import_rdflib(command: str) -> None:
    code = (
        "import sys\nfrom ahtgraph.cli import main\n"
        f"try:\n    main([{command!r}, '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyshacl')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "Examples:" in done.stdout
    assert f"ahtgraph {command}" in done.stdout


# ------------------------------------------------------------------- invalid data is refused


def _resources_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    """A copy of the fixture graph with its check ERROR removed and ``extra`` Turtle added."""
    root = tmp_path / "resources"
    shutil.copytree(FIXTURE, root)
    data = root / "data" / "resources.ttl"
    text = data.read_text(encoding="utf-8")
    assert text.count('"Annual report"@en') == 2
    data.write_text(text.replace('"Annual report"@en', '"Annual report 2022"@en', 1))
    (root / "data" / "extra.ttl").write_text(extra, encoding="utf-8")
    monkeypatch.setenv(resources.RESOURCES_ENV, str(root))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    resources.resource_root.cache_clear()


ILL_TYPED = (
    "<https://w3id.org/ahtgraph/id/payoke> <https://w3id.org/ahtgraph/ontology#since> "
    '"not-a-date"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
)
STRAY_SPACE = (
    "<https://w3id.org/ahtgraph/id/payoke> <http://www.w3.org/2004/02/skos/core#altLabel> "
    '"Pay  oke"@en .\n'
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ILL_TYPED,
            "Error: not releasing: the data does not conform to the shapes (1 problem(s); "
            'first: id:payoke aht:since: "not-a-date" is not a valid xsd:date (an ill-typed '
            "literal)); run ahtgraph validate, or pass --allow-invalid to release it anyway",
        ),
        (
            STRAY_SPACE,
            "Error: not releasing: ahtgraph check finds 1 ERROR(s) (first: stray-whitespace "
            "id:payoke skos:altLabel: leading, trailing, doubled or control whitespace); run "
            "ahtgraph check, or pass --allow-invalid to release it anyway",
        ),
    ],
)
def test_invalid_data_is_not_released_without_allow_invalid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, message: str
) -> None:
    _resources_with(tmp_path, monkeypatch, extra)
    target = tmp_path / "out"
    result = run("release", "-o", target, "--version", "1.0.0")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", message + "\n")
    assert not target.exists()
    result = run("release", "-o", target, "--version", "1.0.0", "--allow-invalid")
    assert result.exit_code == 0, result.output
    assert (target / ".ahtgraph-build").is_file()


def test_valid_data_is_released_without_allow_invalid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _resources_with(tmp_path, monkeypatch, "")
    result = run("release", "-o", tmp_path / "out", "--version", "1.0.0")
    assert result.exit_code == 0, result.output
