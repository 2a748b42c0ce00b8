"""Loads the vocabularies shipped as JSON data files in ``kg/data``.

Vocabularies are data, not code, so that users can read and extend them without touching
Python; they are parsed once per process.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(filename: str) -> Any:
    """The parsed content of ``kg/data/<filename>``."""
    with (resources.files("kg") / "data" / filename).open("r", encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------------------------
# ASCII twins of patterns
# --------------------------------------------------------------------------------------------
# Nearly every abstract is plain ASCII. On such text a pattern compiled with re.ASCII matches
# exactly what the Unicode one matches (\w \d \b are the same on ASCII characters, and \s too
# once the separators \x1c-\x1f are ruled out), but sre's re.I and class tests are cheaper:
# the full-text scans run 15-40% faster. The one difference on ASCII text is Unicode re.I
# matching an ASCII letter with one of four other characters (U+0130 and U+0131 for i,
# U+017F for s, U+212A for k): a pattern naming one of them (as a literal or inside a class
# range) keeps no twin.

_UNICODE_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")
_FOLDS_TO_ASCII = frozenset({0x130, 0x131, 0x17F, 0x212A})


def plain_ascii(text: str) -> bool:
    """Whether ASCII twins (:func:`ascii_twin`) match ``text`` exactly as the originals."""
    return text.isascii() and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text \
        and "\x1f" not in text


def _no_ascii_folds(src: str, flags: int) -> bool:
    """True when no literal or class range of the pattern holds a character in _FOLDS_TO_ASCII."""
    # Below the first of them, with no escape that can name a higher code point, neither a
    # literal nor a range can hold one: decided without parsing (parsing the 49 kB hardware
    # pattern took 0.18 s of start-up).
    if max(src, default="\0") < "\u0130" and not any(e in src for e in ("\\u", "\\U", "\\N")):
        return True
    try:
        from re import _constants as C, _parser
        tree = _parser.parse(src, flags)
    except Exception:  # noqa: BLE001 - private API moved or pattern odd: no twin
        return False

    def ok(x: object) -> bool:
        if isinstance(x, _parser.SubPattern):
            x = x.data
        if isinstance(x, (list, tuple)):
            if len(x) == 2 and isinstance(x[0], C._NamedIntConstant):
                op, av = x
                if op in (C.LITERAL, C.NOT_LITERAL) and av in _FOLDS_TO_ASCII:
                    return False
                if op is C.RANGE and any(av[0] <= f <= av[1] for f in _FOLDS_TO_ASCII):
                    return False
                return ok(av)
            return all(ok(y) for y in x)
        return True

    return ok(tree)


def ascii_twin(p: re.Pattern[str]) -> re.Pattern[str]:
    """``p`` compiled with re.ASCII, or ``p`` itself when that could change a match."""
    src = p.pattern
    if not isinstance(src, str) or not _no_ascii_folds(src, p.flags):
        return p
    try:
        return re.compile(src, (p.flags & ~re.UNICODE) | re.ASCII)
    except (re.error, ValueError):
        return p


class AsciiGuarded:
    """A pattern that scans with its ASCII twin whenever the subject is plain ASCII.

    The check is per call, so strings that do not come from the text (a gazetteer's canonical
    "DALL·E 2") still go through the Unicode pattern. Other attributes are the pattern's.
    """

    __slots__ = ("unicode", "twin")

    def __init__(self, p: re.Pattern[str]) -> None:
        self.unicode = p
        self.twin = ascii_twin(p)

    def _pick(self, string: str) -> re.Pattern[str]:
        return self.twin if plain_ascii(string) else self.unicode

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self._pick(string).search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self._pick(string).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self._pick(string).fullmatch(string, *args)

    def finditer(self, string: str, *args: int):  # noqa: ANN201 - re's own iterator type
        return self._pick(string).finditer(string, *args)

    def findall(self, string: str, *args: int) -> list:
        return self._pick(string).findall(string, *args)

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.unicode, name)


def guarded(p: re.Pattern[str]) -> re.Pattern[str] | AsciiGuarded:
    """``p`` wrapped in :class:`AsciiGuarded`, or ``p`` when it has no ASCII twin."""
    g = AsciiGuarded(p)
    return p if g.twin is p else g
