"""The shipped graph prebuilt as one N-Triples file, used only while it matches the data files.

Why: every ``ahtgraph query`` loads the shipped graph. Parsing its Turtle files with full
checks is about 40% of a short query's whole-process time (benchmarks/bench_engine.py;
docs/scale.md). The wheel's build hook (``hatch_build.py``) parses those files once, strictly,
and writes ``graph.nt`` beside them with a manifest recording the size and CRC-32 of each file
it read. At run time the prebuilt file is loaded with pyoxigraph's lenient parser (no IRI or
language-tag re-checks: the build already checked them) only when the files in use match the
manifest; an editable install, a checkout or ``AHTGRAPH_RESOURCES`` pointing at edited
files do not match and load their Turtle as before. Checking the ~0.5 MB of Turtle costs
well under a millisecond; a stale or truncated prebuilt file is never used.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from pathlib import Path

#: Beside ``data/`` in the resource root; written by the wheel's build hook only.
GRAPH_NAME = "graph.nt"
MANIFEST_NAME = "graph.manifest"
#: The manifest's first line; bumped when its meaning changes, so an old one is never trusted.
HEADER = "ahtgraph-prebuilt 1"


def manifest_lines(files: Sequence[Path]) -> list[str]:
    """One line per data file: its name, size and CRC-32, in the given (sorted) order.

    Why CRC-32 and not SHA-256: the check guards against edited or replaced data files, not
    against an attacker (who could edit the prebuilt file as easily), and importing hashlib
    (OpenSSL) alone costs about 3 ms of a 80 ms query; zlib costs 0.4 ms and checks 0.5 MB in
    0.1 ms. Size and checksum together miss an edit with odds of about one in four billion.
    """
    lines = []
    for path in files:
        data = path.read_bytes()
        lines.append(f"{path.name} {len(data)} {zlib.crc32(data):08x}")
    return lines


def matching(root: Path, files: Sequence[Path]) -> Path | None:
    """The prebuilt graph under ``root`` if its manifest matches ``files``, else None."""
    graph = root / GRAPH_NAME
    try:
        with open(root / MANIFEST_NAME, encoding="utf-8") as handle:
            recorded = handle.read().splitlines()
        if (
            len(recorded) < 2
            or recorded[0] != HEADER
            or recorded[1] != f"{GRAPH_NAME} {os.stat(graph).st_size}"
            or recorded[2:] != manifest_lines(files)
        ):
            return None
    except (OSError, UnicodeDecodeError):
        return None
    return graph


def build(files: Sequence[Path], out_dir: Path) -> tuple[Path, Path] | None:
    """Parse ``files`` strictly (no base IRI: a relative IRI is an error, since the prebuilt
    form could not keep it) and write the sorted N-Triples and the manifest into ``out_dir``.

    Sorted lines make the file byte-identical for identical input, so wheels stay reproducible.
    Blank nodes would get fresh labels on every build, so a graph with any gets no prebuilt
    form (None): its Turtle is loaded as before.
    """
    # lazy: the query path reads the prebuilt file without pyoxigraph's parser
    import pyoxigraph as ox

    # Parsed, not loaded into a Store: a Store canonicalises literals ("2.50"^^xsd:decimal
    # becomes "2.5"), and the prebuilt file must keep every lexical form as the Turtle has it
    # (rdflib-based commands read it too, see loading.shipped_graph).
    triples = []
    for path in files:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                return None
            triples.append(quad.triple)
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert isinstance(text, bytes)
    lines = sorted(set(text.splitlines()))
    body = b"".join(line + b"\n" for line in lines)
    out_dir.mkdir(parents=True, exist_ok=True)
    graph = out_dir / GRAPH_NAME
    graph.write_bytes(body)
    manifest = [HEADER, f"{GRAPH_NAME} {len(body)}", *manifest_lines(files)]
    target = out_dir / MANIFEST_NAME
    target.write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return graph, target
