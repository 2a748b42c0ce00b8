"""Parallel extraction: same results as serial, in input order, with bounded read-ahead."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import pytest

from kg.extract import extractor as extractor_mod
from kg.extract.extractor import Extractor, extract_encoded, extract_papers
from kg.ingest import read_sources
from kg.model import Paper
from kg.pipeline import bundled_corpus


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    got = list(islice(read_sources([bundled_corpus()]), 48))
    assert len(got) >= 40
    return got


@pytest.fixture(scope="module", autouse=True)
def prebuilt_worker_pipeline() -> Iterator[None]:
    # Forked workers inherit this pipeline instead of each building one: keeps the tests fast.
    extractor_mod._WORKER = Extractor()
    yield
    extractor_mod._WORKER = None


def _records(exs) -> list[dict]:
    return [ex.to_record() for ex in exs]


@pytest.fixture(scope="module")
def serial(papers: list[Paper]) -> list[dict]:
    assert extractor_mod._WORKER is not None
    return _records(extractor_mod._WORKER.pipe(papers))


def test_parallel_equals_serial_in_order(papers: list[Paper], serial: list[dict]) -> None:
    parallel = list(extract_papers(papers, workers=2, chunk_size=4, window=3))
    assert [ex.paper.id for ex in parallel] == [p.id for p in papers]
    assert [ex.paper for ex in parallel] == papers
    assert _records(parallel) == serial


def _encode_id(ex) -> bytes:  # module level: a worker gets it by reference
    return f"{ex.paper.id}:{len(ex.mentions)}".encode()


def test_workers_encode_and_in_process_runs_do_not(papers: list[Paper], serial: list[dict]) -> None:
    pooled = list(extract_encoded(papers, _encode_id, workers=2, chunk_size=4, window=3))
    assert _records(ex for ex, _ in pooled) == serial
    assert [enc for _, enc in pooled] == [_encode_id(ex) for ex, _ in pooled]
    alone = list(extract_encoded(papers, _encode_id, workers=1))
    assert [enc for _, enc in alone] == [None] * len(papers)


def test_serial_path_equals_extractor(papers: list[Paper], serial: list[dict]) -> None:
    assert _records(extract_papers(papers, workers=1)) == serial


def test_small_input_stays_in_process(papers: list[Paper], serial: list[dict]) -> None:
    # Fewer papers than one chunk: no pool, same output.
    assert _records(extract_papers(papers[:3], workers=2, chunk_size=8)) == serial[:3]


class _Counting:
    """An input that records how far it has been pulled."""

    def __init__(self, items: list[Paper]) -> None:
        self.items = items
        self.pulled = 0

    def __iter__(self) -> Iterator[Paper]:
        for p in self.items:
            self.pulled += 1
            yield p


@pytest.mark.parametrize("window", [1, 3])
def test_window_bounds_read_ahead(papers: list[Paper], window: int) -> None:
    chunk = 2
    src = _Counting(papers)  # 24 chunks: far more than the window holds
    ahead = []
    for consumed, _ in enumerate(extract_papers(src, workers=2, chunk_size=chunk, window=window), 1):
        ahead.append(src.pulled - consumed)
    assert consumed == len(src.items)
    # At most `window` chunks submitted and not yet consumed, plus the one being consumed
    # and the chunk being assembled. Pool.imap would have pulled the whole input at once.
    bound = (window + 1) * chunk
    assert max(ahead) <= bound, (max(ahead), bound)
    assert max(ahead) < len(src.items) // 2


def test_early_close_stops_workers(papers: list[Paper]) -> None:
    src = _Counting(papers)
    gen = extract_papers(src, workers=2, chunk_size=2, window=2)
    first = next(gen)
    gen.close()  # leaves the pool's with-block: workers terminated, input not drained
    assert first.paper.id == papers[0].id
    assert src.pulled <= 3 * 2 + 2
