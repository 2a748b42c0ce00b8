"""Hugging Face daily papers (``/api/daily_papers``): an array of ``{"paper": {...}, "title": ...}``.

The arXiv id is ``paper.id`` and the abstract ``paper.summary``. The element's own ``title``
is preferred: it is the unwrapped form of ``paper.title`` (which keeps arXiv's hard breaks).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest.common import arxiv_id, first, iso_date, make_paper, split_list, text
from kg.ingest.jsonstream import read_with, require_object
from kg.model import Paper


def hf_paper(rec: Any, loc: str) -> Paper | RecordError:
    if err := require_object(rec, loc):
        return err
    paper = rec.get("paper")
    if not isinstance(paper, dict):
        paper = rec  # a bare paper object (``/api/papers/{id}``)
    raw_id = paper.get("id")
    aid = arxiv_id(raw_id) or (text(raw_id) or None)
    authors = [a for a in paper.get("authors") or [] if not (isinstance(a, dict) and a.get("hidden"))]
    return make_paper(
        loc, title=first(rec, "title") or paper.get("title"),
        abstract=first(paper, "summary", "abstract"), id=aid,
        authors=split_list(authors), date=iso_date(first(paper, "publishedAt", "published_at")),
        url=f"https://arxiv.org/abs/{aid}" if aid and arxiv_id(aid) else None)


def looks_like_hf(rec: dict[str, Any]) -> bool:
    return isinstance(rec.get("paper"), dict)


def read_hf_daily(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    return read_with(stream, name, hf_paper)
