"""arXiv query API responses (Atom XML), read one ``<entry>`` at a time.

Why entries are cut out of the text rather than parsed with one iterparse over the file:
an XML parser stops at the first error, so one broken entry would lose every entry after
it. Here each ``<entry>...</entry>`` is parsed on its own (wrapped in the feed's start tag, so
namespace declarations still apply); a broken one is reported and the next one is read.
Only the current entry is held in memory.

Safety: the document's DOCTYPE is refused outright (InputError), so no entity can be
declared: no billion-laughs expansion and no external entity is ever fetched. The text
handed to the parser is built here from the feed tag and one entry, neither of which may
contain a DOCTYPE, so the standard library parser sees only predefined entities.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import IO

from kg.errors import InputError, RecordError
from kg.ingest.common import arxiv_id, doi, iso_date, make_paper, text
from kg.model import Paper

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_CHUNK = 1 << 16
MAX_ENTRY_CHARS = 64 << 20
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?/?>")
MAX_PROLOG_CHARS = 1 << 20
_ENTRY_START = re.compile(r"<(?:[\w.-]+:)?entry[\s>/]")
_ENTRY_END = re.compile(r"</(?:[\w.-]+:)?entry\s*>")
_DTD = re.compile(r"<!DOCTYPE|<!ENTITY", re.I)


class _Text:
    """A growing window over the stream that tracks the line number of its first character."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.buf = ""
        self.line = 1
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        data = self.stream.read(max(_CHUNK, len(self.buf)))
        if not data:
            self.eof = True
            return False
        self.buf += data
        if len(self.buf) > MAX_ENTRY_CHARS:
            raise InputError(f"entry longer than {MAX_ENTRY_CHARS} characters")
        return True

    def drop(self, n: int) -> None:
        self.line += self.buf.count("\n", 0, n)
        self.buf = self.buf[n:]

    def line_at(self, i: int) -> int:
        return self.line + self.buf.count("\n", 0, i)


def read_atom(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    t = _Text(stream)
    # The prolog, up to and including the root start tag.
    while not (m := _FIRST_TAG.search(t.buf)):
        if len(t.buf) > MAX_PROLOG_CHARS or not t.more():
            break
    if _DTD.search(t.buf[: m.start()] if m else t.buf):
        raise InputError(f"{name}: XML with a DOCTYPE declaration is refused "
                         "(entity declarations are an attack vector); expected an Atom feed")
    if not m:
        raise InputError(f"{name}: no XML root element found; expected an arXiv API Atom feed")
    if m.group(1).rpartition(":")[2] != "feed":
        raise InputError(f"{name}: the root element is <{m.group(1)}>, not an Atom <feed>; "
                         "expected an arXiv API response")
    root_tag, root_name = m.group(0), m.group(1)
    if root_tag.endswith("/>"):
        return
    wrapper_end = f"</{root_name}>"
    t.drop(m.end())
    while True:
        s = _ENTRY_START.search(t.buf)
        if not s:
            # Keep a tail in case a start tag is cut by the chunk boundary.
            t.drop(max(0, len(t.buf) - 16))
            if not t.more():
                return
            continue
        t.drop(s.start())
        searched = 0
        while not (e := _ENTRY_END.search(t.buf, max(0, searched - 16))):
            searched = len(t.buf)
            try:
                grown = t.more()
            except InputError as err:
                yield RecordError(f"{name}:{t.line}", str(err))
                return
            if not grown:
                yield RecordError(f"{name}:{t.line}", "broken XML entry: <entry> never closed")
                return
        line = t.line
        chunk = t.buf[: e.end()]
        t.drop(e.end())
        yield _entry(root_tag + chunk + wrapper_end, root_tag.count("\n"), f"{name}:{line}")


def _entry(xml: str, tag_lines: int, loc: str) -> Paper | RecordError:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        msg = re.sub(r": line \d+, column \d+$", "", str(e))
        line_off = (e.position[0] - 1 - tag_lines) if e.position else 0
        file, _, line = loc.rpartition(":")
        return RecordError(f"{file}:{int(line) + max(0, line_off)}", f"broken XML entry: {msg}")
    entry = next(iter(root), None)
    if entry is None:
        return RecordError(loc, "broken XML entry: empty")
    return entry_paper(entry, loc)


def _find_text(entry: ET.Element, tag: str) -> str:
    el = entry.find(tag)
    return "".join(el.itertext()) if el is not None else ""


def entry_paper(entry: ET.Element, loc: str) -> Paper | RecordError:
    """One Atom entry as a Paper: arXiv id without prefix or version, LaTeX left as written."""
    raw_id = _find_text(entry, f"{ATOM}id").strip()
    aid = arxiv_id(raw_id)
    authors = [text(_find_text(a, f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")]
    url = None
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = link.get("href")
            break
    cats: list[str] = []
    prim = entry.find(f"{ARXIV}primary_category")
    if prim is not None and prim.get("term"):
        cats.append(prim.get("term", ""))
    cats += [c.get("term", "") for c in entry.findall(f"{ATOM}category")]
    date = iso_date(_find_text(entry, f"{ATOM}published").strip()) or iso_date(
        _find_text(entry, f"{ATOM}updated").strip())
    return make_paper(
        loc, title=_find_text(entry, f"{ATOM}title"), abstract=_find_text(entry, f"{ATOM}summary"),
        id=aid or (text(raw_id) or None), authors=authors, date=date,
        url=url or (raw_id if raw_id.startswith("http") else None),
        categories=[text(c) for c in cats], doi_=doi(_find_text(entry, f"{ARXIV}doi")))
