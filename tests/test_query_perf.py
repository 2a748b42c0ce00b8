"""Query-speed machinery: bound values inlined as VALUES, the build's name index, the
server's result cache. Answers must not change; timings are in benchmarks/bench_query.py."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode
from query_fixtures import gold_graph_dir

from kg.graph.store import open_store
from kg.query.backend import LocalBackend, StoreBackend, inline_values
from kg.query.names import (
    NAME_INDEX_DIR,
    NameResolver,
    _read_name_index,
    name_index,
    write_name_index,
)

IRI = NamedNode("https://w3id.org/kg-papers/id/hardware/gpu")


@pytest.fixture(scope="module")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


# ---- inline_values -------------------------------------------------------------------------

def test_values_go_first_in_the_where_group() -> None:
    q = ("PREFIX a: <http://x/>\n# a { in a comment\n"
         "SELECT ?h ('{' AS ?b) (\"\"\"}{\"\"\" AS ?c) WHERE { ?e a:b ?h }")
    out = inline_values(q, {"h": IRI, "s": Literal('x" } UNION { ?s ?p ?o } #')})
    head, _, rest = out.partition("WHERE {")
    assert head == q.partition("WHERE {")[0]
    assert rest.startswith(' VALUES (?h ?s) { (<https://w3id.org/kg-papers/id/hardware/gpu> '
                           '"x\\" } UNION { ?s ?p ?o } #") } ')
    assert rest.endswith(" ?e a:b ?h }")


def test_values_skip_the_construct_template_and_need_a_group() -> None:
    c = inline_values("CONSTRUCT { ?s ?p ?h } WHERE { ?s ?p ?h }", {"h": IRI})
    assert c.startswith("CONSTRUCT { ?s ?p ?h } WHERE { VALUES (?h)")
    assert inline_values("ASK { ?s ?p ?h }", {"h": IRI}).startswith("ASK { VALUES (?h)")
    assert inline_values("DESCRIBE <http://x/a>", {"h": IRI}) == "DESCRIBE <http://x/a>"
    assert inline_values("SELECT ?h WHERE { ?s ?p ?h }", {}) == "SELECT ?h WHERE { ?s ?p ?h }"


def test_bound_query_answers_and_errors_are_unchanged(gg: str) -> None:
    b = LocalBackend(gg)
    q = ("SELECT ?hardware ?e WHERE { ?e skos:broader* ?hardware }")
    bound = b.query(q, {"hardware": IRI})
    assert bound.rows and all(r[0] == IRI for r in bound.rows)
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="line 1"):  # reported against the text as written
        b.query("SELECT ?hardware WHERE { ?e skos:broader* ?hardware", {"hardware": IRI})
    with pytest.raises(QueryError, match="must be named in the SELECT"):
        b.query("SELECT ?e WHERE { ?e skos:broader* ?hardware }", {"hardware": IRI})


# ---- name index ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def indexed(gg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the gold graph with the name index `kg build` writes (_write_files)."""
    g = tmp_path_factory.mktemp("indexed") / "g"
    shutil.copytree(gg, g)
    write_name_index(g)
    return g


def test_name_index_equals_the_graph_labels(indexed: Path) -> None:
    b = LocalBackend(indexed)
    assert (indexed / NAME_INDEX_DIR / "hardware.json").is_file()
    fresh = NameResolver(b)
    for t in ("hardware", "dataset", "method", "technique", "task"):
        got = _read_name_index(indexed, t)
        assert got is not None, t
        idx, pref = fresh._query_labels(t)
        assert got[0] == idx, t
        assert list(got[1].items()) == list(pref.items()), t


def test_name_index_of_an_open_store_is_the_one_written(indexed: Path, tmp_path: Path) -> None:
    # the build computes the index from its own store before that store is live
    ours = name_index(StoreBackend(open_store(indexed), "gold"))
    g = tmp_path / "g"
    shutil.copytree(indexed, g)
    shutil.rmtree(g / NAME_INDEX_DIR)
    write_name_index(g, ours)
    for t in ("hardware", "dataset", "method", "technique", "task"):
        assert _read_name_index(g, t) == _read_name_index(indexed, t), t
    assert ours["hardware"][1], "no hardware labels: the comparison above proves nothing"


def test_stale_name_index_is_ignored(indexed: Path, tmp_path: Path) -> None:
    g = tmp_path / "g"
    shutil.copytree(indexed, g)
    f = g / NAME_INDEX_DIR / "hardware.json"
    doc = json.loads(f.read_text(encoding="utf-8"))
    doc["store"] = "store-from-another-build"
    doc["index"] = {}
    f.write_text(json.dumps(doc), encoding="utf-8")
    b = LocalBackend(g)
    assert _read_name_index(g, "hardware") is None
    assert NameResolver(b).resolve("hardware", "RTX 4090").label == "NVIDIA RTX 4090"
    write_name_index(g)
    assert _read_name_index(g, "hardware") is not None


# ---- papers() ------------------------------------------------------------------------------

def test_papers_query_keeps_optionals_last() -> None:
    """An OPTIONAL before a required pattern splits the group (hash join over every link)."""
    from kg.query.names import Target
    from kg.query.papers import build_query

    for targets, role in (({"hardware": Target("hardware", "GPU", iri=IRI.value)}, None),
                          ({"hardware": Target("hardware", "NVIDIA", vendor="NVIDIA"),
                            "dataset": Target("dataset", "COCO", iri="x:coco")}, "evaluated_on"),
                          ({}, "introduced")):
        sparql, _ = build_query(targets, role)
        body = sparql.split("WHERE {", 1)[1].rsplit("\n}", 1)[0].splitlines()
        kinds = [line.strip().startswith("OPTIONAL") for line in body if line.strip()]
        assert kinds == sorted(kinds), sparql  # every OPTIONAL after every required line


# ---- server cache --------------------------------------------------------------------------

def test_server_cache_answers_repeats_and_follows_the_store(gg: str, tmp_path: Path) -> None:
    from kg.query.server import ServerConfig, SparqlServer

    srv = SparqlServer(ServerConfig(gg, port=0))
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }"
        first = srv.run_query(q)
        assert srv.run_query(q) is first
        assert srv.serialised(first, "json") is srv.serialised(first, "json")
        srv.backend.version = lambda: "another-store"  # type: ignore[method-assign]
        assert srv.run_query(q) is not first
        uncached = SparqlServer(ServerConfig(gg, port=0, cache_size=0))
        try:
            t = time.perf_counter()
            assert uncached.run_query(q).rows == first.rows
            assert uncached.run_query(q) is not uncached.run_query(q)
            assert time.perf_counter() - t < 30
        finally:
            uncached.server_close()
    finally:
        srv.server_close()


def test_papers_resolve_by_exact_key_without_listing_them(gg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A million-paper graph cannot be listed to find one paper (it was cut at the row cap,
    # so most papers could not be named); an exact id, title or IRI is an index lookup.
    import kg.query.names as names_mod
    from kg.errors import QueryError

    b = LocalBackend(gg)
    pid, title, piri = next((r[1], r[2], r[0]) for r in NameResolver(b).papers())
    monkeypatch.setattr(names_mod, "MAX_PAPER_LIST", 1)
    r = NameResolver(b)
    assert r.resolve_paper(pid).iri == r.resolve_paper(title).iri == r.resolve_paper(piri).iri == piri
    with pytest.raises(QueryError, match="exact id or title"):
        r.resolve_paper(title.lower()[:-1])  # a loose match needs the list
