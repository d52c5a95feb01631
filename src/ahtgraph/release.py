"""Building a release: the whole graph in five RDF syntaxes, described, checksummed, citable.

``build`` writes the folder in place through ``output.build_folder``: each file atomically,
every dump parsed back and checked, and the marker ``.ahtgraph-build`` last, so an interrupted
build is recognisable (no marker) and ``--force`` replaces only a folder ahtgraph built. A
failure in a new folder leaves nothing behind. Nothing depends on the clock or on hash
order: the date comes from ``SOURCE_DATE_EPOCH`` or the ontology's ``dcterms:modified``,
the dumps from ``serialize.dumps`` (deterministic), gzip runs with mtime 0 and no file name.
Building twice gives byte-identical files.

A release folder (X.Y.Z is the version)::

    ahtgraph-X.Y.Z.{ttl,nt,nq,jsonld,rdf}     the whole graph (provenance claims included)
    ahtgraph-X.Y.Z.{ttl,nt,nq,jsonld,rdf}.gz  the same, gzip-compressed
    ahtgraph-ontology-X.Y.Z.ttl               the ontology alone
    ahtgraph-shapes-X.Y.Z.ttl                 every SHACL shape file merged
    queries/*.rq                              the named SPARQL queries
    CITATION.cff, CHANGELOG.md                how to cite it; what changed
    dataset.ttl                               DCAT 3 + VoID description of the files above
    SHA256SUMS                                checksums of every other file (``sha256sum -c``)
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from . import dataset_description, graph_diff, output, progress, quality, resources, serialize
from .errors import AhtgraphError, InvalidData
from .loading import describe_parse_error, load_files, load_graph, new_graph
from .terms import show
from .validation import validate
from .validation_report import render_path

if TYPE_CHECKING:
    from rdflib import Graph

ONTOLOGY = "https://w3id.org/ahtgraph/ontology"
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")

#: extension, serialize.dumps format, rdflib parser, title of the distribution.
DUMPS = (
    (".ttl", "turtle", "turtle", "Turtle"),
    (".nt", "nt", "nt", "N-Triples (sorted, one triple a line)"),
    (".nq", "nt", "nquads", "N-Quads (every triple in the release's named graph)"),
    (".jsonld", "jsonld", "json-ld", "JSON-LD (context embedded)"),
    (".rdf", "xml", "xml", "RDF/XML"),
)


@dataclass(frozen=True)
class Release:
    """What ``build`` wrote: the folder, the version, its files with sizes, and the time it took."""

    directory: Path
    version: str
    date: dt.date
    files: list[tuple[str, int]]
    seconds: float


# ----------------------------------------------------------------------------- metadata


def dump_name(version: str, extension: str) -> str:
    return f"ahtgraph-{version}{extension}"


def graph_iri(version: str) -> str:
    """The named graph that the N-Quads dump puts every triple in."""
    return f"{dataset_description.release_iri(version)}graph"


def ontology_version(graph: Graph) -> str:
    """The ontology's ``owl:versionInfo``."""
    value = graph.value(URIRef(ONTOLOGY), OWL.versionInfo)
    if value is None:
        raise AhtgraphError(f"the ontology <{ONTOLOGY}> has no owl:versionInfo; pass --version")
    return str(value)


