"""BibTeX with abstract fields (Zotero, JabRef, publisher exports), one entry at a time.

bibtexparser parses a whole string, so the file is cut into entries first: an entry starts
at a line beginning with ``@type{`` (or ``@type(``). Each piece is parsed alone with
bibtexparser's v2 API, so memory does not grow with the file and one broken entry is
reported without losing the rest. ``@string`` macros are remembered and prepended to later
pieces; month macros (``month = apr``) resolve through bibtexparser's month middleware.

Title, abstract and author are LaTeX-decoded with pylatexenc (what bibtexparser itself
uses): braces dropped, accents (``{\\'a}``) and escapes (``\\&``, ``{\\textless}``) decoded,
math (``$K$``) kept as written. Other fields (url, doi, file) are taken raw: decoding would
mangle ``~`` and ``%`` in URLs. A raw ``%`` is escaped before decoding, since in LaTeX it
would start a comment and swallow the rest of the line ("50% of ...").

The id is the arXiv ``eprint`` if any, else ``doi:<doi>``, else the title hash: citation
keys (``smith2020``) are only unique within one file.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any

from kg.errors import RecordError
from kg.ingest.common import arxiv_id, doi, iso_date, make_paper, split_list, text
from kg.model import Paper

# bibtexparser logs every broken block as a warning; each one is reported here as a skip
# already, so its own log lines would only print the same thing twice on stderr.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

_ENTRY_START = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    db.add_context_category("kg-bibtex", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"),
        MacroTextSpec("textless", simplify_repl="<"),
        MacroTextSpec("textgreater", simplify_repl=">"),
        MacroTextSpec("textbar", simplify_repl="|"),
        MacroTextSpec("textasciitilde", simplify_repl="~"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),
        MacroTextSpec("textunderscore", simplify_repl="_"),
        MacroTextSpec("textbackslash", simplify_repl="\\"),
    ])
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", keep_braced_groups=False)


def decode_latex(value: str) -> str:
    """LaTeX markup to text, math kept; the input itself if pylatexenc cannot make sense of it."""
    escaped = re.sub(r"(?<!\\)%", r"\\%", value)
    try:
        return str(_decoder().latex_to_text(escaped))
    except Exception:  # pylatexenc raises assorted errors on malformed markup; keep the text.
        return value


def _name(n: str) -> str:
    """``Last, First`` -> ``First Last``; ``Last, Jr, First`` -> ``First Last Jr``."""
    parts = [p.strip() for p in n.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and parts[0] and parts[2]:
        return " ".join(p for p in (parts[2], parts[0], parts[1]) if p)
    return n


def _authors(value: str) -> tuple[str, ...]:
    raw = re.split(r"\s+and\s+", value.strip()) if value.strip() else []
    return tuple(t for t in (text(_name(decode_latex(a))) for a in raw) if t and t.lower() != "others")


def _date(f: dict[str, str]) -> str | None:
    if d := iso_date(f.get("date", "")):
        return d
    year = iso_date(f.get("year", "").strip())
    if not year or len(year) != 4:
        return year
    month_raw = f.get("month", "").strip().lower()[:3]
    month = int(month_raw) if month_raw.isdigit() else _MONTHS.get(month_raw)
    day = f.get("day", "").strip()
    if month and day.isdigit():
        return iso_date(f"{year}-{month:02d}-{int(day):02d}") or year
    return year


def entry_paper(fields: dict[str, str], loc: str) -> Paper | RecordError:
    aid = None
    if fields.get("archiveprefix", "arxiv").lower() == "arxiv" or fields.get("eprinttype", "").lower() == "arxiv":
        aid = arxiv_id(fields.get("eprint", ""))
    d = doi(fields.get("doi", ""))
    return make_paper(
        loc, title=decode_latex(fields.get("title", "")), abstract=decode_latex(fields.get("abstract", "")),
        id=aid or (f"doi:{d}" if d else None), authors=_authors(fields.get("author", "")),
        date=_date(fields), url=fields.get("url") or (f"https://doi.org/{d}" if d else None),
        categories=split_list(decode_latex(fields.get("keywords", "")), seps=";,"), doi_=d)


def _pieces(stream: IO[str]) -> Iterator[tuple[int, str, str]]:
    """(first line, entry type, text) of every ``@`` block; text before the first is dropped."""
    buf: list[str] = []
    kind = ""
    start = 0
    for lineno, line in enumerate(stream, 1):
        m = _ENTRY_START.match(line)
        if m:
            if buf:
                yield start, kind, "".join(buf)
            buf, kind, start = [line], m.group(1).lower(), lineno
        elif buf:
            buf.append(line)
    if buf:
        yield start, kind, "".join(buf)


def read_bibtex(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    import bibtexparser
    from bibtexparser.middlewares import MonthIntMiddleware

    strings: list[str] = []
    for line, kind, piece in _pieces(stream):
        loc = f"{name}:{line}"
        if kind in ("comment", "preamble"):
            continue
        if kind == "string":
            try:
                failed = bibtexparser.parse_string(piece).failed_blocks
            except Exception:  # see below
                failed = [None]
            if failed:
                yield RecordError(loc, "broken @string definition")
            else:
                strings.append(piece)
            continue
        prefix = "".join(strings)
        try:
            lib = bibtexparser.parse_string(prefix + "\n" + piece, append_middleware=[MonthIntMiddleware()])
        except Exception as e:  # bibtexparser's splitter raises assorted errors on garbage
            yield RecordError(loc, f"broken BibTeX entry: {type(e).__name__}: {e}")
            continue
        for failed in lib.failed_blocks:
            err = getattr(failed, "error", None)
            why = getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err or "")
            lines = str(why).strip().splitlines()
            msg = lines[-1].strip() if lines else type(failed).__name__
            yield RecordError(loc, f"broken BibTeX entry: {msg}")
        for entry in lib.entries:
            fields = {f.key.lower(): f.value if isinstance(f.value, str) else str(f.value)
                      for f in entry.fields}
            yield entry_paper(fields, loc)
