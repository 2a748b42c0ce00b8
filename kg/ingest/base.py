"""Reader registry, format detection, opening sources, and the dedupe pass shared by all readers.

Each reader is a generator over one text stream, yielding :class:`Paper` for a good record and
:class:`RecordError` for a bad one (yielded, not raised, so that reading goes on); memory does
not grow with the file. ``read_sources`` turns RecordErrors into :class:`Skip` reports (or
raises them under ``strict``) and removes duplicates across all sources.
"""
from __future__ import annotations

import codecs
import gzip
import importlib
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from kg.errors import InputError, RecordError
from kg.ingest.common import arxiv_id
from kg.model import Paper, title_key


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that was not read, and why (``file:line: reason``)."""

    location: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


#: A reader takes a text stream and the name to use in messages, and yields Papers or
#: RecordErrors (a bad record is yielded, not raised, so reading goes on).
Reader = Callable[[IO[str], str], Iterator["Paper | RecordError"]]

#: format name -> (module, function). Imported only when used.
READERS: dict[str, tuple[str, str]] = {
    "trending": ("kg.ingest.trending", "read_trending"),
    "jsonl": ("kg.ingest.jsonl", "read_jsonl"),
    "json": ("kg.ingest.jsonl", "read_json"),
    "csv": ("kg.ingest.csv_reader", "read_csv"),
    "tsv": ("kg.ingest.csv_reader", "read_tsv"),
    "arxiv-atom": ("kg.ingest.atom", "read_atom"),
    "arxiv-oai": ("kg.ingest.oai", "read_oai"),
    "bibtex": ("kg.ingest.bibtex", "read_bibtex"),
    "openalex": ("kg.ingest.openalex", "read_openalex"),
    "s2": ("kg.ingest.s2", "read_s2"),
    "hf-daily": ("kg.ingest.hf_daily", "read_hf_daily"),
}

#: Extension -> format, used when the content alone does not decide.
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".tab": "tsv", ".xml": "arxiv-atom", ".atom": "arxiv-atom", ".bib": "bibtex",
    ".bibtex": "bibtex", ".txt": "trending",
}

#: Characters read from the start of a source to detect its format.
HEAD_CHARS = 8192
_BIB_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)
_TITLE_COLUMN = re.compile(r"(?i)^(?:.*[,\t])?\s*\"?\s*(?:document |article |paper )?title\s*\"?\s*(?:[,\t]|$)")


def get_reader(fmt: str) -> Reader:
    try:
        module, func = READERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; known formats: {', '.join(sorted(READERS))}") from None
    reader: Reader = getattr(importlib.import_module(module), func)
    return reader


def detect_format(path: str, head: str) -> str | None:
    """The format of a source from its first characters, then its extension, or None.

    Content wins over the extension (a ``.json`` holding JSON Lines, a ``.txt`` holding
    BibTeX); the extension decides between look-alikes (CSV or TSV) and for unusual content.
    """
    name = path.lower().removesuffix(".gz")
    ext = Path(name).suffix
    h = head.lstrip("\ufeff \t\r\n")
    if h.startswith("<"):
        return "arxiv-atom" if re.search(r"<(?:[\w.-]+:)?feed[\s>/]", head) else None
    if h.startswith("@") and _BIB_ENTRY.search(h):
        return "bibtex"
    if h.startswith(("[", "{")):
        return _json_kind(h)
    if h.startswith("Get trending papers") or "\nSubscribe" in head[:4000]:
        return "trending"
    if ext in (".csv", ".tsv", ".tab"):
        return EXTENSIONS[ext]
    first_line = h.split("\n", 1)[0]
    if _TITLE_COLUMN.match(first_line) and re.search(r"(?i)abstract|summary", first_line):
        return "tsv" if first_line.count("\t") > first_line.count(",") else "csv"
    if ext == ".bib" or _BIB_ENTRY.search(h):
        return "bibtex"
    return None


def _json_kind(h: str) -> str:
    """Which JSON format: by service fingerprints near the start, else JSON Lines or JSON."""
    if re.match(r"\[\s*\{\s*\"paper\"\s*:\s*\{", h):
        return "hf-daily"
    if "\"abstract_inverted_index\"" in h or "\"https://openalex.org/W" in h:
        return "openalex"
    if "\"paperId\"" in h:
        return "s2"
    first_line, _, rest = h.partition("\n")
    if h.startswith("{") and rest.strip():
        try:
            rec = json.loads(first_line, strict=False)
        except ValueError:
            rec = None
        if isinstance(rec, dict):
            if "authors_parsed" in rec or ("versions" in rec and "update_date" in rec):
                return "arxiv-oai"
            return "jsonl"
    return "json"


class _Peeked:
    """A text stream whose first lines were already read for detection, replayed first."""

    def __init__(self, head: str, rest: IO[str]) -> None:
        self._head = io.StringIO(head, newline="")
        self._rest = rest

    def read(self, n: int = -1) -> str:
        data = self._head.read(n)
        if n < 0:
            return data + self._rest.read()
        return data or self._rest.read(n)

    def readline(self, limit: int = -1) -> str:
        return self._head.readline(limit) or self._rest.readline(limit)

    def __iter__(self) -> Iterator[str]:
        while line := self.readline():
            yield line


def _text(binary: IO[bytes]) -> IO[str]:
    """Decodes as UTF-8 (BOM dropped; UTF-16 if it has a BOM); bad bytes become U+FFFD."""
    peek = getattr(binary, "peek", None)
    start = peek(4)[:4] if peek else b""
    enc = "utf-16" if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    return io.TextIOWrapper(binary, encoding=enc, errors="replace", newline="")


def _open(source: str, stack: ExitStack) -> tuple[IO[str], str]:
    if source == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # replaced by a text stream (tests, embedding)
            return sys.stdin, "<stdin>"
        wrapper = _text(buffer)
        stack.callback(wrapper.detach)  # do not close the process's stdin
        return wrapper, "<stdin>"
    p = Path(source)
    if not p.exists():
        raise InputError(f"{source}: no such file")
    if p.is_dir():
        raise InputError(f"{source}: is a directory, not a file")
    try:
        raw: IO[bytes] = gzip.open(p) if source.lower().endswith(".gz") else open(p, "rb")  # type: ignore[assignment]
    except OSError as e:
        raise InputError(f"{source}: cannot be read ({e.strerror or e})") from None
    return stack.enter_context(_text(raw)), source


def read_source(source: str, fmt: str | None = None) -> Iterator[Paper | RecordError]:
    """Papers and RecordErrors of one source (a path or ``-``), in file order."""
    if fmt is not None:
        get_reader(fmt)  # an unknown --from fails before the file is opened
    with ExitStack() as stack:
        stream, name = _open(source, stack)
        try:
            head = stream.read(HEAD_CHARS)
            head += stream.readline(1 << 20)  # end the head on a line boundary
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            raise InputError(f"{name}: cannot be read ({e})") from None
        if fmt is None:
            fmt = detect_format(source, head)
            if fmt is None:
                raise InputError(f"{name}: not a recognised format (tried: {', '.join(READERS)}); "
                                 "use --from FORMAT")
        try:
            yield from get_reader(fmt)(_Peeked(head, stream), name)  # type: ignore[arg-type]
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            raise InputError(f"{name}: cannot be read ({e})") from None


def richness(p: Paper) -> tuple[int, int]:
    """How much a record says: non-empty optional fields, then abstract length."""
    return (sum(bool(x) for x in (p.authors, p.date, p.url, p.categories, p.doi)), len(p.abstract))


def _distinct_arxiv(a: str, b: str) -> bool:
    return a != b and arxiv_id(a) == a and arxiv_id(b) == b


def dedupe(papers: Iterable[Paper]) -> Iterator[Paper]:
    """Drops duplicates, matched by id, DOI or normalised title; a richer duplicate replaces.

    Only keys (and a score per kept paper) are held, never papers. When a later duplicate is
    richer than what was yielded for its paper, it is yielded again, under the id of the
    first record (``dataclasses.replace``): consumers keep the last paper seen per id (the
    graph store replaces a paper re-added under the same id).
    """
    kept_id: dict[str, str] = {}
    score: dict[str, tuple[int, int]] = {}
    for p in papers:
        keys = ["id:" + p.id]
        if p.doi:
            keys.append("doi:" + p.doi)
        if tk := title_key(p.title):
            keys.append("title:" + tk)
        first = next((kept_id[k] for k in keys if k in kept_id), None)
        if first is not None and _distinct_arxiv(p.id, first):
            # Same title, two arXiv ids: arXiv gives one paper one id, so these are two
            # papers ("Comment: The 2005 Neyman Lecture ..." by different discussants).
            first = None
            keys = [k for k in keys if k not in kept_id]
        if first is None:
            for k in keys:
                kept_id[k] = p.id
            score[p.id] = richness(p)
            yield p
            continue
        for k in keys:
            kept_id.setdefault(k, first)
        r = richness(p)
        if r > score[first]:
            score[first] = r
            yield p if p.id == first else replace(p, id=first)


def read_sources(sources: Sequence[str], fmt: str | None = None, strict: bool = False,
                 report: Callable[[Skip], None] | None = None) -> Iterator[Paper]:
    """Papers from all sources, deduplicated, in order.

    ``fmt`` forces one format for all sources (``--from``); else each source's format is
    detected. A bad record is passed to ``report`` as a :class:`Skip` (``file:line: reason``)
    and skipped, or raised as :class:`~kg.errors.RecordError` when ``strict``. A missing or
    unrecognised source raises :class:`~kg.errors.InputError`.

    The same id may be yielded twice: when a duplicate richer than the first record arrives
    it is yielded with the first record's id, and the caller should replace the earlier
    paper (see :func:`dedupe`).
    """

    def papers() -> Iterator[Paper]:
        for src in sources:
            for item in read_source(src, fmt):
                if isinstance(item, RecordError):
                    if strict:
                        raise item
                    if report:
                        report(Skip(item.location, item.reason))
                    continue
                yield item

    return dedupe(papers())
