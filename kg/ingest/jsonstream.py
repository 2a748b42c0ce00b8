"""Streaming JSON: records out of JSON Lines, JSON arrays and wrapped result pages.

Why not ``json.load``: a 1 GB array of works would be held in memory at once, several times
over. Instead the text is read in chunks and each record is decoded on its own with
``json.JSONDecoder.raw_decode``; only the current record (and a chunk of look-ahead) is held.

Shapes understood, whatever the format name:

* JSON Lines (one object per line): a broken line is reported and reading goes on;
* a top-level array: each element is a record;
* a top-level object with an array under one of :data:`WRAPPER_KEYS` (OpenAlex ``results``,
  Semantic Scholar ``data``): each element of that array is a record, other keys are ignored;
* any other top-level object: the object is one record;
* several top-level values one after another (concatenated JSON).

In a document (not line) a syntax error ends the file: JSON cannot be resynchronised safely,
so the error is reported and the records after it are lost. A single record larger than
:data:`MAX_RECORD_CHARS` is reported as broken rather than read into memory.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from kg.errors import RecordError
from kg.model import Paper

#: Keys of a top-level object whose array value holds the records.
WRAPPER_KEYS = frozenset({"results", "data", "papers", "items", "works", "records"})
#: A JSON Lines line longer than this is handed to the document parser instead.
MAX_PROBE_LINE = 1 << 18
MAX_RECORD_CHARS = 256 << 20
_CHUNK = 1 << 16
_WS = " \t\n\r"
_decoder = json.JSONDecoder(strict=False)

#: A decoded record: (line where it starts, index in its array or None, value).
Item = tuple[int, int | None, Any]
Mapper = Callable[[Any, str], "Paper | RecordError"]


class _Broken(Exception):
    def __init__(self, line: int, msg: str) -> None:
        super().__init__(msg)
        self.line = line
        self.msg = msg


class _Doc:
    """A cursor over a text stream that keeps only the undecoded tail in memory."""

    def __init__(self, stream: IO[str], prefix: str = "", first_line: int = 1) -> None:
        self.stream = stream
        self.buf = prefix
        self.pos = 0
        self.line = first_line  # line number of buf[0]
        self.eof = False
        self._mark = (0, first_line)  # (offset in buf, its line): lineno() counts from here

    def _more(self, n: int = _CHUNK) -> bool:
        if self.eof:
            return False
        if self.pos:
            self.line = self.lineno()
            self.buf = self.buf[self.pos:]
            self.pos = 0
            self._mark = (0, self.line)
        data = self.stream.read(n)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def lineno(self) -> int:
        at, line = self._mark
        if self.pos < at:
            at, line = 0, self.line
        line += self.buf.count("\n", at, self.pos)
        self._mark = (self.pos, line)
        return line

    def peek(self) -> str | None:
        """The next non-space character (not consumed), or None at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return None

    def expect(self, chars: str, what: str) -> str:
        c = self.peek()
        if c is None or c not in chars:
            found = "end of file" if c is None else repr(c)
            raise _Broken(self.lineno(), f"expected {what}, found {found}")
        self.pos += 1
        return c

    def value(self) -> Any:
        """Decodes the value at the cursor, reading more text while it is incomplete."""
        if self.peek() is None:
            raise _Broken(self.lineno(), "expected a value, found end of file")
        while True:
            try:
                obj, end = _decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                near_end = e.pos >= len(self.buf) - 8 or e.msg.startswith("Unterminated string")
                if near_end and not self.eof:
                    self._grow()
                    continue
                raise _Broken(self.line + self.buf.count("\n", 0, e.pos), e.msg) from None
            # A number may continue in the next chunk ("12" + "3").
            if end == len(self.buf) and not self.eof and not isinstance(obj, (dict, list, str)):
                self._grow()
                continue
            self.pos = end
            return obj

    def _grow(self) -> None:
        if len(self.buf) - self.pos > MAX_RECORD_CHARS:
            raise _Broken(self.lineno(), f"record longer than {MAX_RECORD_CHARS} characters")
        # Read at least as much again as is pending, so one huge record costs O(n log n).
        self._more(max(_CHUNK, len(self.buf) - self.pos))

    def array(self) -> Iterator[Item]:
        self.expect("[", "'['")
        if self.peek() == "]":
            self.pos += 1
            return
        idx = 0
        while True:
            self.peek()  # skip the spaces and newlines before the element
            line = self.lineno()
            yield line, idx, self.value()
            idx += 1
            if self.expect(",]", "',' or ']'") == "]":
                return

    def obj(self) -> Iterator[Item]:
        self.peek()
        line0 = self.lineno()
        self.expect("{", "'{'")
        fields: dict[str, Any] = {}
        wrapped = False
        if self.peek() == "}":
            self.pos += 1
        else:
            while True:
                if self.peek() != '"':
                    raise _Broken(self.lineno(), "expected a quoted key")
                key = self.value()
                self.expect(":", "':'")
                if key in WRAPPER_KEYS and self.peek() == "[":
                    wrapped = True
                    yield from self.array()
                else:
                    fields[key] = self.value()
                if self.expect(",}", "',' or '}'") == "}":
                    break
        if not wrapped:
            yield line0, None, fields

    def documents(self) -> Iterator[Item]:
        while (c := self.peek()) is not None:
            if c == "[":
                yield from self.array()
            elif c == "{":
                yield from self.obj()
            else:
                line = self.lineno()
                yield line, None, self.value()


