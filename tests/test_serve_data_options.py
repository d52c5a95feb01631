"""``ahtgraph serve`` takes the shared data options: ``--data -``, ``.gz``, ``--data-format``.

Workers are separate processes, so standard input is staged once by the server in a private
temporary folder that goes when the server stops. Servers run on 127.0.0.1 with a free port,
stopped by pid (tests/serve_server.py); each reads only small files (``--only-data``) with one
worker, so it starts in about a second.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from serve_server import FIXTURE, SRC, Server

from ahtgraph.loading import DataSource, data_sources

EX = "http://example.org/"
BY_O = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o"
STDIN_TURTLE = b'@prefix ex: <http://example.org/> .\nex:in ex:p "read from standard input" .\n'


def rows(server: Server, query: str) -> list[dict[str, str]]:
    response = server.client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


@contextmanager
def standard_input(data: bytes, folder: Path) -> Iterator[None]:
    """The next ``Server`` started reads ``data`` on its standard input (the helper's own
    servers read nothing): subprocess.Popen is wrapped while the block runs."""
    feed = folder / "stdin.bin"
    feed.write_bytes(data)
    real = subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> Any:
        with feed.open("rb") as stream:
            return real(*args, **{**kwargs, "stdin": stream})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "Popen", popen)
        yield


def children(pid: int) -> list[str]:
    """The command lines of ``pid``'s child processes (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, IndexError, ValueError):  # a process that ended meanwhile
            continue
    return found


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "ahtgraph.serve", "--port", "0", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_standard_input_and_an_odd_extension_are_served_and_the_copy_goes_on_sigterm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "more.data"  # no RDF extension: --data-format names its syntax
    odd.write_text(f'<{EX}odd> <{EX}p> "read from an odd extension" .\n')
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # where the server stages standard input
    args = ("--only-data", "--data", "-", "--data", str(odd), "--data-format", "turtle")
    with standard_input(STDIN_TURTLE, tmp_path):
        server = Server(*args, "--workers", "1")
    try:
        assert "(2 triples, 1 query workers)" in server.first_line
        assert rows(server, BY_O) == [
            {"s": EX + "odd", "o": "read from an odd extension"},
            {"s": EX + "in", "o": "read from standard input"},
        ]
        (staged,) = list(temp.iterdir())  # one private folder holding standard input's bytes
        assert stat.S_IMODE(staged.stat().st_mode) == 0o700
        (copy,) = list(staged.iterdir())
        assert copy.read_bytes() == STDIN_TURTLE
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        workers = children(server.process.pid)
        assert workers and all(str(copy) in line for line in workers)  # by path ...
        assert not any("standard input" in line for line in workers)  # ... never the bytes
    finally:
        assert server.stop() == 0  # SIGTERM
    assert list(temp.iterdir()) == []


def test_gzip_files_are_read_by_the_extension_before_gz(tmp_path: Path) -> None:
    trig = tmp_path / "data.trig.gz"
    trig.write_bytes(gzip.compress((FIXTURE / "data.trig").read_bytes()))
    turtle = tmp_path / "x.ttl.gz"
    turtle.write_bytes(gzip.compress(f'<{EX}z> <{EX}p> "from x.ttl.gz" .\n'.encode()))
    server = Server("--only-data", "--data", str(trig), "--data", str(turtle), "--workers", "1")
    try:
        # --only-data: the default graph is the files' own; the TriG's named graphs stay named
        assert rows(server, BY_O) == [
            {"s": EX + "a", "o": "1"},
            {"s": EX + "b", "o": "2"},
            {"s": EX + "z", "o": "from x.ttl.gz"},
        ]
        named = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
        assert rows(server, named) == [{"g": EX + "g1", "o": "3"}, {"g": EX + "g2", "o": "4"}]
    finally:
        assert server.stop() == 0


def test_a_bad_data_format_or_stdin_without_one_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data = tmp_path / "x.ttl"
    data.write_text(f'<{EX}a> <{EX}p> "1" .\n')
    bad = run_serve("--data", str(data), "--data-format", "bogus")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    errors = [line for line in bad.stderr.splitlines() if line.startswith("Error:")]
    # click's own usage error, as in every other command: one Error line naming the choices
    assert errors == [
        "Error: Invalid value for '--data-format': 'bogus' is not one of 'turtle', 'nt', 'nq', "
        "'trig', 'rdfxml', 'jsonld', 'n3'."
    ]
    stdin = run_serve("--data", "-")
    assert stdin.returncode == 2
    assert stdin.stderr == (
        "Error: --data - (standard input) needs --data-format "
        "(turtle, nt, nq, trig, rdfxml, jsonld, n3)\n"
    )
    odd = tmp_path / "x.data"
    odd.write_text("")
    unknown = run_serve("--data", str(odd))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(f"Error: cannot tell the RDF syntax of {odd} ")
    assert unknown.stderr.count("\n") == 1


# --- in one process: what a worker rebuilds from the server's JSON --------------------------


def test_a_worker_rebuilds_each_source_and_the_version_hashes_its_bytes(tmp_path: Path) -> None:
    from ahtgraph.serve import jobs, sources

    data = tmp_path / "x.jsonld.gz"
    data.write_bytes(gzip.compress(b'{"@id": "http://example.org/j", "http://e/q": "j"}'))
    (file_source,) = data_sources([data], allow_remote_context=True)
    assert sources.from_config(sources.to_config(file_source)) == file_source

    def stdin(content: bytes) -> DataSource:
        return data_sources(["-"], "turtle", stdin=io.BytesIO(content))[0]

    def loaded(*given: DataSource) -> tuple[Any, Path]:
        with sources.staged(given) as config:
            (folder,) = {Path(item["content_file"]).parent for item in config[:1]}
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            state = jobs.State.load({"data": config, "only_data": True})
        return state, folder

    state, folder = loaded(stdin(STDIN_TURTLE), file_source)
    assert not folder.exists()  # gone with the block: the worker holds the bytes it read
    assert state.loaded.sources[0] == stdin(STDIN_TURTLE)  # the very source the parent had
    assert state.summary()["quads"] == 2
    assert state.loaded.sources[0].name == "<stdin>"
    assert state.loaded.sources[0].base_iri == Path.cwd().as_uri() + "/"
    assert len(state.rdflib_graph) == 2  # the page model's rdflib copy has them too
    assert state.loaded.files == []  # nothing here is read by path (ontology, last-modified)
    other, _ = loaded(stdin(STDIN_TURTLE.replace(b"standard", b"other")), file_source)
    same, _ = loaded(stdin(STDIN_TURTLE), file_source)
    assert other.loaded.version != state.loaded.version == same.loaded.version
