"""Orchestration: sources -> papers -> extractions -> graph store and files.

The CLI calls these functions and nothing else; tests call them directly.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import Any

from kg.ingest import Skip, read_sources
from kg.model import PaperExtraction


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
    for ex in extract_papers_from(sources, fmt, strict, workers, report):
        yield ex.to_record(evidence=evidence)