def release_date(graph: Graph, environ: Mapping[str, str]) -> dt.date:
    """``SOURCE_DATE_EPOCH`` (UTC day) if set, else the ontology's ``dcterms:modified``.

    Never the clock: the same sources must give the same release.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
        if not (epoch.isascii() and epoch.isdigit()):
            raise AhtgraphError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (OverflowError, ValueError, OSError):
            raise AhtgraphError(
                f"SOURCE_DATE_EPOCH={epoch} is past the last date a release can carry (9999-12-31)"
            ) from None
    value = graph.value(URIRef(ONTOLOGY), DCTERMS.modified)
    date = value.toPython() if isinstance(value, Literal) else None
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        raise AhtgraphError(
            f"no release date: set SOURCE_DATE_EPOCH or give <{ONTOLOGY}> a dcterms:modified date"
        )
    return date


def citation(version: str, date: dt.date) -> str:
    """CITATION.cff (Citation File Format 1.2.0); strings quoted as JSON, which YAML reads."""
    q = json.dumps
    keywords = ["knowledge graph", "RDF", "human trafficking", "linked data"]
    lines = [
        "# Generated by `ahtgraph release`.",
        "cff-version: 1.2.0",
        f"message: {q('If you use this dataset, please cite it as below.')}",
        "type: dataset",
        f"title: {q(dataset_description.TITLE)}",
        f"version: {q(version)}",
        f"date-released: {q(date.isoformat())}",
        "license: CC-BY-4.0",
        "authors:",
        f"  - name: {q(dataset_description.PUBLISHER_NAME)}",
        f"abstract: {q(dataset_description.DESCRIPTION)}",
        "keywords:",
        *(f"  - {q(k)}" for k in keywords),
    ]
    return "\n".join(lines) + "\n"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def changelog(
    version: str,
    date: dt.date,
    counts: Mapping[str, int],
    changes: graph_diff.Diff | None,
    previous_version: str | None,
    previous_changelog: str | None,
) -> str:
    """CHANGELOG.md: this release's entry on top of the previous release's entries."""
    size = (
        f"{counts['triples']:,} triples about {counts['entities']:,} entities, "
        f"{counts['classes']:,} classes, {counts['properties']:,} properties"
    )
    lines = ["# Changelog", "", f"## {version} ({date.isoformat()})", ""]
    if changes is None:
        lines += [f"First release: {size}."]
    else:
        since = previous_version or changes.old
        lines += [
            f"Changes since {since} (from `ahtgraph diff`): {_plural(changes.added, 'fact')} "
            f"added, {changes.removed:,} removed, in "
            f"{_plural(len(changes.entities), 'entity', 'entities')}. Now {size}.",
        ]
        if changes.entities:
            lines.append("")
        for entity in changes.entities:
            lines.append(
                f"- `{show(entity.subject)}`: {len(entity.added)} added, "
                f"{len(entity.removed)} removed"
            )
    text = "\n".join(lines) + "\n"
    if previous_changelog:
        older = previous_changelog.split("\n", 1)[1] if previous_changelog.startswith("#") else ""
        older = older.lstrip("\n")
        if older:
            text += "\n" + older
    return text


# ------------------------------------------------------------------------------ writing


def gzip_bytes(data: bytes) -> bytes:
    """gzip without a time stamp or file name, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buffer.getvalue()


def _to_nquads(ntriples: str, graph_name: str) -> str:
    """The N-Triples dump with every triple put into one named graph (same sorted order)."""
    suffix = f" <{graph_name}> .\n"
    out = []
    for line in ntriples.splitlines():
        if not line.endswith(" ."):
            raise ValueError(f"unexpected N-Triples line: {line!r}")
        out.append(line[:-2] + suffix)
    return "".join(out)


