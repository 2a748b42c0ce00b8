"""Remote stores: push to a real Oxigraph server, then ask it what we ask the local graph."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import Literal, NamedNode
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.query.saved import load_queries
from kg.remote import gsp_url, values_clause, with_prefixes
from process_util import free_port, stop, wait_until
from query_fixtures import gold_graph_dir, gold_papers_with_hardware, paper_id_by_title

runner = CliRunner()
OXIGRAPH = shutil.which("oxigraph")
INJECTION = 'x" } UNION { ?s ?p ?o } #'


# ---- unit: the client-side binding ---------------------------------------------------------

def test_values_clause_escapes_literals_and_checks_names() -> None:
    v = values_clause({"t": Literal(INJECTION), "h": NamedNode("https://w3id.org/kg-papers/id/hardware/gpu")})
    assert v.strip() == ('VALUES (?t ?h) { ("x\\" } UNION { ?s ?p ?o } #" '
                         '<https://w3id.org/kg-papers/id/hardware/gpu>) }')
    assert values_clause({"t": Literal("a\nb\\")}).count("\n") == 2  # the newline is escaped
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        values_clause({"bad name": Literal("x")})


def test_values_clause_is_one_term_when_parsed() -> None:
    """Run the bound query on an in-memory store: the hostile value matches nothing."""
    from pyoxigraph import Quad, Store

    s = Store()
    s.add(Quad(NamedNode("urn:a"), NamedNode("urn:p"), Literal("hello")))
    q = "SELECT ?s ?t WHERE { ?s <urn:p> ?t }" + values_clause({"t": Literal(INJECTION)})
    assert list(s.query(q)) == []
    q = "SELECT ?s ?t WHERE { ?s <urn:p> ?t }" + values_clause({"t": Literal("hello")})
    assert len(list(s.query(q))) == 1


def _sent_query(monkeypatch: pytest.MonkeyPatch, sparql: str, bindings: dict) -> str:
    """The query text RemoteBackend would POST (the server is faked)."""
    import urllib.parse

    import kg.remote as remote

    sent: list[str] = []

    def fake_request(url: str, data: bytes, headers: dict, method: str, timeout: object) -> tuple:
        sent.append(urllib.parse.parse_qs(data.decode())["query"][0])
        if headers["Accept"] == "application/n-triples":
            return 200, {"Content-Type": "application/n-triples"}, b""
        return 200, {"Content-Type": "application/sparql-results+json"}, b'{"head": {"vars": []}, "results": {"bindings": []}}'

    monkeypatch.setattr(remote, "_request", fake_request)
    remote.RemoteBackend("http://127.0.0.1:1/query").query(sparql, bindings)
    return sent[0]


def test_remote_values_go_first_in_the_where_group(monkeypatch: pytest.MonkeyPatch) -> None:
    """As locally: the server plans around the bound value instead of joining it at the end."""
    q = "SELECT ?p ?t WHERE { ?p dcterms:title ?t }"
    text = _sent_query(monkeypatch, q, {"t": Literal(INJECTION)})
    body = text[text.index("SELECT"):]
    assert body.startswith('SELECT ?p ?t WHERE { VALUES (?t) { ("x\\" } UNION { ?s ?p ?o } #") }  ?p dcterms:title ?t }')
    assert body.count("VALUES") == 1


def test_remote_values_trail_when_the_shape_is_unclear(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyoxigraph import BlankNode

    q = "SELECT ?p ?t WHERE { ?p dcterms:title ?t }"
    no_group = _sent_query(monkeypatch, "DESCRIBE ?t", {"t": NamedNode("urn:x")})
    assert no_group.rstrip().endswith("DESCRIBE ?t\nVALUES (?t) { (<urn:x>) }")
    blank = _sent_query(monkeypatch, q, {"t": BlankNode("b")})  # not inlinable: nothing is dropped
    assert blank.rstrip().endswith('VALUES (?t) { (_:b) }')
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        _sent_query(monkeypatch, q, {"bad name": Literal("x")})


def test_with_prefixes_adds_only_missing_ones() -> None:
    q = with_prefixes("PREFIX kg: <https://w3id.org/kg-papers/ontology#>\nSELECT ?x WHERE { ?x skos:broader ?y ; kg:role ?r }")
    assert q.count("PREFIX kg:") == 1 and "PREFIX skos:" in q and "PREFIX dcterms:" not in q


def test_gsp_url() -> None:
    assert gsp_url("http://h:7878") == "http://h:7878/store?default"
    assert gsp_url("http://h:3030/ds/data") == "http://h:3030/ds/data?default"
    assert gsp_url("http://h/store?graph=urn:g") == "http://h/store?graph=urn:g"
    assert gsp_url("http://h:7878/", "urn:x:g") == "http://h:7878/store?graph=urn%3Ax%3Ag"


# ---- unit: push streams the graph from a file ---------------------------------------------

def _local_triples(graph_dir: str) -> set[str]:
    from pyoxigraph import DefaultGraph, RdfFormat

    from kg.graph.store import open_store

    dump = open_store(graph_dir).dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    return {ln for ln in dump.decode("utf-8").splitlines() if ln.strip()}


def test_push_update_sends_every_triple_in_bounded_batches(
        gg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.remote as remote

    sent: list[str] = []
    monkeypatch.setattr(remote, "_update", lambda url, text, timeout: sent.append(text))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # re-read TMPDIR
    rep = remote.push(gg, "http://example.org/update", protocol="update", batch=500)
    local = _local_triples(gg)
    assert sent[0] == "CLEAR SILENT DEFAULT"
    bodies = [t.removeprefix("INSERT DATA {\n").removesuffix("\n}").splitlines() for t in sent[1:]]
    assert all(len(b) <= 500 for b in bodies) and len(bodies) == -(-len(local) // 500)
    assert {ln for b in bodies for ln in b} == local and rep.triples == len(local)
    assert rep.requests == len(sent)
    assert list(tmp_path.iterdir()) == []  # the dump is deleted


def test_push_gsp_streams_a_file_with_its_length(gg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.remote as remote

    got: dict[str, object] = {}

    def fake_request(url: str, data: object, headers: dict[str, str], method: str,
                     timeout: object) -> tuple[int, dict[str, str], bytes]:
        assert hasattr(data, "read")  # a file, not the graph in memory
        body = data.read()  # type: ignore[attr-defined]
        got.update(url=url, method=method, body=body, length=headers["Content-Length"])
        return 204, {}, b""

    monkeypatch.setattr(remote, "_request", fake_request)
    rep = remote.push(gg, "http://example.org:7878", replace=False, named_graph="https://example.org/g")
    body = got["body"]
    assert isinstance(body, bytes) and got["length"] == str(len(body)) and got["method"] == "POST"
    assert set(body.decode("utf-8").splitlines()) == _local_triples(gg)
    assert rep.triples == len(_local_triples(gg)) and rep.url.endswith("/store?graph=https%3A%2F%2Fexample.org%2Fg")


def test_push_refuses_a_bad_named_graph_before_any_request(gg: str) -> None:
    r = runner.invoke(app, ["push", "--endpoint", "http://127.0.0.1:9/store", "-g", gg,
                            "--named-graph", "not an iri"])
    assert r.exit_code == 1 and "--named-graph" in r.output


# ---- push --changes replays what kg add did ----------------------------------------------

def _grow(graph: Path) -> None:
    """Four adds: 2 new papers; the bundled corpus (new papers, and the one the gold graph
    shares, replaced); 5 of its GPU papers cut short (replaced, their entities orphaned);
    a paper given twice in one file (replaced within the run)."""
    from kg.pipeline import add

    add([str(Path(__file__).parent / "data" / "extra-papers.txt")], str(graph), workers=1,
        html=False, turtle=False)
    src = Path(__file__).parents[1] / "kg" / "data" / "trending-papers.txt"
    add([str(src)], str(graph), workers=1, html=False, turtle=False)
    lines = src.read_text(encoding="utf-8").splitlines()
    gpu = [i for i in range(3, len(lines), 2) if "GPU" in lines[i]][:5]
    for i in gpu:
        lines[i] = lines[i].split(". ")[0] + ". It runs on an NVIDIA Jetson Orin."
    changed = graph.parent / "changed.txt"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = add([str(changed)], str(graph), workers=1, html=False, turtle=False)
    assert rep.papers_replaced == 5
    # one id twice in a run, the second record richer: inserted, deleted, inserted again
    rec = {"id": "2401.00001", "title": "Kernels", "abstract": "We run FastConv on an NVIDIA H100 GPU."}
    richer = {**rec, "abstract": "We run FastConv on an NVIDIA A100 GPU.", "date": "2024-01-02"}
    twice = graph.parent / "twice.jsonl"
    twice.write_text(json.dumps(rec) + "\n" + json.dumps(richer) + "\n", encoding="utf-8")
    rep = add([str(twice)], str(graph), workers=1, html=False, turtle=False)
    assert rep.papers_added == 1 and rep.papers_replaced == 1


def _quads(store: object) -> set[str]:
    return {str(q) for q in store}  # type: ignore[attr-defined]


@pytest.fixture
def copy_and_fake(gg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any]:
    """A copy of the gold graph, and an in-memory Oxigraph store standing in for the remote:
    it runs the updates kg sends."""
    from pyoxigraph import Store

    import kg.remote as remote

    graph = tmp_path / "g" / "output"
    shutil.copytree(gg, graph)
    fake = Store()
    monkeypatch.setattr(remote, "_update", lambda url, text, timeout: fake.update(text))
    return graph, fake


def test_push_changes_brings_a_copy_up_to_date(copy_and_fake: tuple[Path, Any]) -> None:
    import kg.remote as remote
    from kg.graph.store import open_store

    graph, fake = copy_and_fake
    url = "http://example.org/changes/update"  # other tests push gg to example.org/update
    with pytest.raises(KGError, match="no whole push"):
        remote.push(graph, url, protocol="update", changes=True)
    remote.push(graph, url, protocol="update")
    assert _quads(fake) == _quads(open_store(graph))
    _grow(graph)
    assert _quads(fake) != _quads(open_store(graph))
    rep = remote.push(graph, url, protocol="update", changes=True, batch=300)
    assert _quads(fake) == _quads(open_store(graph))
    assert rep.requests > 2 and 0 < rep.triples < len(open_store(graph))
    again = remote.push(graph, url, protocol="update", changes=True)
    assert again.requests == 0  # already up to date
    with pytest.raises(KGError, match="--protocol update"):
        remote.push(graph, url, changes=True)


def test_push_changes_refuses_a_history_a_build_broke(copy_and_fake: tuple[Path, Any]) -> None:
    import kg.remote as remote
    from kg.pipeline import build

    graph, fake = copy_and_fake
    url = "http://example.org/rebuilt/update"
    remote.push(graph, url, protocol="update")
    build([str(Path(__file__).parent / "data" / "extra-papers.txt")], str(graph), workers=1,
          html=False, turtle=False)
    before = _quads(fake)
    with pytest.raises(KGError, match="push the whole graph"):
        remote.push(graph, url, protocol="update", changes=True)
    assert _quads(fake) == before  # nothing sent


# ---- a real Oxigraph server -----------------------------------------------------------------


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def listening() -> str | None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return f"http://127.0.0.1:{port}"
        except OSError:
            return None

    return proc, wait_until(proc, listening, "oxigraph")



@pytest.fixture(scope="module")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


@pytest.fixture(scope="module")
def oxigraph(gg: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    proc, base = start_oxigraph(tmp_path_factory.mktemp("oxi") / "db")
    try:
        r = runner.invoke(app, ["push", "--endpoint", base, "-g", gg])
        assert r.exit_code == 0, r.output
        assert "pushed" in r.stdout and "/store?default" in r.stdout
        yield base
    finally:
        stop(proc)


def records(r: object) -> list[dict]:
    return r.records()  # type: ignore[attr-defined]


@pytest.mark.server
def test_same_triple_count_after_push(oxigraph: str, gg: str) -> None:
    import kg

    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    local = kg.open_graph(gg).sparql(q).records()
    remote = kg.open_graph(endpoint=oxigraph + "/query").sparql(q).records()
    assert local == remote and local[0]["n"] > 1000


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(load_queries()))
def test_saved_queries_answer_the_same_remotely(oxigraph: str, gg: str, name: str) -> None:
    import kg

    params = {"paper": paper_id_by_title("StreamDiffusion")} if name == "evidence-for" else {}
    local = kg.open_graph(gg).query(name, **params)
    remote = kg.open_graph(endpoint=oxigraph + "/query").query(name, **params)
    assert local.variables == remote.variables
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    assert sorted(map(key, records(local))) == sorted(map(key, records(remote)))
    assert len(local) > 0


@pytest.mark.server
def test_saved_query_with_params_remotely(oxigraph: str) -> None:
    r = runner.invoke(app, ["query", "run", "papers-by-hardware", "--endpoint", oxigraph + "/query",
                            "--param", "hardware=rtx4090", "--format", "json"])
    assert r.exit_code == 0, r.output
    got = {b["id"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]}
    assert got == gold_papers_with_hardware("NVIDIA RTX 4090")


@pytest.mark.server
@pytest.mark.parametrize("hw,target", [("GPU", "GPU"), ("A100", "NVIDIA A100"), ("NVIDIA", None)])
def test_papers_endpoint_matches_local(oxigraph: str, gg: str, hw: str, target: str | None) -> None:
    def ids(*extra: str) -> set[str]:
        r = runner.invoke(app, ["papers", "--hardware", hw, "--format", "json", *extra])
        assert r.exit_code == 0, r.output
        return {d["id"] for d in json.loads(r.stdout)}

    remote = ids("--endpoint", oxigraph + "/query")
    assert remote == ids("-g", gg)
    if target:
        assert remote == gold_papers_with_hardware(target)


@pytest.mark.server
def test_injection_remotely_returns_no_rows(oxigraph: str) -> None:
    r = runner.invoke(app, ["query", "sparql", "SELECT ?p ?t WHERE { ?p dcterms:title ?t }",
                            "--endpoint", oxigraph + "/query", "--param", f"t={INJECTION}",
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["results"]["bindings"] == []


@pytest.mark.server
def test_remote_syntax_error_and_construct(oxigraph: str) -> None:
    r = runner.invoke(app, ["query", "sparql", "SELECT ?x WHERE {", "--endpoint", oxigraph + "/query"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["query", "sparql", "CONSTRUCT { ?h skos:broader ?b } WHERE { ?h skos:broader ?b }",
                            "--endpoint", oxigraph + "/query"])
    assert r.exit_code == 0 and "skos:broader" in r.stdout


@pytest.mark.server
def test_push_with_sparql_update(gg: str, tmp_path: Path) -> None:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed")
    import kg

    proc, base = start_oxigraph(tmp_path / "db")
    try:
        r = runner.invoke(app, ["push", "--endpoint", base + "/update", "--protocol", "update", "-g", gg])
        assert r.exit_code == 0, r.output
        again = runner.invoke(app, ["push", "--endpoint", base + "/update", "--protocol", "update", "-g", gg])
        assert again.exit_code == 0  # replace: CLEAR first, so no duplicates (not that RDF has any)
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert (kg.open_graph(endpoint=base + "/query").sparql(q).records()
                == kg.open_graph(gg).sparql(q).records())
    finally:
        stop(proc)


def test_unreachable_endpoint_is_a_clean_error() -> None:
    r = runner.invoke(app, ["papers", "--hardware", "GPU", "--endpoint", f"http://127.0.0.1:{free_port()}/query"])
    assert r.exit_code == 1 and "cannot connect" in r.output


@pytest.mark.server
def test_push_changes_to_a_real_server(gg: str, tmp_path: Path) -> None:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary is not installed")
    import kg
    from kg.graph.store import open_store

    graph = tmp_path / "g" / "output"
    shutil.copytree(gg, graph)
    proc, base = start_oxigraph(tmp_path / "db")
    try:
        push = ["push", "--endpoint", base + "/update", "--protocol", "update", "-g", str(graph)]
        assert runner.invoke(app, push).exit_code == 0
        _grow(graph)
        r = runner.invoke(app, [*push, "--changes"])
        assert r.exit_code == 0, r.output
        remote_triples = kg.open_graph(endpoint=base + "/query").sparql(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples
        local = {str(q.triple) for q in open_store(graph)}
        assert {str(t) for t in remote_triples} == local and len(local) > 1000
        bad = runner.invoke(app, ["push", "--endpoint", base, "-g", str(graph), "--changes"])
        assert bad.exit_code == 1 and "--protocol update" in bad.output
    finally:
        stop(proc)