def iter_values(stream: IO[str], name: str) -> Iterator[Item | RecordError]:
    """Every record of a JSON or JSON Lines stream, or a RecordError for what cannot be read."""
    probe = stream.readline(MAX_PROBE_LINE)
    jsonl = False
    if probe.endswith(("\n", "\r")) and probe.lstrip().startswith("{"):
        try:
            jsonl = isinstance(json.loads(probe, strict=False), dict)
        except ValueError:
            jsonl = False
    if jsonl:
        yield from _lines(probe, stream, name)
        return
    doc = _Doc(stream, probe)
    try:
        yield from doc.documents()
    except _Broken as e:
        yield RecordError(f"{name}:{e.line}", f"broken JSON: {e.msg}; rest of file skipped")
    except RecursionError:
        yield RecordError(f"{name}:{doc.lineno()}", "broken JSON: nested too deeply; rest of file skipped")


def _lines(probe: str, stream: IO[str], name: str) -> Iterator[Item | RecordError]:
    lineno = 0
    pending = probe
    while True:
        line = pending if pending else stream.readline()
        pending = ""
        if not line:
            return
        lineno += 1
        s = line.strip()
        if not s:
            continue
        try:
            value = json.loads(s, strict=False)
        except ValueError as e:
            yield RecordError(f"{name}:{lineno}", f"broken JSON line: {e}")
            continue
        except RecursionError:
            yield RecordError(f"{name}:{lineno}", "broken JSON line: nested too deeply")
            continue
        wrapped = _wrapped(value)
        if wrapped is None:
            yield lineno, None, value
        else:
            for idx, element in enumerate(wrapped):
                yield lineno, idx, element


def _wrapped(value: Any) -> list[Any] | None:
    """The records of a one-line result page (``{"data": [...]}``), else None."""
    if isinstance(value, dict) and "title" not in value:
        for k in WRAPPER_KEYS:
            if isinstance(value.get(k), list):
                return value[k]
    return None


def read_with(stream: IO[str], name: str, mapper: Mapper) -> Iterator[Paper | RecordError]:
    """Maps every JSON record of ``stream`` to a Paper with ``mapper``.

    A mapper that trips over a mangled record (a list where an object was expected, say)
    yields a RecordError for that record instead of stopping the file.
    """
    for item in iter_values(stream, name):
        if isinstance(item, RecordError):
            yield item
            continue
        line, idx, value = item
        loc = f"{name}:{line}"
        try:
            result = mapper(value, loc)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError) as e:
            result = RecordError(loc, f"malformed record ({type(e).__name__}: {e})")
        if isinstance(result, RecordError) and idx is not None:
            result = RecordError(result.location, f"element {idx}: {result.reason}")
        yield result


def require_object(value: Any, loc: str) -> RecordError | None:
    """The error for a record that is not a JSON object, else None."""
    if isinstance(value, dict):
        return None
    kind = "null" if value is None else type(value).__name__
    return RecordError(loc, f"not a JSON object ({kind})")
