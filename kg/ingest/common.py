"""Helpers shared by the readers: building a valid Paper, and normalising ids, DOIs and dates.

Every reader funnels its records through :func:`make_paper`, so the rules for what counts as
a usable record (a title and an abstract), how text is normalised and how the id is chosen live
in one place and cannot drift between formats.
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from kg.errors import RecordError
from kg.model import Paper, normalise_text, title_key

#: New-style (0704.0001, 2410.17243) and old-style (quant-ph/0210005, math.GT/0309136) arXiv ids.
_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}$")
_ARXIV_OLD = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{7}$")
_ARXIV_PREFIX = re.compile(r"^(?:arxiv:|https?://(?:export\.|www\.)?arxiv\.org/(?:abs|pdf)/)", re.I)
_DOI_PREFIX = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", re.I)
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")


def text(value: Any) -> str:
    """A field value as normalised text; numbers are accepted, containers and None are ''."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return normalise_text(value)
    return ""


def first(obj: Mapping[str, Any], *keys: str) -> Any:
    """The value of the first key present with a non-empty value (keys tried in order)."""
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def arxiv_id(value: Any) -> str | None:
    """An arXiv id without URL prefix and version (``quant-ph/0210005v1`` -> ``quant-ph/0210005``),
    or None when ``value`` is not one."""
    if not isinstance(value, str):
        return None
    s = _ARXIV_PREFIX.sub("", value.strip())
    s = re.sub(r"(?:\.pdf)?$", "", s)
    s = re.sub(r"v\d+$", "", s)
    if _ARXIV_NEW.match(s) or _ARXIV_OLD.match(s):
        return s
    return None


def doi(value: Any) -> str | None:
    """A bare, lower-cased DOI (``10.1103/physrevd.76.013009``) or None; the first of several."""
    if not isinstance(value, str):
        return None
    parts = value.split()  # the OAI snapshot lists several DOIs separated by spaces
    if not parts:
        return None
    s = _DOI_PREFIX.sub("", parts[0]).lower()
    return s if re.match(r"^10\.\d{3,}/\S+$", s) else None


def title_id(title: str) -> str:
    """The fallback id from the title.

    ``Paper.id_from_title`` hashes ``title_key``, which is empty for a title with no ASCII
    letters or digits (a Chinese title, say): all such titles would share one id. Those are
    hashed on their normalised, case-folded text instead.
    """
    if title_key(title):
        return Paper.id_from_title(title)
    return "t-" + hashlib.sha1(title.casefold().encode()).hexdigest()[:16]


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY`` from the date forms the sources use, else None.

    Accepts years as numbers, ISO dates and timestamps, RFC 2822 dates (arXiv OAI
    ``versions[].created``) and free text holding a day-month-year or a year ("4 Feb 2014").
    A year-month date is cut to the year: the model allows only the two forms.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return f"{value:04d}" if 1000 <= value <= 2999 else None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m and _valid(*map(int, m.groups())):
        y, mo, d = map(int, m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}"
    if re.match(r"^\d{4}(?:-\d{1,2})?$", s):
        return s[:4] if 1000 <= int(s[:4]) <= 2999 else None
    try:
        parsed = email.utils.parsedate_to_datetime(s)
        return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for fmt in ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d %b. %Y"):
        try:
            return _dt.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    m = _YEAR.search(s)
    return m.group(1) if m else None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


def split_list(value: Any, seps: str = ";,") -> tuple[str, ...]:
    """Names or labels from a list (of strings or ``{"name": ...}`` objects) or one string.

    A string is split on the first of ``seps`` that occurs in it, else on ``" and "``.
    """
    items: Iterable[Any]
    if isinstance(value, str):
        items = [value]
        for sep in seps:
            if sep in value:
                items = value.split(sep)
                break
        else:
            if " and " in value:
                items = re.split(r"\s+and\s+", value)
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return ()
    out: list[str] = []
    for it in items:
        if isinstance(it, Mapping):
            it = first(it, "name", "display_name", "fullname", "full_name") or " ".join(
                text(it.get(k)) for k in ("given", "family") if text(it.get(k)))
        t = text(it)
        if t and t not in out:
            out.append(t)
    return tuple(out)


def make_paper(location: str, *, title: Any, abstract: Any, id: str | None = None,
               authors: Iterable[str] = (), date: str | None = None, url: Any = None,
               categories: Iterable[str] = (), doi_: str | None = None,
               placeholder_abstracts: tuple[str, ...] = ()) -> Paper | RecordError:
    """A Paper with normalised text, or the RecordError saying why the record is unusable.

    The id is the one given (the source's own), else ``doi:<doi>``, else a title hash.
    """
    t = text(title)
    a = text(abstract)
    if a and a.lower() in placeholder_abstracts:
        a = ""
    if not t and not a:
        return RecordError(location, "no title and no abstract")
    if not t:
        return RecordError(location, "no title")
    if not a:
        return RecordError(location, f"no abstract (title {t[:60]!r})")
    d = doi(doi_) if doi_ else None
    pid = id or (f"doi:{d}" if d else None) or title_id(t)
    u = text(url) or None
    return Paper(id=pid, title=t, abstract=a, authors=tuple(x for x in authors if x),
                 date=date, url=u, categories=tuple(dict.fromkeys(c for c in categories if c)),
                 doi=d, source=location)
