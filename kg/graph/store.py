"""The persistent graph store: an embedded Oxigraph (RocksDB) database in the output folder.

Layout of an output directory::

    CURRENT          name of the live store directory (replaced atomically)
    store-<pid>-<random>/  Oxigraph databases; the live one and, briefly, the previous one
    manifest.json    what the last build or add did (counts, skips, seconds, its store)
    names/           the name index of the live store (kg.query.names)
    changes/         what each add deleted and inserted (kg.graph.changes), for kg push --changes
    pushed.json      which store each endpoint was last pushed (kg.remote)
    kg.ttl, graph.html

Writes never touch the live store: a build fills a new directory, an add starts from a
RocksDB checkpoint of the live one (``Store.backup``: hard links, cheap), and only when the
new store is complete and flushed does ``CURRENT`` switch to it with ``os.replace``. A build
that fails or is killed leaves the previous graph as it was.
"""
from __future__ import annotations

import os
import secrets
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from kg.errors import GraphNotFoundError
from kg.graph.changes import CHANGES_DIR, ChangeLog
from kg.graph.changes import clear as clear_changes
from kg.graph.namespaces import KG, PREFIXES, RDF, SKOS, sparql_prefixes

POINTER = "CURRENT"
MANIFEST = "manifest.json"

#: N-Quads bytes below which :meth:`StoreWriter.add_nquads` loads in a transaction, not in bulk.
SMALL_LOAD = 1_000_000

_DEFAULT = DefaultGraph()
_PAPER = NamedNode(KG + "paper")
_CONTENT_HASH = NamedNode(KG + "contentHash")
_TYPE = NamedNode(RDF + "type")
#: Nodes many papers share, described once: a removal deletes the ones it leaves unreferenced.
_SHARED_TYPES = tuple(NamedNode(t) for t in (
    SKOS + "Concept", KG + "CodeRepository", KG + "Author", KG + "Extractor"))


def _first(it: Iterator[Quad]) -> bool:
    """Whether a quad iterator yields anything (it reads at most one quad)."""
    return next(it, None) is not None


