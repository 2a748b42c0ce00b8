"""Semantic Scholar Graph API paper JSON.

Accepts a ``paper/batch`` response (an array with ``null`` where an id was not found: each null
is reported as a skip), a single paper object, and a search response ``{"data": [...]}``.
The id is the ``paperId``; the DOI comes from ``externalIds.DOI``.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest.common import first, iso_date, make_paper, split_list, text
from kg.ingest.jsonstream import read_with, require_object
from kg.model import Paper


def s2_paper(rec: Any, loc: str) -> Paper | RecordError:
    if rec is None:
        return RecordError(loc, "null (paper not found)")
    if err := require_object(rec, loc):
        return err
    ext = rec.get("externalIds") if isinstance(rec.get("externalIds"), dict) else {}
    pid = text(first(rec, "paperId", "paper_id")) or None
    fos = rec.get("fieldsOfStudy")
    if not fos and isinstance(rec.get("s2FieldsOfStudy"), list):
        fos = [f.get("category") for f in rec["s2FieldsOfStudy"] if isinstance(f, dict)]
    return make_paper(
        loc, title=rec.get("title"), abstract=rec.get("abstract"), id=pid,
        authors=split_list(rec.get("authors")),
        date=iso_date(rec.get("publicationDate")) or iso_date(rec.get("year")),
        url=rec.get("url") if isinstance(rec.get("url"), str) else None,
        categories=split_list(fos), doi_=ext.get("DOI") if isinstance(ext.get("DOI"), str) else None)


def looks_like_s2(rec: dict[str, Any]) -> bool:
    return "paperId" in rec


def read_s2(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    return read_with(stream, name, s2_paper)
