"""What ``--data`` reads (issue 11 C and D): standard input, ``--data-format``, ``.gz``,
JSON-LD offline by default, and ill-typed literals reported instead of tracebacks."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result

from ahtgraph.cli import cli
from ahtgraph.errors import AhtgraphError
from ahtgraph.graph.engine import Engine
from ahtgraph.loading import data_sources

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
SRC = Path(__file__).parent.parent / "src"

pytestmark = pytest.mark.usefixtures("fixture_graph")

ZZ = '<https://w3id.org/ahtgraph/id/zz> <http://www.w3.org/2000/01/rdf-schema#label> "ZZ"@en .\n'
ASK_ZZ = 'ASK { <https://w3id.org/ahtgraph/id/zz> ?p "ZZ"@en }'


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def exported(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if "/id/zz>" in line]


# ------------------------------------------------------------- standard input, formats, .gz


def test_data_dash_reads_standard_input_in_the_format_given() -> None:
    result = run(
        "export", "--format", "nt", "--data", "-", "--data-format", "nt", input=ZZ.encode()
    )
    assert exported(result) == [ZZ.strip()]


def test_an_odd_extension_is_read_with_data_format(tmp_path: Path) -> None:
    odd = tmp_path / "triples.txt"
    odd.write_text(ZZ, encoding="utf-8")
    result = run("export", "--format", "nt", "--data", str(odd), "--data-format", "nt")
    assert exported(result) == [ZZ.strip()]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("extra.nt.gz", ZZ),
        ("extra.ttl.gz", ZZ),
        (
            "extra.jsonld.gz",
            '{"@id": "https://w3id.org/ahtgraph/id/zz", '
            '"http://www.w3.org/2000/01/rdf-schema#label": {"@value": "ZZ", "@language": "en"}}',
        ),
    ],
)
def test_gzip_files_are_read_by_their_inner_extension(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    assert exported(run("export", "--format", "nt", "--data", str(path))) == [ZZ.strip()]


def test_standard_input_and_gzip_reach_validate_and_the_oxigraph_store(tmp_path: Path) -> None:
    packed = tmp_path / "extra.nt.gz"
    packed.write_bytes(gzip.compress(ZZ.encode(), mtime=0))
    stdin = ["--data", "-", "--data-format", "nt"]
    result = run("query", ASK_ZZ, "--store", "oxigraph", *stdin, input=ZZ.encode())
    assert (result.exit_code, result.stdout) == (0, "true\n")
    result = run("query", ASK_ZZ, "--store", "oxigraph", "--data", str(packed))
    assert (result.exit_code, result.stdout) == (0, "true\n")
    # validate reads the input twice (pyshacl and the SPARQL engine): stdin is read once.
    result = run("validate", "--format", "json", *stdin, input=ZZ.encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"conforms": True, "results": []}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--data", "-"],
            "--data - (standard input) needs --data-format "
            "(turtle, nt, nq, trig, rdfxml, jsonld, n3)",
        ),
        (
            ["--data", "-", "--data", "-", "--data-format", "nt"],
            "--data - (standard input) can be given only once",
        ),
    ],
)
def test_standard_input_misuse_is_one_line(args: list[str], message: str) -> None:
    result = run("export", *args, input=ZZ.encode())
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_an_unknown_extension_names_the_way_out(tmp_path: Path) -> None:
    odd = tmp_path / "triples.txt"
    odd.write_text(ZZ, encoding="utf-8")
    result = run("export", "--data", str(odd))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot tell the RDF syntax of {odd} from its extension (.json .jsonld .n3 .nq "
        ".nt .owl .rdf .trig .ttl .xml, each also .gz); name it with --data-format "
        "(turtle nt nq trig rdfxml jsonld n3)\n"
    )


def test_a_broken_gzip_file_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "extra.nt.gz"
    fake.write_bytes(b"not gzip at all")
    result = run("export", "--data", str(fake))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: cannot read {fake} as gzip: Not a gzipped file (b'no')\n")


def test_the_engine_reads_every_kind_of_source(tmp_path: Path) -> None:
    """Plain files by path; standard input, gzip and --data-format sources from their bytes."""
    plain = tmp_path / "extra.nt"
    plain.write_text(ZZ, encoding="utf-8")
    odd = tmp_path / "extra.txt"
    odd.write_text(ZZ, encoding="utf-8")
    packed = tmp_path / "extra.nt.gz"
    packed.write_bytes(gzip.compress(ZZ.encode(), mtime=0))
    for source in (
        data_sources([plain])[0],
        data_sources(["-"], "nt", stdin=io.BytesIO(ZZ.encode()))[0],
        data_sources([odd], "nt")[0],
        data_sources([packed])[0],
    ):
        assert Engine.load([source]).query(ASK_ZZ).value is True, source.name


def test_store_dir_refuses_a_source_it_cannot_stat(tmp_path: Path) -> None:
    source = data_sources(["-"], "nt", stdin=io.BytesIO(ZZ.encode()))[0]
    with pytest.raises(AhtgraphError, match="--store-dir keeps plain files only"):
        Engine.load([source], store_dir=tmp_path / "store")


# ---------------------------------------------------------------- JSON-LD contexts offline


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []
    body = json.dumps({"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}})

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        data = self.body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def context_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    """A JSON-LD context served on 127.0.0.1; the list records every request it receives."""
    for proxy in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/context.jsonld", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _jsonld(tmp_path: Path, context: object) -> Path:
    path = tmp_path / "extra.jsonld"
    document = {"@context": context, "@id": "https://w3id.org/ahtgraph/id/zz", "label": "ZZ"}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_remote_context_is_refused_and_never_fetched(
    tmp_path: Path, context_server: tuple[str, list[str]]
) -> None:
    url, requests = context_server
    path = _jsonld(tmp_path, url)
    for command in (["export"], ["query", ASK_ZZ], ["validate"], ["check"]):
        result = run(*command, "--data", str(path))
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: {path}: the JSON-LD @context <{url}> would be read from the network; "
            "only schema.org's context is answered offline: pass --allow-remote-context to "
            "fetch it\n"
        )
    nested = _jsonld(tmp_path, [{"@import": url}])
    assert run("export", "--data", str(nested)).exit_code == 2
    assert requests == []


def test_allow_remote_context_fetches_it(
    tmp_path: Path, context_server: tuple[str, list[str]]
) -> None:
    url, requests = context_server
    path = _jsonld(tmp_path, url)
    result = run("export", "--format", "nt", "--data", str(path), "--allow-remote-context")
    assert exported(result) == [
        '<https://w3id.org/ahtgraph/id/zz> <http://www.w3.org/2000/01/rdf-schema#label> "ZZ" .'
    ]
    assert requests == ["/context.jsonld"]


def test_a_file_context_is_refused_naming_it_and_the_data_file(tmp_path: Path) -> None:
    context = tmp_path / "context.jsonld"
    context.write_text(_Recorder.body, encoding="utf-8")
    path = _jsonld(tmp_path, context.as_uri())
    result = run("export", "--data", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: the JSON-LD @context <{context.as_uri()}> would be read from a local "
        "file; only schema.org's context is answered offline: pass --allow-remote-context to "
        "fetch it\n"
    )


@pytest.mark.parametrize(
    "context",
    ["https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"],
)
def test_the_schema_org_context_is_answered_offline(tmp_path: Path, context: str) -> None:
    path = tmp_path / "extra.jsonld"
    document = {"@context": context, "@id": "https://w3id.org/ahtgraph/id/zz", "name": "ZZ"}
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("export", "--format", "nt", "--data", str(path))
    assert exported(result) == ['<https://w3id.org/ahtgraph/id/zz> <http://schema.org/name> "ZZ" .']


# ------------------------------------------------------------------------ ill-typed literals

ILL_TYPED = (
    "<https://w3id.org/ahtgraph/id/payoke> <https://schema.org/foundingDate> "
    '"not-a-date"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export"], 0),
        (["describe", "payoke"], 0),
        (["query", "SELECT * WHERE { ?s ?p ?o }"], 0),
        (["check"], 1),
        (["validate"], 1),
    ],
)
def test_an_ill_typed_literal_prints_no_traceback(
    tmp_path: Path, args: list[str], code: int
) -> None:
    """In a real process: rdflib logs a 24-line traceback per ill-typed literal on stderr."""
    bad = tmp_path / "bad.nt"
    bad.write_text(ILL_TYPED, encoding="utf-8")
    env = {**os.environ, "AHTGRAPH_RESOURCES": str(FIXTURE), "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph", *args, "--data", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (code, "")


def test_check_reports_an_ill_typed_literal_as_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text(ILL_TYPED, encoding="utf-8")
    result = run("check", "--format", "json", "--data", str(bad))
    assert result.exit_code == 1
    findings = [
        f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ill-typed-literal"
    ]
    assert findings == [
        {
            "level": "ERROR",
            "rule": "ill-typed-literal",
            "entity": "id:payoke",
            "property": "schema:foundingDate",
            "value": "not-a-date",
            "message": '"not-a-date" is not a valid xsd:date',
        }
    ]


def test_validate_says_what_is_wrong_with_an_ill_typed_literal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text(ILL_TYPED, encoding="utf-8")
    result = run("validate", "--data", str(bad))
    assert result.exit_code == 1
    assert result.stdout == (
        "Does not conform: 1 problem(s) in 1 entity.\n"
        "\n"
        "id:payoke\n"
        "  Violation: schema:foundingDate [Datatype]\n"
        '    message: "not-a-date" is not a valid xsd:date (an ill-typed literal)\n'
        "    value:   not-a-date\n"
        "    fix:     correct the schema:foundingDate value so its datatype allows it, or give "
        "it the right datatype\n"
    )
