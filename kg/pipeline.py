"""Orchestration: sources -> papers -> extractions -> graph store and files.

The CLI calls these functions and nothing else; tests call them directly.
"""
from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KGError
from kg.ingest import Skip, read_sources
from kg.model import Paper, PaperExtraction

if TYPE_CHECKING:
    from kg.query.names import NameIndex


def bundled_corpus() -> str:
    """Path of the corpus shipped inside the package (the default input)."""
    return str(resources.files("kg") / "data" / "trending-papers.txt")


def _sources(sources: Sequence[str]) -> list[str]:
    return list(sources) or [bundled_corpus()]


def extract_papers_from(sources: Sequence[str], fmt: str | None = None, strict: bool = False,
                        workers: int | None = None,
                        report: Callable[[Skip], None] | None = None) -> Iterator[PaperExtraction]:
    from kg.extract.extractor import extract_papers

    papers = read_sources(_sources(sources), fmt=fmt, strict=strict, report=report)
    return extract_papers(papers, workers=workers)


def extract_records(sources: Sequence[str], fmt: str | None = None, strict: bool = False,
                    workers: int | None = None, evidence: bool = True,
                    report: Callable[[Skip], None] | None = None) -> Iterator[dict[str, Any]]:
    """Guideline records, one per paper id, in first-seen order.

    Readers yield a richer duplicate again under the first record's id (the store replaces
    it); here the later record replaces the earlier one so that each id is printed once.
    Records are small (a few kB), so holding them until the end is affordable.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for ex in extract_papers_from(sources, fmt, strict, workers, report):
        by_id[ex.paper.id] = ex.to_record(evidence=evidence)
    yield from by_id.values()


#: Bytes of N-Quads per bulk load (~160 bytes a quad, ~200k quads). Each bulk load adds SST
#: files that RocksDB compacts on a background thread: at 20k papers 8 MB loads cost 23-28 s
#: of compaction CPU, 32 MB loads 7-11 s, and with two workers on two cores that thread
#: competes with extraction (2-worker build 68-71 -> 59 s, peak RSS of the parent +85 MiB).
NQUADS_BATCH = 32_000_000


#: An add reads the name index again whole when its papers name more entities than the
#: graph has papers over this: each named entity costs two small queries (~4 ms at 100k
#: papers), the whole index two scans of the store (10-14 s at 100k, linear in its size).
PAPERS_PER_NAMED_ENTITY = 30


def _named_entities(ex: PaperExtraction, into: dict[str, set[str]]) -> None:
    """Adds the IRIs of the entities a paper's quads name or describe (hardware up its
    hierarchy) to ``into``, each with the surface forms the paper's links give it."""
    from kg.graph import iri

    for m in ex.mentions:
        into.setdefault(iri.entity_iri(m.type, m.name), set()).add(m.text)
        if m.type == "hardware":
            for b in m.attrs.get("broader") or ():
                if b:
                    into.setdefault(iri.entity_iri("hardware", b), set())


@dataclass
class BuildReport:
    """What a build or add did; printed by the CLI and saved as manifest.json."""

    papers_read: int = 0
    papers_added: int = 0
    papers_replaced: int = 0
    papers_unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    #: The store directory the statistics describe (``CURRENT`` names the live one).
    store: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build(sources: Sequence[str] = (), out_dir: str = "output", *, fmt: str | None = None,
          strict: bool = False, workers: int | None = None, turtle: bool = True,
          html: bool = True, progress: Callable[[int], None] | None = None,
          report: Callable[[Skip], None] | None = None) -> BuildReport:
    """Builds a graph from scratch into ``out_dir``; the previous graph stays until it is done."""
    return _write(sources, out_dir, fresh=True, fmt=fmt, strict=strict, workers=workers,
                  turtle=turtle, html=html, progress=progress, report=report)


def add(sources: Sequence[str], graph_dir: str = "output", *, fmt: str | None = None,
        strict: bool = False, workers: int | None = None, turtle: bool = True,
        html: bool = True, progress: Callable[[int], None] | None = None,
        report: Callable[[Skip], None] | None = None) -> BuildReport:
    """Adds papers to an existing graph: unchanged ones are skipped, changed ones replaced."""
    if not sources:
        raise InputError("kg add needs at least one source")
    return _write(sources, graph_dir, fresh=False, fmt=fmt, strict=strict, workers=workers,
                  turtle=turtle, html=html, progress=progress, report=report)