def _verify(folder: Path, version: str, graph: Graph, ontology: Graph, shapes: Graph) -> None:
    """Parse every dump back and require a graph isomorphic with the one it was written from."""
    expected = {dump_name(version, ext): (parser, graph) for ext, _, parser, _ in DUMPS}
    expected[f"ahtgraph-ontology-{version}.ttl"] = ("turtle", ontology)
    expected[f"ahtgraph-shapes-{version}.ttl"] = ("turtle", shapes)
    for name, (parser, source) in expected.items():
        path = folder / name
        try:
            if parser == "nquads":
                dataset = Dataset()
                dataset.parse(path, format=parser)
                contexts = {c for _, _, _, c in dataset.quads((None, None, None, None))}
                if contexts != {URIRef(graph_iri(version))}:
                    raise AhtgraphError(f"release check failed: {name} has other graphs")
                back = new_graph()
                for triple in dataset.graph(URIRef(graph_iri(version))):
                    back.add(triple)
            else:
                back = new_graph()
                back.parse(path, format=parser)
        except AhtgraphError:
            raise
        except Exception as exc:  # any parser error means the dump is broken
            where = describe_parse_error(exc)
            raise AhtgraphError(f"release check failed: cannot parse {name}: {where}") from exc
        if _has_bnodes(source):
            # rdflib's isomorphic() takes seconds on the shapes' many blank nodes (RDF lists);
            # the canonical Turtle of what was read back equals what was written iff the two
            # graphs are isomorphic, and costs half as much.
            same = serialize.dumps(back, "turtle") == path.read_text(encoding="utf-8")
        else:
            # Without blank nodes two graphs are isomorphic iff they hold the same triples, and
            # a set comparison takes milliseconds where isomorphic() took 7 s of the release.
            same = set(back) == set(source)
        if not same:
            raise AhtgraphError(
                f"release check failed: {name} does not parse back to the graph it was written "
                f"from ({len(back)} triples read, {len(source)} written)"
            )
        compressed = folder / f"{name}.gz"
        if compressed.exists() and gzip.decompress(compressed.read_bytes()) != path.read_bytes():
            raise AhtgraphError(f"release check failed: {compressed.name} differs from {name}")


def _has_bnodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def _file_infos(folder: Path, titles: Mapping[str, str]) -> list[dataset_description.FileInfo]:
    infos = []
    for name in sorted(titles):
        data = (folder / name).read_bytes()
        infos.append(
            dataset_description.FileInfo(
                name, titles[name], len(data), hashlib.sha256(data).hexdigest()
            )
        )
    return infos