def read_pointer(out: str | os.PathLike[str]) -> str:
    """The store directory name ``CURRENT`` gives, or "" when there is none. Files kept
    beside the store (name index, manifest, pushes) record it to tell whether they
    describe the live store."""
    try:
        return (Path(out) / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _live_dir(out: Path) -> Path | None:
    name = read_pointer(out)
    d = out / name
    return d if name and d.is_dir() else None


def live_store_name(path: str | os.PathLike[str]) -> str | None:
    """The directory name of a graph's live store (what ``CURRENT`` names), if it has one."""
    live = _live_dir(Path(path))
    return live.name if live else None


def open_store(path: str | os.PathLike[str]) -> Store:
    """The live store of a graph directory, read-only (many readers may share it)."""
    out = Path(path)
    live = _live_dir(out)
    if live is None:
        raise GraphNotFoundError(
            f"no graph in {str(out)!r}: run `kg build` first, or pass --graph DIR")
    return Store.read_only(str(live))


def atomic_write_bytes(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """A temporary path to write; it replaces ``target`` only if the block succeeds."""
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


class StoreWriter:
    """A new store that becomes the live one when its ``with`` block ends, or is discarded."""

    def __init__(self, out: Path, store: Store, directory: Path) -> None:
        self.out = out
        self.store = store
        self.directory = directory
        self.committed = False
        #: True once :meth:`compacting` has compacted the store and nothing was written since.
        self.compacted = False
        #: IRIs of what removed papers referred to (for :func:`kg.query.names.updated_name_index`).
        self.touched: set[str] = set()
        #: Whether closing compacts the whole store (``optimize``) or only flushes it. A small
        #: add turns it off: compacting a 100k-paper store for one paper took 16-19 s, while
        #: the few SST files a small load leaves are what RocksDB compacts by itself.
        self.optimize = True
        #: Triples added minus triples removed so far, while every load was a small one
        #: (counted exactly); None after a bulk load, whose new triples are not counted.
        self.triples_delta: int | None = 0
        #: What an add deletes and inserts, in order (:mod:`kg.graph.changes`); None in a build.
        self.changes: ChangeLog | None = None

    def add_quads(self, quads: Iterable[Quad]) -> None:
        # bulk_extend writes SST files directly: ~4x faster than extend() on large batches.
        self.compacted = False
        self.store.bulk_extend(quads)

    def add_nquads(self, chunks: list[bytes]) -> None:
        """Loads N-Quads made elsewhere (extraction workers): a bulk load, or below
        :data:`SMALL_LOAD` bytes a transactional one.

        Why two: a bulk load writes new SST files, which is cheap per quad but costs a fixed
        ~20 ms; an add replacing 200 papers loads before each removal, and 200 bulk loads of
        one paper each took 4.5 s on a 100k-paper graph.
        """
        if chunks:
            self.compacted = False
            data = b"".join(chunks)
            if self.changes is not None:
                self.changes.added(data)
            if len(data) < SMALL_LOAD:
                quads = set(parse(data, format=RdfFormat.N_QUADS))
                if self.triples_delta is not None:
                    self.triples_delta += sum(1 for q in quads if q not in self.store)
                self.store.extend(quads)
            else:
                self.triples_delta = None
                self.store.bulk_load(data, RdfFormat.N_QUADS)

    @contextmanager
    def compacting(self) -> Iterator[None]:
        """Flushes and compacts the store on a thread while the block reads it.

        Why: a build ends with three store-wide passes that used to run one after the
        other on one core once the workers were done: the statistics, the name index and
        RocksDB's compaction of the SST files bulk loading left behind (20k papers: ~1, ~3.4
        and 4-8 s). pyoxigraph releases the GIL while it compacts and RocksDB lets readers
        in meanwhile, so the first two now run beside the third. The block must not write.
        """
        failed: list[BaseException] = []

        def compact() -> None:
            try:
                self.store.flush()
                if self.optimize:
                    self.store.optimize()
            except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
                failed.append(e)

        worker = threading.Thread(target=compact, name="kg-compact")
        worker.start()
        try:
            yield
        finally:
            worker.join()  # never leave the thread running on a store about to be closed
        if failed:
            raise failed[0]
        self.compacted = True

    def remove_paper(self, paper_iri: str) -> None:
        """Deletes a paper, its links and claims, and the shared nodes (entities, code
        repositories, authors, extractors) nothing refers to any more.

        The quads are found by index lookups and removed one by one: no query text is built
        from the IRI, and the same list feeds the change log and the triple count.
        """
        try:
            paper = NamedNode(paper_iri)
        except ValueError:
            raise ValueError(f"not a minted paper IRI: {paper_iri!r}") from None
        self.compacted = False
        quads = self.store.quads_for_pattern
        own = list(quads(paper, None, None, _DEFAULT))
        for node in {q.subject for q in quads(None, _PAPER, paper, _DEFAULT)}:
            own.extend(quads(node, None, None, _DEFAULT))
        if self.changes is not None:
            self.changes.deleted(own)
        if self.triples_delta is not None:
            self.triples_delta -= len(own)
        for q in own:
            self.store.remove(q)
        # what the paper and its links and claims referred to: the only shared nodes its
        # removal can orphan
        named = {q.object for q in own}
        self.touched.update(n.value for n in named if isinstance(n, NamedNode))
        self._remove_orphans(named)

    def _remove_orphans(self, candidates: Iterable[Any]) -> None:
        """Deletes the shared nodes among ``candidates`` that no triple refers to any more,
        then what they referred to that this leaves unreferenced (up the hardware hierarchy).

        Why from candidates: a build leaves no shared node unreferenced (tests check it), so
        a removal can orphan only what the removed paper referred to. The store-wide sweep
        this replaces cost 7.8 s per replaced paper on a 20k-paper graph, and it left code
        repositories, authors and extractors behind; these index lookups cost milliseconds.
        """
        quads = self.store.quads_for_pattern
        work = [c for c in candidates if isinstance(c, NamedNode)]
        while work:
            # A node still referenced now may be orphaned by a later deletion (GPU, named by
            # the paper and by NVIDIA GPU's skos:broader), which puts it back on the list;
            # a deleted node has no type left. Each deletion adds finitely many: it ends.
            node = work.pop()
            if (not any(_first(quads(node, _TYPE, t, _DEFAULT)) for t in _SHARED_TYPES)
                    or _first(quads(None, None, node, _DEFAULT))):
                continue
            description = list(quads(node, None, None, _DEFAULT))
            if self.changes is not None:
                self.changes.deleted(description)
            for q in description:
                self.store.remove(q)
            if self.triples_delta is not None:
                self.triples_delta -= len(description)
            work.extend(q.object for q in description if isinstance(q.object, NamedNode))

    def _switch_to(self, final: Path) -> None:
        """Makes ``final`` the live store: rename into place, then repoint CURRENT."""
        tmp_ptr = self.out / f".{POINTER}.tmp-{os.getpid()}"
        tmp_ptr.write_text(final.name + "\n", encoding="utf-8")
        os.replace(tmp_ptr, self.out / POINTER)
        self.committed = True
        _prune(self.out, keep=final.name)


def _prune(out: Path, keep: str) -> None:
    """Removes store directories other than the live one and the newest previous one.

    The previous store survives one more generation so that a reader that opened it just
    before the switch can finish its query.
    """
    stores = sorted((d for d in out.glob("store-*") if d.is_dir() and d.name != keep),
                    key=lambda d: d.stat().st_mtime, reverse=True)
    for d in stores[1:]:
        shutil.rmtree(d, ignore_errors=True)
    for d in out.glob(".store-*.partial"):
        shutil.rmtree(d, ignore_errors=True)


def _new_store_dir(out: Path) -> Path:
    """A store name not used before in this graph's history (random, so that a pruned
    store's name is not given again): change logs (:mod:`kg.graph.changes`) and the record
    of pushes name stores, and a name used twice would join two histories."""
    while True:
        name = f"store-{os.getpid()}-{secrets.token_hex(4)}"
        if not any(p.exists() for p in (out / name, out / f".{name}.partial",
                                         out / CHANGES_DIR / f"{name}.nq")):
            return out / name


@contextmanager
def write_store(out_dir: str | os.PathLike[str], *, fresh: bool) -> Iterator[StoreWriter]:
    """Yields a writer on a new store (``fresh``) or on a copy of the live one.

    The store is built under a ``.partial`` name and renamed when complete, so a killed
    process leaves only a partial directory that the next write removes.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    final = _new_store_dir(out)
    partial = out / f".{final.name}.partial"
    live = _live_dir(out)
    if not fresh and live is None:
        raise GraphNotFoundError(f"no graph in {str(out)!r} to add to: run `kg build` first")
    if fresh:
        store = Store(str(partial))
    else:
        assert live is not None
        Store.read_only(str(live)).backup(str(partial))
        store = Store(str(partial))
    writer = StoreWriter(out, store, final)
    if not fresh:
        assert live is not None
        writer.changes = ChangeLog(out, live.name)
    try:
        yield writer
        if not writer.compacted:
            writer.store.flush()
            # Compacts the SST files bulk loading left behind (20k papers: 4-8 s against
            # ~50-80 s of build); the saved queries then read 10-40% faster on the same store.
            if writer.optimize:
                writer.store.optimize()
    except BaseException:
        del writer.store, store
        shutil.rmtree(partial, ignore_errors=True)
        if writer.changes is not None:
            writer.changes.discard()
        raise
    del writer.store, store  # closes RocksDB before the directory is renamed
    os.replace(partial, final)
    if writer.changes is not None:
        writer.changes.commit(final.name)  # before the switch: a live store has its log
    writer._switch_to(final)
    if fresh:
        clear_changes(out)  # a build's store descends from no earlier one


def dump_turtle(store: Store, target: Path) -> None:
    """Writes the default graph as Turtle with the project's prefixes, atomically."""
    with atomic_output(target) as tmp:
        store.dump(str(tmp), RdfFormat.TURTLE, from_graph=DefaultGraph(), prefixes=PREFIXES)


def count(store: Store, sparql: str) -> int:
    rows = list(store.query(sparql_prefixes() + sparql))
    if not rows:
        return 0
    return int(rows[0][0].value)


def graph_stats(store: Store, triples: int | None = None) -> dict[str, Any]:
    """Papers, entities by type, relations (links) by type, claims and triples.

    ``triples``, when the caller knows it, spares counting them: ``len(store)`` reads every
    quad (19 s on a 1M-paper graph); the other counts read one index range each.
    """
    ents: dict[str, int] = {}
    for cls in ("Hardware", "Dataset", "Method", "Technique", "Task", "CodeRepository"):
        ents[cls.lower() if cls != "CodeRepository" else "code"] = count(
            store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a kg:{cls} }}")
    rels: dict[str, int] = {}
    # only links carry kg:entityType: joining "?l a kg:Link" as well took 2.9 s instead of
    # 0.2 s on a 100k-paper graph (a lookup per link)
    for row in store.query(sparql_prefixes()
                           + "SELECT ?t (COUNT(?l) AS ?n) WHERE { ?l kg:entityType ?t } GROUP BY ?t ORDER BY ?t"):
        rels[row[0].value] = int(row[1].value)
    return {
        "papers": count(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"),
        "authors": count(store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Author }"),
        "entities": ents,
        "relations": rels,
        "claims": count(store, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"),
        "triples": len(store) if triples is None else triples,
    }


def paper_hash(store: Store, paper_iri: str) -> str | None:
    """A stored paper's content hash, or None when the store lacks the paper: for skipping
    unchanged papers on ``kg add``.

    One index lookup per paper an add reads: reading every paper's hash up front took
    17.9 s of a one-paper add to a 1M-paper graph.
    """
    for q in store.quads_for_pattern(NamedNode(paper_iri), _CONTENT_HASH, None, _DEFAULT):
        return str(q.object.value)
    return None


def paper_count(store: Store) -> int:
    """Papers in the store: what an add's thresholds (compact? read the name index whole?)
    are measured against. One index range, 0.35 s at 1M papers."""
    return count(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }")
