"""CSV and TSV with a header row: generic tables and IEEE Xplore / Scopus exports.

Columns are found by name, ignoring case, spaces and punctuation ("Document Title",
"Title", "Abstract", "Authors", "Publication Year", "DOI", "Link", "PDF Link", ...). Rows are
read by header position; extra fields in a ragged row are ignored (Scopus exports add an
unnamed field after "Funding Text 1", behind every column read here) and missing ones are
empty. Scopus' "[No abstract available]" counts as no abstract, and a trailing publisher
notice ("(c) 2005 Wiley Periodicals, Inc.") is cut from the abstract: it is not the paper's text.
"""
from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from typing import IO

from kg.errors import RecordError
from kg.ingest.common import arxiv_id, doi, iso_date, make_paper, split_list
from kg.model import Paper

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "documenttitle", "articletitle", "papertitle", "ti"),
    "abstract": ("abstract", "abstractnote", "summary", "description", "ab"),
    "authors": ("authors", "author", "authornames", "authorfullnames", "au"),
    "date": ("publicationdate", "date", "published", "publisheddate"),
    "year": ("year", "publicationyear", "py"),
    "doi": ("doi", "di"),
    "url": ("url", "link", "pdflink", "abstracturl"),
    "id": ("arxivid", "arxiv", "id", "paperid"),
    "categories": ("categories", "category", "keywords", "authorkeywords"),
}
PLACEHOLDERS = ("[no abstract available]", "no abstract available", "n/a")
_NOTICE = re.compile(r"\s*(?:Copyright:?\s*)?©[^©]{0,400}$")

# Scopus "References" fields reach 50,000 characters; the default limit is 131,072.
csv.field_size_limit(min(sys.maxsize, 1 << 28))


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for field, names in COLUMNS.items():
        for n in names:
            if n in keys:
                found[field] = keys.index(n)
                break
    return found


def _strip_notice(abstract: str) -> str:
    cut = _NOTICE.sub("", abstract)
    return cut if cut.strip() else abstract


def read_csv(stream: IO[str], name: str, delimiter: str | None = None) -> Iterator[Paper | RecordError]:
    """Rows of a delimited file; the delimiter is sniffed from the header when not given."""
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter or ",", strict=False)
    if delimiter is None:
        head = lines.peek_first()
        if head.count("\t") > head.count(","):
            reader = csv.reader(lines, delimiter="\t", strict=False)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as e:
        yield RecordError(f"{name}:1", f"unreadable header: {e}")
        return
    cols = _columns([h.lstrip("\ufeff") for h in header])
    if "title" not in cols or "abstract" not in cols:
        yield RecordError(f"{name}:1", "header has no title and abstract columns "
                                      f"(found: {', '.join(h for h in header[:12] if h)})")
        return
    start = lines.lineno + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield RecordError(f"{name}:{start}", f"broken CSV row: {e}")
            start = lines.lineno + 1
            continue
        loc = f"{name}:{start}"
        start = lines.lineno + 1
        if not any(c.strip() for c in row):
            continue

        def get(field: str) -> str:
            i = cols.get(field)
            return row[i] if i is not None and i < len(row) else ""

        d = doi(get("doi"))
        aid = arxiv_id(get("id"))
        raw_id = get("id").strip()
        abstract = _strip_notice(get("abstract"))
        yield make_paper(
            loc, title=get("title"), abstract=abstract,
            id=aid or (f"doi:{d}" if d else None) or (raw_id or None),
            authors=split_list(get("authors"), seps=";"
                               if ";" in get("authors") else ","),
            date=iso_date(get("date")) or iso_date(get("year")), url=get("url") or None,
            categories=split_list(get("categories"), seps=";"), doi_=d,
            placeholder_abstracts=PLACEHOLDERS)


def read_tsv(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    return read_csv(stream, name, delimiter="\t")


class _Lines:
    """Feeds csv.reader line by line while counting physical lines (for ``file:line``)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._first: str | None = None
        self.lineno = 0

    def peek_first(self) -> str:
        if self._first is None:
            self._first = self._stream.readline()
        return self._first

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._first is not None:
            line, self._first = self._first, ""
            if line:
                self.lineno += 1
                return line
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.lineno += 1
        return line.replace("\0", "")
