"""End-to-end: build, rebuild, add, kill, exports, NetworkX round trip, SHACL."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, Triple

from kg.graph.nx_convert import from_networkx, to_networkx
from kg.graph.store import open_store
from kg.pipeline import add, build, stats

DATA = Path(__file__).parent / "data"


def _triples(graph_dir: Path) -> set[tuple[str, str, str]]:
    store = open_store(graph_dir)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


def test_bundled_corpus_has_203_papers(bundled_graph: Path) -> None:
    st = stats(str(bundled_graph))
    assert st["papers"] == 203
    assert st["triples"] > 203 * 5
    assert (bundled_graph / "kg.ttl").is_file()
    manifest = json.loads((bundled_graph / "manifest.json").read_text())
    assert manifest["papers_read"] == 203 and manifest["papers_added"] == 203


def test_rebuild_gives_the_same_triples(bundled_graph: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build([], str(again), workers=1, turtle=False, html=False)
    assert _triples(again) == _triples(bundled_graph)


def test_add_same_file_changes_nothing_and_new_papers_add_exactly_those(
        bundled_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(bundled_graph, out)
    before = _triples(out)
    rep = add([str(Path(__file__).parents[1] / "kg" / "data" / "trending-papers.txt")], str(out),
              workers=1, html=False, turtle=False)
    assert rep.papers_unchanged == 203 and rep.papers_added == 0
    assert _triples(out) == before

    rep = add([str(DATA / "extra-papers.txt")], str(out), workers=1, html=False, turtle=False)
    assert rep.papers_added == 2
    st = stats(str(out))
    assert st["papers"] == 205
    after = _triples(out)
    assert before <= after
    new_subjects = {s for s, _, _ in after - before}
    assert any("FastConv" in o for s, _, o in after - before)
    assert new_subjects  # only the new papers' nodes (and their new entities) appear


def test_changed_paper_is_replaced(tmp_path: Path) -> None:
    src = tmp_path / "p.txt"
    head = "Get trending papers in your email inbox once a day!\nSubscribe"
    src.write_text(head + "A Paper About Things\nWe run on an NVIDIA A100 GPU.\n", encoding="utf-8")
    out = tmp_path / "g"
    build([str(src)], str(out), workers=1, html=False, turtle=False)
    src.write_text(head + "A Paper About Things\nWe evaluate on the ImageNet dataset only.\n",
                   encoding="utf-8")
    rep = add([str(src)], str(out), workers=1, html=False, turtle=False)
    assert rep.papers_replaced == 1
    objs = {o for _, _, o in _triples(out)}
    assert not any("A100" in o for o in objs)
    assert any("ImageNet" in o for o in objs)
    assert stats(str(out))["papers"] == 1


def test_replacing_papers_gives_the_graph_a_fresh_build_gives(bundled_graph: Path,
                                                              tmp_path: Path) -> None:
    # Eight GPU papers of the bundled corpus cut to their first sentence: the entities only
    # they named are orphaned by the replacement and must go, up the hardware hierarchy,
    # leaving exactly what a fresh build of the changed corpus holds.
    lines = (Path(__file__).parents[1] / "kg" / "data" / "trending-papers.txt").read_text(
        encoding="utf-8").splitlines()
    changed = [i for i in range(3, len(lines), 2) if "GPU" in lines[i]][:8]
    assert len(changed) == 8
    for i in changed:
        lines[i] = lines[i].split(". ")[0] + "."
    src = tmp_path / "changed.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(bundled_graph, out)
    rep = add([str(src)], str(out), workers=1, html=False, turtle=False)
    assert rep.papers_replaced == 8 and rep.papers_unchanged == 195
    fresh = tmp_path / "fresh"
    build([str(src)], str(fresh), workers=1, html=False, turtle=False)
    after, expected = _triples(out), _triples(fresh)
    assert expected <= after
    # Only alternative labels the old versions gave entities that other papers still name
    # stay behind: labels are a union over papers and are not recorded per paper.
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    kept = {s for s, _, _ in expected}
    assert all(p == alt and s in kept for s, p, _ in after - expected)
    gone = {s for s, p, o in _triples(bundled_graph) - after
            if o == "<http://www.w3.org/2004/02/skos/core#Concept>"}
    assert gone  # some entities were orphaned and removed


def _sorted_index(index: dict) -> dict:
    return {t: ({k: sorted(v) for k, v in idx.items()}, pref) for t, (idx, pref) in index.items()}


def test_add_updates_the_name_index_to_what_a_full_read_gives(bundled_graph: Path,
                                                              tmp_path: Path) -> None:
    # An add reads again only the entities its papers (new and replaced) name; the index
    # it writes must hold exactly the entries a full read of the new store gives.
    from kg.query.backend import LocalBackend
    from kg.query.names import name_index, read_name_index

    out = tmp_path / "out"
    shutil.copytree(bundled_graph, out)
    assert read_name_index(out) is not None  # the build wrote it for its store
    lines = (Path(__file__).parents[1] / "kg" / "data" / "trending-papers.txt").read_text(
        encoding="utf-8").splitlines()
    for i in [i for i in range(3, len(lines), 2) if "dataset" in lines[i]][:5]:
        lines[i] = lines[i].split(". ")[0] + ". We also run it on an NVIDIA Jetson Orin."
    changed = tmp_path / "changed.txt"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for src in (DATA / "extra-papers.txt", changed):
        rep = add([str(src)], str(out), workers=1, html=False, turtle=False)
        assert rep.papers_added + rep.papers_replaced > 0
        written = read_name_index(out)
        assert written is not None
        assert _sorted_index(written) == _sorted_index(name_index(LocalBackend(out)))
        # the triple count comes from the manifest's count and the add's exact delta
        assert rep.store == (out / "CURRENT").read_text(encoding="utf-8").strip()
        assert rep.stats == stats(str(out)) and rep.stats["triples"] == len(open_store(out))
    assert "nvidiajetsonorin" in written["hardware"][0]


def test_add_counts_triples_again_when_the_manifest_is_not_for_the_live_store(
        bundled_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(bundled_graph, out)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["store"], manifest["stats"]["triples"] = "store-0-0000", 1  # a stale manifest
    (out / "manifest.json").write_text(json.dumps(manifest))
    rep = add([str(DATA / "extra-papers.txt")], str(out), workers=1, html=False, turtle=False)
    assert rep.papers_added == 2 and rep.stats["triples"] == len(open_store(out)) > 1000


@pytest.mark.parametrize("gpu_first", [True, False])
def test_orphans_go_whatever_order_they_are_visited_in(tmp_path: Path, gpu_first: bool) -> None:
    # GPU is named by the paper and by NVIDIA GPU's skos:broader: visited first it is still
    # referenced, and only the deletion of RTX 4090 -> Ada -> NVIDIA GPU orphans it.
    from pyoxigraph import NamedNode

    from kg.graph import iri
    from kg.graph.store import write_store

    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"id": "x1", "title": "Kernels",
                               "abstract": "We run FastConv on an NVIDIA RTX 4090 GPU."}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "g"
    build([str(src)], str(out), workers=1, html=False, turtle=False)
    gpu = NamedNode(iri.entity_iri("hardware", "GPU"))
    rtx = NamedNode(iri.entity_iri("hardware", "NVIDIA RTX 4090"))
    assert any("RTX 4090" in o for _, _, o in _triples(out)) and str(gpu) in {
        o for _, _, o in _triples(out)}
    with write_store(out, fresh=False) as w:
        p = f"<{iri.paper_iri('x1')}>"
        w.store.update(f"DELETE {{ ?n ?p ?o }} WHERE {{ ?n <https://w3id.org/kg-papers/ontology#paper> {p} . ?n ?p ?o }} ; "
                       f"DELETE {{ {p} ?p ?o }} WHERE {{ {p} ?p ?o }}")
        w._remove_orphans([rtx, gpu] if gpu_first else [gpu, rtx])  # the last is visited first
    left = {o for _, p, o in _triples(out) if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"}
    assert "<http://www.w3.org/2004/02/skos/core#Concept>" not in left


def test_a_build_leaves_no_shared_node_unreferenced(bundled_graph: Path) -> None:
    # What StoreWriter._remove_orphans relies on to look only at what a removed paper named.
    store = open_store(bundled_graph)
    unreferenced = list(store.query("""
        PREFIX kg: <https://w3id.org/kg-papers/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n WHERE {
          VALUES ?type { skos:Concept kg:CodeRepository kg:Author kg:Extractor }
          ?n a ?type . FILTER NOT EXISTS { ?x ?p ?n } }"""))
    assert unreferenced == []


def test_paper_repeated_in_one_run_is_replaced_whole(tmp_path: Path) -> None:
    # The second, richer record of an id replaces the first mid-build: nothing of the first
    # version stays, and the entities the removal orphaned are described again.
    src = tmp_path / "p.jsonl"
    rec = {"id": "2401.00001", "title": "Kernels",
           "abstract": "We run FastConv on an NVIDIA H100 GPU."}
    richer = {**rec, "abstract": "We run FastConv on an NVIDIA A100 GPU.",
              "date": "2024-01-02", "url": "https://arxiv.org/abs/2401.00001"}
    src.write_text(json.dumps(rec) + "\n" + json.dumps(richer) + "\n", encoding="utf-8")
    out = tmp_path / "g"
    rep = build([str(src)], str(out), workers=1, html=False, turtle=False)
    assert rep.papers_replaced == 1
    objs = {o for _, _, o in _triples(out)}
    assert not any("H100" in o for o in objs)
    assert '"NVIDIA A100"' in objs and "<https://w3id.org/kg-papers/ontology#Hardware>" in objs
    only = tmp_path / "only.jsonl"
    only.write_text(json.dumps(richer) + "\n", encoding="utf-8")
    build([str(only)], str(tmp_path / "g2"), workers=1, html=False, turtle=False)
    assert _triples(out) == _triples(tmp_path / "g2")


def test_worker_encoded_build_equals_in_process_build(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Past one chunk (256 papers) the workers encode the quads; after a removal mid-run the
    # writer encodes itself, because a worker may have skipped a description (H100 here)
    # that the removal then deleted with its orphaned entity.
    from kg.extract import extractor as extractor_mod

    monkeypatch.setattr(extractor_mod, "_WORKER", extractor_mod.Extractor())  # forked, not rebuilt
    gpus = ["NVIDIA V100", "NVIDIA A100", "RTX 4090"]
    recs = [{"id": f"2401.{i:05d}", "title": f"Study {i}",
             "abstract": f"We train ResNet-50 on ImageNet with an {gpus[i % 3]} GPU in {i} hours."}
            for i in range(300)]
    # one chunk, so one worker: it describes H100 for the first version, skips it later
    recs[256] = {"id": "2401.00256", "title": "Kernels", "abstract": "We run FastConv on an NVIDIA H100 GPU."}
    recs.append({**recs[256], "abstract": "We run FastConv on an NVIDIA A100 GPU.", "date": "2024-01-02"})
    recs.append({"id": "2402.00001", "title": "Later", "abstract": "Our NVIDIA H100 GPU runs BERT."})
    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    pooled = build([str(src)], str(tmp_path / "w2"), workers=2, html=False, turtle=False)
    assert pooled.papers_replaced == 1 and pooled.papers_added == 301
    build([str(src)], str(tmp_path / "w1"), workers=1, html=False, turtle=False)
    got = _triples(tmp_path / "w2")
    assert got == _triples(tmp_path / "w1")
    h100 = "<https://w3id.org/kg-papers/id/hardware/nvidia-h100>"
    assert (h100, "<http://www.w3.org/2004/02/skos/core#prefLabel>", '"NVIDIA H100"') in got


def test_compacting_lets_the_block_read_and_reports_a_failed_compaction(tmp_path: Path) -> None:
    from kg.graph.store import write_store

    nq = b"<http://x/s> <http://x/p> <http://x/o> .\n"
    with write_store(tmp_path / "ok", fresh=True) as w:
        w.add_nquads([nq])
        with w.compacting():
            assert len(w.store) == 1  # read while RocksDB compacts
        assert w.compacted
        w.add_nquads([nq.replace(b"/o>", b"/o2>")])
        assert not w.compacted  # written since: compacted again when the block ends
    assert len(open_store(tmp_path / "ok")) == 2

    class Broken:
        def __init__(self, store: Store) -> None:
            self.store = store

        def flush(self) -> None:
            raise OSError("disk full")

        def __getattr__(self, name: str) -> object:
            return getattr(self.store, name)

    with pytest.raises(OSError, match="disk full"), write_store(tmp_path / "bad", fresh=True) as w:
        w.add_nquads([nq])
        w.store = Broken(w.store)
        with w.compacting():
            pass
    assert not (tmp_path / "bad" / "CURRENT").exists()  # nothing half-built became live


def test_shared_descriptions_are_written_once_per_build() -> None:
    from kg.graph.triples import DescribedOnce, extraction_quads
    from kg.model import Evidence, Mention, Paper, PaperExtraction

    def ex(i: int) -> PaperExtraction:
        ev = Evidence("We use an A100.", 10, 14, "kg_hardware.alias", 0.9)
        return PaperExtraction(
            paper=Paper(id=f"p{i}", title="T", abstract="We use an A100.", authors=("Ada",)),
            mentions=[Mention("hardware", "NVIDIA A100", "evaluated_on", "A100", ev)])

    every = [set(extraction_quads(ex(i))) for i in range(3)]
    once = DescribedOnce()
    streamed = [set(extraction_quads(ex(i), once)) for i in range(3)]
    assert set().union(*every) == set().union(*streamed)  # the same triples in the store
    assert len(streamed[1]) < len(every[1])  # the second paper no longer repeats them
    assert streamed[0] == every[0]


def _corpus(path: Path, n: int) -> None:
    lines = ["Get trending papers in your email inbox once a day!"]
    for i in range(n):
        lines.append(("Subscribe" if i == 0 else "") + f"Paper number {i} on fast kernels")
        lines.append(f"We propose Method{i}, trained on ImageNet with 8 NVIDIA A100 GPUs, "
                     f"and it is {i % 50 + 2}x faster than the CPU baseline. " * 3)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_killed_build_leaves_previous_graph_readable(bundled_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(bundled_graph, out)
    before = _triples(out)
    big = tmp_path / "big.txt"
    _corpus(big, 6000)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(big), "--out", str(out),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".store-*.partial")):
        time.sleep(0.05)
    time.sleep(1.0)
    assert proc.poll() is None, "build finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _triples(out) == before
    assert stats(str(out))["papers"] == 203
    # the next write cleans the partial store away
    add([str(DATA / "extra-papers.txt")], str(out), workers=1, html=False, turtle=False)
    assert not list(out.glob(".store-*.partial"))


def test_networkx_round_trip(bundled_graph: Path) -> None:
    store = open_store(bundled_graph)
    original = {Triple(q.subject, q.predicate, q.object) for q in store}
    G = to_networkx(store)
    assert isinstance(G, nx.MultiDiGraph)
    back = Store()  # the store canonicalises numeric lexical forms ("1.0"^^xsd:decimal -> "1")
    back.extend(Quad(t.subject, t.predicate, t.object) for t in from_networkx(G))
    assert {Triple(q.subject, q.predicate, q.object) for q in back} == original
    papers = [n for n, d in G.nodes(data=True) if d["kind"] == "Paper"]
    assert len(papers) == 203


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("n-triples", "nt"),
                                            ("json-ld", "json-ld"), ("rdf-xml", "xml")])
def test_rdf_exports_parse_back_with_same_triple_count(bundled_graph: Path, tmp_path: Path,
                                                       fmt: str, rdflib_fmt: str) -> None:
    from kg.export import export_graph

    path = export_graph(str(bundled_graph), fmt, str(tmp_path / f"g.{fmt}"))
    g = rdflib.Graph().parse(path, format=rdflib_fmt)
    assert len(g) == len(open_store(bundled_graph))


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_parse_back_with_same_counts(bundled_graph: Path, tmp_path: Path,
                                                   fmt: str, reader) -> None:
    from kg.export import export_graph

    G = to_networkx(open_store(bundled_graph))
    path = export_graph(str(bundled_graph), fmt, str(tmp_path / f"g.{fmt}"))
    H = reader(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()


def test_csv_export_writes_nodes_and_edges(bundled_graph: Path, tmp_path: Path) -> None:
    import csv

    from kg.export import export_graph

    G = to_networkx(open_store(bundled_graph))
    export_graph(str(bundled_graph), "csv", str(tmp_path / "g.csv"))
    with open(tmp_path / "g.nodes.csv", newline="", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.reader(fh)) - 1 == G.number_of_nodes()
    with open(tmp_path / "g.edges.csv", newline="", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.reader(fh)) - 1 == G.number_of_edges()


def test_turtle_file_equals_store(bundled_graph: Path) -> None:
    g = rdflib.Graph().parse(bundled_graph / "kg.ttl", format="turtle")
    nt = open_store(bundled_graph).dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    ref = rdflib.Graph().parse(data=nt.decode(), format="nt")
    from rdflib.compare import isomorphic

    assert isomorphic(g, ref)


def test_bundled_graph_validates(bundled_graph: Path) -> None:
    from kg.graph.validate import validate_graph

    assert validate_graph(str(bundled_graph)) == []


def test_validation_reports_a_link_without_evidence(bundled_graph: Path, tmp_path: Path) -> None:
    from pyoxigraph import Store

    from kg.graph.validate import validate_graph

    out = tmp_path / "bad"
    shutil.copytree(bundled_graph, out)
    live = out / (out / "CURRENT").read_text().strip()
    s = Store(str(live))
    s.update("DELETE { ?l <https://w3id.org/kg-papers/ontology#evidence> ?e } WHERE { "
             "?l <https://w3id.org/kg-papers/ontology#evidence> ?e } ")
    del s
    violations = validate_graph(str(out))
    assert violations and any("evidence" in v for v in violations)


def test_ontology_declares_every_term_used(bundled_graph: Path) -> None:
    from importlib import resources

    from kg.graph.namespaces import KG

    onto = rdflib.Graph().parse(data=(resources.files("kg") / "data" / "ontology.ttl").read_text(),
                                format="turtle")
    declared = {str(s) for s in onto.subjects() if str(s).startswith(KG)}
    used = set()
    for q in open_store(bundled_graph):
        for t in (q.predicate, q.object):
            if getattr(t, "value", "").startswith(KG):
                used.add(t.value)
    assert used <= declared, used - declared
