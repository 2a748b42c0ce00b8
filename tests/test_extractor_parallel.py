"""Parallel extraction: same results as serial, in input order, with bounded read-ahead."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import pytest

from kg.extract.extractor import Extractor, extract_papers
from kg.ingest import read_sources
from kg.model import Paper
from kg.pipeline import bundled_corpus


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    got = list(islice(read_sources([bundled_corpus()]), 48))
    assert len(got) >= 24
    return got


def _records(exs) -> list[dict]:
    return [ex.to_record() for ex in exs]


def test_parallel_equals_serial_in_order(papers: list[Paper]) -> None:
    serial = _records(Extractor().pipe(papers))
    parallel = list(extract_papers(papers, workers=2, chunk_size=4, window=3))
    assert [ex.paper.id for ex in parallel] == [p.id for p in papers]
    assert [ex.paper for ex in parallel] == papers
    assert _records(parallel) == serial


def test_serial_path_equals_extractor(papers: list[Paper]) -> None:
    assert _records(extract_papers(papers, workers=1)) == _records(Extractor().pipe(papers))


def test_small_input_stays_in_process(papers: list[Paper]) -> None:
    # Fewer papers than one chunk: no pool, same output.
    few = papers[:3]
    assert _records(extract_papers(few, workers=2, chunk_size=8)) == _records(Extractor().pipe(few))


class _Counting:
    """An input that records how far it has been pulled."""

    def __init__(self, items: list[Paper]) -> None:
        self.items = items
        self.pulled = 0

    def __iter__(self) -> Iterator[Paper]:
        for p in self.items:
            self.pulled += 1
            yield p


@pytest.mark.parametrize("window", [1, 2, 4])
def test_window_bounds_read_ahead(papers: list[Paper], window: int) -> None:
    chunk = 2
    src = _Counting(papers * 3)  # 144 papers: far more than the window holds
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
    src = _Counting(papers * 3)
    gen = extract_papers(src, workers=2, chunk_size=2, window=2)
    first = next(gen)
    gen.close()  # leaves the pool's with-block: workers terminated, input not drained
    assert first.paper.id == papers[0].id
    assert src.pulled <= 3 * 2 + 2
