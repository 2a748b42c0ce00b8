"""Runs the pipeline over papers and collects the components' results per paper.

Parallelism is by worker processes that each build their own pipeline and send back only
the small results (mentions, claims, urls; the parent still holds the Paper): spaCy's own
``n_process`` ships whole Docs between processes, which was slower than one process on this
workload. Chunks are submitted through a bounded window, so the input is read lazily.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from spacy.language import Language

from kg.extract import EXTRACTOR_VERSION
from kg.extract import doc_ext
from kg.extract.nlp import MAX_TEXT_CHARS, build_nlp
from kg.model import Mention, Paper, PaperExtraction


def _dedupe_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per (type, canonical name): the first found, aliases merged.

    Components already decide one role per entity for the whole paper; this is the safety
    net that keeps the guideline's "one entry per name" when two components agree.
    """
    out: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        key = (m.type, m.name.casefold())
        if key not in out:
            out[key] = m
            continue
        kept = out[key]
        extra = [a for a in (m.text, *m.aliases) if a != kept.name and a not in kept.aliases]
        kept.aliases = tuple(dict.fromkeys((*kept.aliases, *extra)))
    return list(out.values())


class Extractor:
    """Extracts entities, claims and urls from papers with one spaCy pipeline."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 64) -> None:
        self.nlp = nlp if nlp is not None else build_nlp()
        self.batch_size = batch_size

    def extract(self, paper: Paper) -> PaperExtraction:
        return next(iter(self.pipe([paper])))

    def pipe(self, papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
        # the Doc is made here so that its text is cached (doc_ext.doc_text) from the start
        make_doc = self.nlp.make_doc
        pairs = ((doc_ext.seed_text(make_doc(t), t), p) for p in papers for t in (p.text[:MAX_TEXT_CHARS],))
        for doc, paper in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield PaperExtraction(
                paper=paper,
                mentions=_dedupe_mentions(doc_ext.mentions(doc)),
                claims=list(doc_ext.claims(doc)),
                urls=list(doc_ext.urls(doc)),
                extractor_version=EXTRACTOR_VERSION,
            )


_WORKER: Extractor | None = None
#: Run in the worker on each extraction when the caller asked for an encoding (see
#: :func:`extract_encoded`); set by the pool initializer, so it lives as long as the pool.
_ENCODE: Callable[[PaperExtraction], bytes] | None = None

#: What a worker sends back per paper: the extraction without the Paper, which the parent
#: still holds (sending it back would double the bytes pickled for nothing).
_Result = tuple[list[Mention], list, list]


def _init_worker(encode: Callable[[PaperExtraction], bytes] | None = None) -> None:
    # A forked worker inherits a pipeline the parent already built (tests pre-build one to
    # spare each pool the start-up); otherwise each worker builds its own.
    global _WORKER, _ENCODE
    if _WORKER is None:
        _WORKER = Extractor()
    _ENCODE = encode
    _freeze_pipeline()


def _freeze_pipeline() -> None:
    """Moves what exists now (the pipeline, its vocabularies and compiled patterns) out of
    the cyclic garbage collector's reach: every full collection would otherwise walk those
    long-lived objects again. Measured 3-8% of extraction CPU on 3,000 arXiv abstracts.
    Called only where a long extraction run is about to start."""
    gc.collect()
    gc.freeze()


def _extract_chunk(chunk: list[Paper]) -> list[tuple[_Result, bytes | None]]:
    assert _WORKER is not None
    encode = _ENCODE
    return [((ex.mentions, ex.claims, ex.urls), encode(ex) if encode else None)
            for ex in _WORKER.pipe(chunk)]


def _chunks(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def extract_papers(papers: Iterable[Paper], workers: int | None = None,
                   chunk_size: int = 256, window: int | None = None) -> Iterator[PaperExtraction]:
    """Extractions in input order; ``workers`` processes (default: all cores).

    With one worker (or a small input) everything runs in this process, which avoids the
    start-up cost of a pool for the common small case.

    The input is pulled lazily: at most ``window`` chunks (default ``2 * workers``) are in
    the workers' hands or waiting to be consumed, so memory stays flat however long the
    input is. (``Pool.imap`` would drain the input in a feeder thread instead: a million
    papers read into memory before the first is written.)
    """
    for ex, _ in extract_encoded(papers, None, workers, chunk_size, window):
        yield ex


def extract_encoded(papers: Iterable[Paper], encode: Callable[[PaperExtraction], bytes] | None,
                    workers: int | None = None, chunk_size: int = 256,
                    window: int | None = None) -> Iterator[tuple[PaperExtraction, bytes | None]]:
    """As :func:`extract_papers`, with ``encode(extraction)`` computed in the worker processes.

    Why: a build's parent process writes the store and was the bottleneck with two workers
    (py-spy: 42% of its time building quads). ``encode`` is a picklable callable, one copy
    per worker for the pool's life, so it may keep state across that worker's papers. When
    the run stays in this process the encoding is ``None``: the caller does its own work,
    as it would have, with no encoding round trip.
    """
    workers = default_workers() if workers is None else max(1, workers)
    it = iter(papers)
    first = list(islice(it, chunk_size))
    if workers == 1 or len(first) < chunk_size:
        ex = Extractor()
        if len(first) == chunk_size:  # a long run ahead
            _freeze_pipeline()
        for done in (ex.pipe(first), ex.pipe(it)):
            for e in done:
                yield e, None
        return
    window = max(1, window if window is not None else 2 * workers)
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(encode,)) as pool:
        pending: deque[tuple[list[Paper], AsyncResult]] = deque()
        for chunk in _chunks(_prepend(first, it), chunk_size):
            pending.append((chunk, pool.apply_async(_extract_chunk, (chunk,))))
            if len(pending) >= window:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(chunk: list[Paper], result: AsyncResult
             ) -> Iterator[tuple[PaperExtraction, bytes | None]]:
    for paper, ((mentions, claims, urls), encoded) in zip(chunk, result.get(), strict=True):
        yield (PaperExtraction(paper=paper, mentions=mentions, claims=claims, urls=urls,
                               extractor_version=EXTRACTOR_VERSION), encoded)


def _prepend(first: list[Paper], rest: Iterator[Paper]) -> Iterator[Paper]:
    yield from first
    yield from rest