def build(
    out_dir: Path,
    version: str | None = None,
    previous: Path | None = None,
    force: bool = False,
    environ: Mapping[str, str] | None = None,
    allow_invalid: bool = False,
) -> Release:
    """Write a complete, checked release into ``out_dir`` (see the module docstring).

    Data that fails ``validate`` or where ``check`` finds an ERROR is refused
    (:class:`InvalidData`, before anything is written) unless ``allow_invalid``.
    """
    started = time.perf_counter()
    environ = os.environ if environ is None else environ
    out_dir = Path(out_dir)
    output.check_folder(out_dir, force)  # refuse before the long work
    graph = load_graph()
    version = version or ontology_version(graph)
    if not VERSION_PATTERN.match(version):
        raise AhtgraphError(f"version {version!r} is not X.Y.Z (digits, e.g. 0.1.0)")
    date = release_date(graph, environ)

    changes = previous_version = previous_changelog = None
    if previous is not None:
        previous = Path(previous)
        if previous.is_dir():
            previous_version = graph_diff.release_version(previous)
            log = previous / "CHANGELOG.md"
            previous_changelog = log.read_text(encoding="utf-8") if log.is_file() else None
        changes = graph_diff.compare(graph_diff.read(previous), graph, str(previous), "this")

    if not allow_invalid:
        progress.note("checking the data (validate, check)")
        refuse_invalid(graph)
        progress.note("the data conforms and check finds no ERROR")

    ontology_file = resources.data_dir() / "ontology.ttl"
    ontology = load_files([ontology_file]) if ontology_file.is_file() else load_files([])
    shapes = load_files(resources.shape_files())

    about = {"version": version, "date": date.isoformat()}
    with output.build_folder(out_dir, force=force, command="release", about=about) as folder:
        titles: dict[str, str] = {}

        def put(name: str, title: str, data: bytes) -> bytes:
            folder.write(name, data)
            titles[name] = title
            return data

        nt_text = None
        for ext, fmt, _, label in DUMPS:
            if ext == ".nq":
                assert nt_text is not None
                text = _to_nquads(nt_text, graph_iri(version))
            else:
                text = serialize.dumps(graph, fmt)
            if fmt == "nt":
                nt_text = text
            name = dump_name(version, ext)
            data = put(name, f"The whole graph, {label}", text.encode("utf-8"))
            put(f"{name}.gz", f"The whole graph, {label}, gzip-compressed", gzip_bytes(data))
            progress.note(f"wrote {name} and {name}.gz ({len(data):,} bytes)")
        put(
            f"ahtgraph-ontology-{version}.ttl",
            "The ahtgraph OWL ontology alone, Turtle",
            serialize.dumps(ontology, "turtle").encode("utf-8"),
        )
        put(
            f"ahtgraph-shapes-{version}.ttl",
            "The SHACL shapes the graph is validated with, all files merged, Turtle",
            serialize.dumps(shapes, "turtle").encode("utf-8"),
        )
        for query in sorted(resources.queries_dir().glob("*.rq")):
            put(f"queries/{query.name}", f"Named SPARQL query {query.stem}", query.read_bytes())
        put(
            "CITATION.cff",
            "How to cite this release (Citation File Format 1.2.0)",
            citation(version, date).encode("utf-8"),
        )
        counts = dataset_description.counts(graph)
        put(
            "CHANGELOG.md",
            "What changed since the previous release",
            changelog(version, date, counts, changes, previous_version, previous_changelog).encode(
                "utf-8"
            ),
        )
        progress.note("parsing every dump back to check it")
        _verify(out_dir, version, graph, ontology, shapes)
        progress.note("every dump checked; writing dataset.ttl and SHA256SUMS")

        infos = _file_infos(out_dir, titles)
        dump_names = [n for n in titles if n.startswith(f"ahtgraph-{version}.")]
        description = dataset_description.describe(graph, version, date, infos, dump_names)
        folder.write("dataset.ttl", dataset_description.to_turtle(description))

        listed = sorted([*titles, "dataset.ttl"])
        sums = "".join(
            f"{hashlib.sha256((out_dir / n).read_bytes()).hexdigest()}  {n}\n" for n in listed
        )
        folder.write("SHA256SUMS", sums)
        files = [(n, (out_dir / n).stat().st_size) for n in [*listed, "SHA256SUMS"]]
    return Release(out_dir, version, date, files, time.perf_counter() - started)


def refuse_invalid(graph: Graph) -> None:
    """InvalidData naming the first problem, when the shipped data fails validate or check.

    A release is what reusers download: publishing data the project's own checks reject would
    spread the error, so ``release`` asks for ``--allow-invalid`` to do it knowingly.
    """
    report = validate()
    if not report.conforms:
        first = report.results[0]
        where = f"{show(first.focus_node)} {render_path(report.graph, first.path)}"
        raise InvalidData(
            f"not releasing: the data does not conform to the shapes "
            f"({len(report.results)} problem(s); first: {where}: {first.message}); "
            "run ahtgraph validate, or pass --allow-invalid to release it anyway"
        )
    errors = [f for f in quality.run(graph) if f.level == "ERROR"]
    if errors:
        first_error = errors[0]
        where = " ".join(x for x in (first_error.entity, first_error.property) if x)
        raise InvalidData(
            f"not releasing: ahtgraph check finds {len(errors)} ERROR(s) "
            f"(first: {first_error.rule} {where}: {first_error.message}); "
            "run ahtgraph check, or pass --allow-invalid to release it anyway"
        )


def to_text(release: Release) -> str:
    """What was written, one file a line with its size, then the total."""
    width = max(len(f"{size:,}") for _, size in release.files)
    lines = [f"  {size:>{width},}  {name}" for name, size in release.files]
    total = sum(size for _, size in release.files)
    head = (
        f"Release {release.version} ({release.date.isoformat()}) in {release.directory}: "
        f"{len(release.files)} files, {total:,} bytes, every dump checked"
    )
    return "\n".join([head, *lines]) + "\n"