def _write(sources: Sequence[str], out_dir: str, *, fresh: bool, fmt: str | None,
           strict: bool, workers: int | None, turtle: bool, html: bool,
           progress: Callable[[int], None] | None,
           report: Callable[[Skip], None] | None) -> BuildReport:
    from kg.extract.extractor import extract_encoded
    from kg.graph import iri
    from kg.graph.store import graph_stats, paper_count, paper_hash, write_store
    from kg.query.backend import StoreBackend
    from kg.query.names import entity_type_of, name_index, read_name_index, updated_name_index

    t0 = time.perf_counter()
    rep = BuildReport()
    out = Path(out_dir)

    def on_skip(s: Skip) -> None:
        rep.skipped.append(str(s))
        if report:
            report(s)

    srcs = _sources(sources)
    for s in srcs:  # fail before any work on a missing file
        if s != "-" and not Path(s).is_file():
            raise InputError(f"{s}: no such file")
    # an add updates the index of names and the triple count it finds for the live store
    old_names = None if fresh else read_name_index(out)
    old_triples = None if fresh else _stored_triples(out)
    touched: dict[str, set[str]] = {}  # entity IRI -> surfaces the written papers give it
    with write_store(out, fresh=fresh) as w:
        stored = 0 if fresh else paper_count(w.store)
        incremental_limit = max(500, stored // PAPERS_PER_NAMED_ENTITY)
        seen_in_run: set[str] = set()
        # one flag per paper handed to extraction, in order: must its older version (in the
        # store, or earlier in this run) go first? Extraction keeps input order.
        replaces: deque[bool] = deque()

        def todo() -> Iterator[Paper]:
            # Pulled lazily by extract_papers, at most a window of chunks ahead of the
            # loop below (on this thread): it only decides, reading stored hashes and
            # never writing; removals happen below, in order.
            for p in read_sources(srcs, fmt=fmt, strict=strict, report=on_skip):
                rep.papers_read += 1
                piri = iri.paper_iri(p.id)
                # the stored hash: this run may have replaced the paper already, but then
                # it is in seen_in_run, and that decides
                old = None if fresh else paper_hash(w.store, piri)
                if old == p.content_hash and piri not in seen_in_run:
                    rep.papers_unchanged += 1
                    continue
                replace = old is not None or piri in seen_in_run
                if replace:
                    rep.papers_replaced += 1
                else:
                    rep.papers_added += 1
                seen_in_run.add(piri)
                replaces.append(replace)
                yield p

        from kg.graph.triples import DescribedOnce, NQuadsEncoder, extraction_nquads

        described = DescribedOnce()
        encoded: list[bytes] = []
        encoded_size = 0
        removed = False  # once true, the workers' encodings may lack descriptions: unused
        results = extract_encoded(todo(), NQuadsEncoder(), workers=workers)
        for done, (ex, nquads) in enumerate(results, 1):
            if replaces.popleft():
                w.add_nquads(encoded)
                encoded, encoded_size = [], 0
                w.remove_paper(iri.paper_iri(ex.paper.id))
                described.forget()  # the removal may have taken orphaned descriptions along
                removed = True
            if nquads is None or removed:
                nquads = extraction_nquads(ex, described).encode("utf-8")
            if old_names is not None and len(touched) <= incremental_limit:
                _named_entities(ex, touched)
            encoded.append(nquads)
            encoded_size += len(nquads)
            if encoded_size >= NQUADS_BATCH:
                w.add_nquads(encoded)
                encoded, encoded_size = [], 0
            if progress:
                progress(done)
        w.add_nquads(encoded)
        # a build, or an add that writes a tenth of the graph again or more, compacts it
        w.optimize = fresh or (rep.papers_added + rep.papers_replaced) * 10 >= stored
        with w.compacting():  # the two store-wide reads run beside RocksDB's compaction
            known_triples = (old_triples + w.triples_delta
                             if old_triples is not None and w.triples_delta is not None else None)
            rep.stats = graph_stats(w.store, triples=known_triples)
            for t in w.touched:  # what removed papers named: entities, not authors or code
                if entity_type_of(t):
                    touched.setdefault(t, set())
            if old_names is not None and len(touched) <= incremental_limit:
                names = updated_name_index(old_names, StoreBackend(w.store), touched)
            else:
                names = name_index(StoreBackend(w.store))
    rep.store = w.directory.name
    _write_files(out, rep, names, turtle=turtle, html=html)
    rep.seconds = round(time.perf_counter() - t0, 3)
    from kg.graph.store import MANIFEST, atomic_write_bytes

    atomic_write_bytes(out / MANIFEST,
                       json.dumps(rep.to_dict(), indent=1, ensure_ascii=False).encode())
    return rep


def _stored_triples(out: Path) -> int | None:
    """The triple count the manifest gives for the live store, or None if it gives it for
    another store (an add that died after switching the store but before its manifest)."""
    from kg.graph.store import MANIFEST, read_pointer

    live = read_pointer(out)
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        triples = manifest["stats"]["triples"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not live or manifest.get("store") != live or not isinstance(triples, int):
        return None
    return triples


def _write_files(out: Path, rep: BuildReport, names: "NameIndex", *, turtle: bool,
                 html: bool) -> None:
    from kg.graph.store import dump_turtle, open_store
    from kg.query.names import write_name_index

    write_name_index(out, names)  # names -> nodes for `kg papers` (kg/query/names.py)
    if turtle:
        dump_turtle(open_store(out), out / "kg.ttl")
        rep.outputs.append(str(out / "kg.ttl"))
    if html:
        from kg.export import export_graph

        try:
            export_graph(str(out), "html", str(out / "graph.html"))
            rep.outputs.append(str(out / "graph.html"))
        except KGError as e:  # too large to draw: the build itself is still good
            rep.skipped.append(f"graph.html not written: {e}")


def stats(graph_dir: str = "output") -> dict[str, Any]:
    from kg.graph.store import graph_stats, open_store

    return graph_stats(open_store(graph_dir))


def evaluate_against(gold_path: str, sources: Sequence[str], fmt: str | None = None,
                     pred_path: str | None = None) -> Any:
    """Scores extraction (or a saved JSONL prediction file) against the user's gold labels."""
    from kg.evaluate import evaluate, load_gold, load_predictions

    gold = load_gold(gold_path)
    if pred_path:
        preds = load_predictions(pred_path)
    else:
        preds = list(extract_records(sources, fmt=fmt, evidence=False))
    return evaluate(gold, preds)
