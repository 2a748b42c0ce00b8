"""Generic JSON Lines and JSON: objects with a title and an abstract, under common key names.

Records that carry the fingerprint of a known service (OpenAlex, Semantic Scholar, Hugging
Face daily papers, arXiv OAI snapshot) are mapped by that service's reader, record by record,
so a mixed or mis-named file still reads correctly under ``--from json``/``jsonl``.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest import hf_daily, oai, openalex, s2
from kg.ingest.common import arxiv_id, doi, first, iso_date, make_paper, split_list, text
from kg.ingest.jsonstream import read_with, require_object
from kg.model import Paper

TITLE_KEYS = ("title", "Title", "paper_title", "name", "display_name", "TI")
ABSTRACT_KEYS = ("abstract", "summary", "Abstract", "abstractText", "paperAbstract",
                 "abstract_text", "description", "AB")
ID_KEYS = ("arxiv_id", "arxivId", "arxiv", "id", "paper_id", "paperId", "paperID", "ID")
AUTHOR_KEYS = ("authors", "author", "creators", "Authors", "AU")
DATE_KEYS = ("date", "published", "publishedAt", "publication_date", "publicationDate",
             "published_date", "created", "update_date", "year", "Year", "PY")
URL_KEYS = ("url", "link", "abs_url", "pdf_url", "href", "URL")
CATEGORY_KEYS = ("categories", "category", "tags", "keywords", "subjects")
DOI_KEYS = ("doi", "DOI", "DI")


def _id(rec: dict[str, Any]) -> str | None:
    """arXiv id (any key, URL or bare) first, then a DOI-looking id, then the id as given."""
    raw = first(rec, *ID_KEYS)
    for k in ID_KEYS:
        if aid := arxiv_id(rec.get(k)):
            return aid
    if isinstance(raw, str) and (d := doi(raw)):
        return f"doi:{d}"
    if isinstance(raw, (str, int)) and not isinstance(raw, bool):
        return text(raw) or None
    return None


def generic_paper(rec: Any, loc: str) -> Paper | RecordError:
    if err := require_object(rec, loc):
        return err
    cats = first(rec, *CATEGORY_KEYS)
    if isinstance(cats, str) and not any(s in cats for s in ",;"):
        categories: tuple[str, ...] = tuple(cats.split())
    else:
        categories = split_list(cats)
    d = first(rec, *DOI_KEYS)
    return make_paper(
        loc, title=first(rec, *TITLE_KEYS), abstract=first(rec, *ABSTRACT_KEYS), id=_id(rec),
        authors=split_list(first(rec, *AUTHOR_KEYS)),
        date=next((iso_date(rec[k]) for k in DATE_KEYS if iso_date(rec.get(k))), None),
        url=first(rec, *URL_KEYS) if isinstance(first(rec, *URL_KEYS), str) else None,
        categories=categories, doi_=d if isinstance(d, str) else None)


def auto_paper(rec: Any, loc: str) -> Paper | RecordError:
    """Maps a record with the reader its shape points to, else with the generic key rules."""
    if isinstance(rec, dict):
        if hf_daily.looks_like_hf(rec):
            return hf_daily.hf_paper(rec, loc)
        if openalex.looks_like_openalex(rec):
            return openalex.openalex_paper(rec, loc)
        if s2.looks_like_s2(rec):
            return s2.s2_paper(rec, loc)
        if oai.looks_like_oai(rec):
            return oai.oai_paper(rec, loc)
    return generic_paper(rec, loc)


def read_json(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    """JSON Lines, a JSON array, a wrapped page or a single object (see kg.ingest.jsonstream)."""
    return read_with(stream, name, auto_paper)


read_jsonl = read_json
