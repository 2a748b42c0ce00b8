"""The arXiv OAI metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``): JSON Lines.

Each line holds ``id`` (``0704.0001`` or old-style ``math/0601001``), ``title`` and ``abstract``
hard-wrapped as arXiv stores them, ``authors`` as one TeX string and ``authors_parsed`` as
``[last, first, suffix]`` with accents already decoded (so it is preferred), space-separated
``categories``, ``versions`` with RFC 2822 ``created`` dates, ``update_date`` and ``doi``.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest.common import arxiv_id, iso_date, make_paper, split_list, text
from kg.ingest.jsonstream import read_with, require_object
from kg.model import Paper


def _authors(rec: dict[str, Any]) -> tuple[str, ...]:
    parsed = rec.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        out: list[str] = []
        for parts in parsed:
            if not isinstance(parts, list):
                continue
            last, first_, suffix = ([text(p) for p in parts] + ["", "", ""])[:3]
            name = " ".join(x for x in (first_, last, suffix) if x)
            if name and name not in out:
                out.append(name)
        if out:
            return tuple(out)
    return split_list(rec.get("authors"), seps=",;")


def _date(rec: dict[str, Any]) -> str | None:
    versions = rec.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        d = iso_date(versions[0].get("created"))
        if d:
            return d
    return iso_date(rec.get("update_date"))


def oai_paper(rec: Any, loc: str) -> Paper | RecordError:
    """One snapshot line as a Paper (id: the arXiv id; date: first version, else update_date)."""
    if err := require_object(rec, loc):
        return err
    aid = arxiv_id(rec.get("id")) or (text(rec.get("id")) or None)
    cats = rec.get("categories")
    categories = tuple(cats.split()) if isinstance(cats, str) else split_list(cats)
    return make_paper(
        loc, title=rec.get("title"), abstract=rec.get("abstract"), id=aid,
        authors=_authors(rec), date=_date(rec),
        url=f"https://arxiv.org/abs/{aid}" if aid and arxiv_id(aid) else None,
        categories=categories, doi_=rec.get("doi") if isinstance(rec.get("doi"), str) else None)


def looks_like_oai(rec: dict[str, Any]) -> bool:
    return "authors_parsed" in rec or ("versions" in rec and "update_date" in rec)


def read_oai(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    return read_with(stream, name, oai_paper)
