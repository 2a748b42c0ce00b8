"""`kg serve`: a real server process, queried with SPARQLWrapper and urllib."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from process_util import stop, wait_until
from query_fixtures import gold_graph_dir, gold_papers_with_hardware

pytestmark = pytest.mark.server


def start_server(graph: str, log: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    fh = open(log, "wb")  # noqa: SIM115 - closed with the process below
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "-g", graph, "--port", "0", *extra],
                            stdout=subprocess.DEVNULL, stderr=fh)
    fh.close()
    def announced() -> str | None:
        text = log.read_text(errors="replace")
        return text.split("SPARQL endpoint:")[1].split()[0] if "SPARQL endpoint:" in text else None

    return proc, wait_until(proc, announced, "kg serve")



@pytest.fixture(scope="module")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


@pytest.fixture(scope="module")
def endpoint(gg: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_server(gg, tmp_path_factory.mktemp("serve") / "log.txt")
    try:
        yield url
    finally:
        stop(proc)


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        body = e.read()
        e.close()
        return e.code, dict(e.headers.items()), body


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_binds_loopback(endpoint: str) -> None:
    assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/sparql")


def test_sparqlwrapper_select_json_and_xml(endpoint: str) -> None:
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("PREFIX kg: <https://w3id.org/kg-papers/ontology#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "SELECT DISTINCT ?id WHERE { ?p kg:hasHardware ?e . ?e skos:broader* "
                "<https://w3id.org/kg-papers/id/hardware/fpga> . "
                "?p <http://purl.org/dc/terms/identifier> ?id }")
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    assert {b["id"]["value"] for b in res["results"]["bindings"]} == gold_papers_with_hardware("FPGA")
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == len(gold_papers_with_hardware("FPGA"))


def test_sparqlwrapper_post_ask_and_construct(endpoint: str) -> None:
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setQuery("ASK { ?s ?p ?o }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?h <http://www.w3.org/2004/02/skos/core#broader> ?b } "
                "WHERE { ?h <http://www.w3.org/2004/02/skos/core#broader> ?b }")
    sw.setReturnFormat(TURTLE)
    ttl = sw.query().convert()
    assert b"broader" in ttl


def test_protocol_variants_and_negotiation(endpoint: str) -> None:
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/kg-papers/ontology#Paper> } LIMIT 3"
    st, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "text/csv"})
    assert st == 200 and h["Content-Type"].startswith("text/csv") and body.splitlines()[0] == b"s"
    st, h, body = http(endpoint, q.encode(), {"Content-Type": "application/sparql-query",
                                              "Accept": "text/tab-separated-values"})
    assert st == 200 and body.splitlines()[0] == b"?s"
    st, h, body = http(endpoint, urllib.parse.urlencode({"query": q}).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+xml;q=0.5, application/sparql-results+json"})
    assert st == 200 and json.loads(body)["head"]["vars"] == ["s"]
    st, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": "DESCRIBE <https://w3id.org/kg-papers/id/hardware/gpu>"}),
                       headers={"Accept": "application/n-triples"})
    assert st == 200 and h["Content-Type"].startswith("application/n-triples")
    assert b"<https://w3id.org/kg-papers/id/hardware/gpu>" in body
    st, _, _ = http(endpoint + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "image/png"})
    assert st == 406


def test_errors(endpoint: str) -> None:
    st, _, body = http(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?s WHERE {"}))
    assert st == 400 and b"line 1" in body
    st, _, _ = http(endpoint)  # no query
    assert st == 400
    st, _, _ = http(endpoint.replace("/sparql", "/nope"))
    assert st == 404


def test_read_only(endpoint: str) -> None:
    _, _, before = http(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}))
    upd = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    st, _, _ = http(endpoint, urllib.parse.urlencode({"update": upd}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
    assert st == 403
    st, _, _ = http(endpoint, upd.encode(), {"Content-Type": "application/sparql-update"})
    assert st == 403
    st, _, _ = http(endpoint + "?" + urllib.parse.urlencode({"query": upd}))
    assert st == 400  # not a query
    st, _, _ = http(endpoint + "?" + urllib.parse.urlencode({"query": "DROP ALL"}))
    assert st == 400
    _, _, after = http(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert before == after


def test_fifty_concurrent_clients(endpoint: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    q = ("PREFIX kg: <https://w3id.org/kg-papers/ontology#>\n"
         "SELECT ?p (COUNT(?e) AS ?n) WHERE { ?p kg:hasTechnique ?e } GROUP BY ?p")
    errors: list[BaseException] = []
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def client() -> None:
        sw = SPARQLWrapper(endpoint)
        sw.setQuery(q)
        sw.setReturnFormat(JSON)
        try:
            start.wait()
            for _ in range(4):
                t = time.perf_counter()
                res = sw.query().convert()
                assert len(res["results"]["bindings"]) > 50
                with lock:
                    latencies.append(time.perf_counter() - t)
        except BaseException as e:  # noqa: BLE001
            with lock:
                errors.append(e)

    threads = [threading.Thread(target=client) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors[:3]
    assert len(latencies) == 200
    lat = sorted(latencies)
    print(f"50 clients x 4 queries: median {statistics.median(lat) * 1000:.0f} ms, "
          f"p95 {lat[int(0.95 * len(lat)) - 1] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms")


def test_limits_timeout_and_row_cap(gg: str, tmp_path: Path) -> None:
    proc, url = start_server(gg, tmp_path / "log.txt", "--timeout", "0.5", "--max-rows", "5")
    try:
        q = "SELECT ?s WHERE { ?s a <https://w3id.org/kg-papers/ontology#Paper> }"
        st, h, body = http(url + "?" + urllib.parse.urlencode({"query": q}))
        assert st == 200 and h.get("X-KG-Truncated") == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 5
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        t = time.perf_counter()
        st, _, body = http(url + "?" + urllib.parse.urlencode({"query": slow}))
        assert st == 503 and b"timed out" in body
        assert time.perf_counter() - t < 5
        st, _, _ = http(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert st == 200  # still answering while the runaway query holds one slot
    finally:
        stop(proc)
