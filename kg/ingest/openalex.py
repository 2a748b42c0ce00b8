"""OpenAlex works JSON: a ``{"results": [...]}`` page, an array of works, or one work.

OpenAlex ships no abstract text, only ``abstract_inverted_index`` (word -> positions); the
abstract is rebuilt from it. A work whose index is null has no abstract and is skipped.
The id is the short work id (``W3122893125``) from ``ids.openalex``/``id``, else the DOI.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest.common import doi, first, iso_date, make_paper, text
from kg.ingest.jsonstream import read_with, require_object
from kg.model import Paper

#: Positions beyond this are treated as a mangled index rather than allocated.
_MAX_WORDS = 200_000


def rebuild_abstract(index: Any) -> str | None:
    """The abstract from an inverted index, or None when the index is absent or mangled."""
    if not isinstance(index, dict) or not index:
        return None
    at: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list):
            return None
        for p in positions:
            if isinstance(p, bool) or not isinstance(p, int) or not 0 <= p < _MAX_WORDS:
                return None
            at[p] = str(word)
    return " ".join(at[p] for p in sorted(at))


def _short_id(value: Any) -> str | None:
    if isinstance(value, str):
        s = value.strip().rstrip("/").rsplit("/", 1)[-1]
        if s[:1] in "WwA" and s[1:].isdigit():
            return s.upper()
    return None


def openalex_paper(rec: Any, loc: str) -> Paper | RecordError:
    if err := require_object(rec, loc):
        return err
    ids = rec.get("ids") if isinstance(rec.get("ids"), dict) else {}
    d = doi(ids.get("doi")) or doi(rec.get("doi"))
    wid = _short_id(ids.get("openalex")) or _short_id(rec.get("id"))
    abstract = rebuild_abstract(rec.get("abstract_inverted_index"))
    if abstract is None and isinstance(rec.get("abstract"), str):
        abstract = rec["abstract"]
    authors = []
    for a in rec.get("authorships") or []:
        if isinstance(a, dict):
            au = a.get("author") if isinstance(a.get("author"), dict) else {}
            name = text(au.get("display_name")) or text(a.get("raw_author_name"))
            if name:
                authors.append(name)
    loc_ = rec.get("primary_location") if isinstance(rec.get("primary_location"), dict) else {}
    topic = rec.get("primary_topic") if isinstance(rec.get("primary_topic"), dict) else {}
    return make_paper(
        loc, title=first(rec, "title", "display_name"), abstract=abstract,
        id=wid or (f"doi:{d}" if d else None), authors=authors,
        date=iso_date(rec.get("publication_date")) or iso_date(rec.get("publication_year")),
        url=(f"https://doi.org/{d}" if d else None) or loc_.get("landing_page_url")
        or (rec.get("id") if isinstance(rec.get("id"), str) else None),
        categories=[text(topic.get("display_name"))], doi_=d)


def looks_like_openalex(rec: dict[str, Any]) -> bool:
    return "abstract_inverted_index" in rec or str(rec.get("id", "")).startswith("https://openalex.org/")


def read_openalex(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    return read_with(stream, name, openalex_paper)
