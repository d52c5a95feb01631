"""The W3C SPARQL 1.1 Protocol and Service Description tests, run against ``ahtgraph serve``.

Why: the endpoint claims the SPARQL 1.1 Protocol; a suite nobody here wrote checks it. The
tests live in ``../shared/w3c-rdf-tests/sparql/sparql11/protocol/`` and
``service-description/`` (W3C test-suite licence; never copied into this repository); without
that folder this script says so and exits 0.

How: one server on 127.0.0.1 (a free port) with ``--only-data`` and the suite's data files as
named graphs, each named by the IRI its ``ut:graphData`` label gives. The tests also name a
graph ``data0.rdf`` that no test gives data for (only ``ASK {}`` queries use it); it is loaded
here with one placeholder triple, because this endpoint answers 400 for a dataset IRI that
names no local graph rather than fetch it. Each ``ht:Request`` is sent as written (method,
path with ``/sparql/`` mapped to ``/sparql``, headers, body in its declared encoding) and the
answer checked against ``mf:expectedStatus``, ``mf:expectedFormat`` and
``mf:expectedBoolean``.

The endpoint is read-only: every update test must get a 4xx for its update request (the
suite expects 2xx, so these are counted as "refused as designed", not as passes). The
service-description tests check that GET /sparql answers RDF with one ``sd:endpoint`` equal
to the URL asked, and the description's shape (an ``sd:Service`` with a supported language).

    python benchmarks/w3c_protocol.py                 # ../shared next to the checkout
    python benchmarks/w3c_protocol.py --shared /path/to/shared
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path("w3c-rdf-tests/sparql/sparql11")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"


@dataclass
class Outcome:
    name: str
    verdict: str  # pass, refused (an update, 4xx as designed), fail
    why: str = ""


def start(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    env = dict(
        os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "ahtgraph.serve", "--port", "0", "--no-access-log", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", first)
    if not found:
        process.kill()
        process.wait()
        raise SystemExit(f"ahtgraph serve did not start: {first.strip()}")
    return process, found.group(1)


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _status_ok(status: int, expected: list[str]) -> bool:
    return any(str(e).startswith(HTS) and str(status)[0] == str(e)[len(HTS)] for e in expected)


def _boolean(response: httpx.Response) -> bool | None:
    ctype = response.headers.get("content-type", "")
    if "json" in ctype:
        return json.loads(response.text).get("boolean")
    if "xml" in ctype:
        found = re.search(r"<boolean>\s*(true|false)\s*</boolean>", response.text)
        return found.group(1) == "true" if found else None
    return None


def _format_ok(response: httpx.Response, fmt: str) -> bool:
    ctype = response.headers.get("content-type", "").split(";")[0].strip()
    if fmt == "boolean":
        return _boolean(response) is not None
    if fmt == "tabular":
        return ctype in (
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        )
    if fmt == "RDF":
        syntax = {
            "text/turtle": "turtle",
            "application/n-triples": "nt",
            "application/rdf+xml": "xml",
            "application/ld+json": "json-ld",
        }.get(ctype)
        if syntax is None:
            return False
        Graph().parse(data=response.text, format=syntax)
        return True
    return False


def run_protocol(manifest: Path, client: httpx.Client) -> list[Outcome]:
    graph = Graph().parse(manifest, format="turtle")
    entries = Collection(graph, next(graph.objects(None, MF.entries)))
    outcomes = []
    for test in entries:
        name = str(test).rsplit("#", 1)[-1]
        action = graph.value(test, MF.action)
        requests = list(Collection(graph, graph.value(action, HT.requests)))
        is_update = name.startswith(("update_", "bad_update"))
        verdict = Outcome(name, "pass")
        for index, request in enumerate(requests):
            method = str(graph.value(request, HT.methodName))
            path = str(graph.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
            headers = {}
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(
                        graph.value(header, HT.fieldValue)
                    )
            body_node = graph.value(request, HT.body)
            content = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                content = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
            response = client.request(method, path, headers=headers, content=content)
            expected_resp = graph.value(request, HT.resp)
            statuses = list(graph.objects(expected_resp, MF.expectedStatus))
            if is_update and index == 0:
                if not 400 <= response.status_code < 500:
                    verdict = Outcome(name, "fail", f"update answered {response.status_code}")
                elif not name.startswith("bad_"):
                    verdict = Outcome(name, "refused", f"{response.status_code} (read-only)")
                break
            if not _status_ok(response.status_code, statuses):
                verdict = Outcome(
                    name, "fail", f"status {response.status_code}: {response.text[:100]!r}"
                )
                break
            fmt = graph.value(expected_resp, MF.expectedFormat)
            if fmt is not None and not _format_ok(response, str(fmt)):
                verdict = Outcome(name, "fail", f"format {fmt}: {response.headers}")
                break
            expected_bool = graph.value(expected_resp, MF.expectedBoolean)
            if expected_bool is not None and _boolean(response) != expected_bool.toPython():
                verdict = Outcome(name, "fail", f"boolean {_boolean(response)}")
                break
        outcomes.append(verdict)
    return outcomes


def run_service_description(client: httpx.Client, base: str) -> list[Outcome]:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    outcomes = []
    rdf_ok = response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    outcomes.append(Outcome("returns-rdf", "pass" if rdf_ok else "fail", str(response.status_code)))
    description = Graph().parse(data=response.text, format="turtle") if rdf_ok else Graph()
    endpoints = list(description.objects(None, SD.endpoint))
    wanted = URIRef(base + "/sparql")
    outcomes.append(
        Outcome("has-endpoint-triple", "pass" if endpoints == [wanted] else "fail", f"{endpoints}")
    )
    services = list(description.subjects(RDF.type, SD.Service))
    languages = {str(x) for s in services for x in description.objects(s, SD.supportedLanguage)}
    shape_ok = (
        len(services) == 1
        and languages <= {str(SD.SPARQL10Query), str(SD.SPARQL11Query), str(SD.SPARQL11Update)}
        and bool(languages)
        and all(isinstance(o, URIRef) for o in description.objects(None, SD.resultFormat))
    )
    outcomes.append(Outcome("conforms-to-schema", "pass" if shape_ok else "fail"))
    return outcomes


def graph_data(manifest: Path) -> dict[str, Path]:
    """label IRI → data file, for every ut:graphData of the protocol manifest."""
    graph = Graph().parse(manifest, format="turtle")
    found = {}
    for node in graph.objects(None, UT.graphData):
        label = str(graph.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        found[label] = Path(str(graph.value(node, UT.graph)).removeprefix("file://"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    suite = args.shared / SUITE
    manifest = suite / "protocol" / "manifest.ttl"
    if not manifest.is_file():
        print(f"skipped: no W3C protocol tests at {suite} (needs ../shared)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        placeholder = Path(tmp) / "data0.nt"
        placeholder.write_text('<http://example.org/placeholder> <http://example.org/p> "0" .\n')
        named = [f"{path}={label}" for label, path in sorted(graph_data(manifest).items())]
        named.append(f"{placeholder}={DATA0}")
        server_args = ["--only-data"]
        for spec in named:
            server_args += ["--named-graph", spec]
        process, base = start(server_args)
        try:
            with httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
                outcomes = run_protocol(manifest, client)
                outcomes += run_service_description(client, base)
        finally:
            stop(process)
    for outcome in outcomes:
        print(f"{outcome.verdict:8} {outcome.name} {outcome.why}".rstrip())
    failed = [o for o in outcomes if o.verdict == "fail"]
    passed = sum(o.verdict == "pass" for o in outcomes)
    refused = sum(o.verdict == "refused" for o in outcomes)
    print(f"{passed} passed, {refused} updates refused with 4xx (read-only), {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
