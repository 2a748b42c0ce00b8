"""Word gates: cheap necessary conditions that let a component skip its exact whole-text scans.

Why: most abstracts name no hardware and hold no quantitative claim, so the exact patterns
mostly run to prove that nothing matches. Those patterns open with a lookbehind and a big
alternation, which stops sre's prefix optimisations: the backtracking engine tries the whole
alternation at every character (~50-170 ns per character, 0.1-0.3 ms per abstract).

A gate answers "can the exact pattern match here at all?" much faster, and may only err on the
side of "yes":

* the text is folded to *word text* (:func:`word_text`): lowercased, every character that is not
  an ASCII letter or digit turned into one space, a space put in front. The fold keeps offsets,
  never joins two words and is a C-level ``bytes.translate``;
* every match of a gated pattern starts at the start of a word, so in word text it starts just
  after a space (or after a lead the caller names, e.g. ``x`` for ``8xA100``). The gate is one
  regex ``<lead><trie>`` whose literal first character lets sre jump from space to space with
  ``memchr`` speed, and whose character trie rejects most words after one comparison;
* the trie holds the word-text spellings a match can start with: exact alias spellings given by
  the caller, or the start of a pattern read off its parse tree (:func:`pattern_starts`).

Gates apply to plain ASCII text only (:func:`kg.extract.vocab.plain_ascii`); on anything else
the callers run their exact scans as before.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: Word-text token for "one space or nothing" (the separator inside an alias, ``RTX[ -]4090``).
OPT_SPACE = " ?"
#: Word-text token for "any number of spaces" (``\s*``) and "one or more" (``\s+``).
ANY_SPACES = " *"
SOME_SPACES = " +"

_WORD_TABLE = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(128)).ljust(256, b" ")
_WORD_TABLE = bytes(c + 0x20 if 0x41 <= c <= 0x5A else c for c in _WORD_TABLE)  # A-Z -> a-z


def word_text(text: str) -> bytes:
    """``text`` (plain ASCII) as word text: lowercase letters and digits, all else one space.

    A space is prepended so that a word at offset 0 also follows a space; offsets shift by one.
    """
    return b" " + text.encode("ascii").translate(_WORD_TABLE)


def word_char(c: str) -> str | None:
    """The word-text form of one pattern character, or None when it never occurs in ASCII text."""
    if not c.isascii():
        return None
    return c.lower() if c.isalnum() else " "


class WordGate:
    """Whether any of some token sequences occurs in word text right after one of ``leads``.

    A sequence is a tuple of tokens: a single word-text character (taken literally), or a
    regex piece of two or more characters matching one stretch of word text (:data:`OPT_SPACE`,
    :data:`ANY_SPACES`, :data:`SOME_SPACES`, a class like ``[0-9]``). A *bounded* sequence must end the word
    (optionally followed by a plural ``s`` / ``'s``, ``right`` says which); an unbounded one
    only has to start the text that follows.
    """

    def __init__(self, sequences: Iterable[tuple[Sequence[str], bool]], leads: Sequence[str] = (" ",),
                 right: str = r"(?![a-z0-9])") -> None:
        trie: dict[str, Any] = {}
        for tokens, bounded in sequences:
            node = trie
            for tok in tokens:
                node = node.setdefault(tok, {})
            # "" marks an end: True for a bounded end, False for "anything may follow"
            node[""] = node.get("", True) and bounded if "" in node else bounded
        if not trie or "" in trie:
            raise ValueError("a word gate needs non-empty sequences")
        if not leads or len({lead[:1] for lead in leads}) != len(leads) or "" in leads:
            raise ValueError("word gate leads must be non-empty and start with distinct characters")
        # One pattern for all leads, the sequences in a group: the trie regex is large (100 KB
        # for the hardware registry) and compiling it once per lead took 1.2 s of start-up.
        # Leads start with distinct characters, so at most one can match at an offset and a
        # search finds the offsets the per-lead searches found together.
        lead_re = "|".join(re.escape(lead) for lead in sorted(leads))
        self._pattern = re.compile(f"(?:{lead_re})({_trie_regex(trie, right)})".encode("ascii"))

    def __call__(self, words: bytes) -> bool:
        """True when some sequence occurs in ``words`` (see :func:`word_text`) after a lead."""
        return self._pattern.search(words) is not None

    def starts(self, words: bytes) -> list[int]:
        """The text offsets where a sequence starts after a lead, ascending.

        ``words`` is ``word_text(text)``; the offsets are into ``text``. Overlapping
        occurrences all count ("NVIDIA A100": both words start a sequence).
        """
        out: set[int] = set()
        search = self._pattern.search
        m = search(words)
        while m is not None:
            out.add(m.start(1) - 1)  # word text has one leading space: offsets shift by one
            m = search(words, m.start() + 1)
        return sorted(out)  # leads differ in length: "times" before a later " " ends later


def finditer_at(pattern: re.Pattern[str], string: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(string)`` yields, given (ascending) every offset a match can start at.

    Why: on a long text with a few candidate offsets (:meth:`WordGate.starts`), one
    ``match`` per offset is far cheaper than a scan that tries the pattern everywhere. The
    match at an offset is the one the scan would find there (lookbehinds see the whole
    string), and skipping offsets inside a match keeps the scan's non-overlapping order.
    """
    end = 0
    for q in starts:
        if q < end:
            continue
        m = pattern.match(string, q)
        if m is None:
            continue
        if m.end() == q:  # an empty match: the scan's own rules for what comes next apply
            yield from pattern.finditer(string, q)
            return
        yield m
        end = m.end()


def _trie_regex(node: dict[str, Any], right: str) -> str:
    alts = []
    for tok in sorted(k for k in node if k):
        piece = re.escape(tok) if len(tok) == 1 else tok
        child = node[tok]
        if child.get("") is False:
            pass  # anything may follow: longer spellings add nothing
        elif any(k for k in child):
            inner = _trie_regex(child, right)
            if "" in child:
                end = right if child[""] else ""
                piece += f"(?:{inner}|{end})" if end else f"(?:{inner})?"
            else:
                piece += inner
        else:
            piece += right
        alts.append(piece)
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# --------------------------------------------------------------------------------------------
# The start of a pattern, read off its parse tree
# --------------------------------------------------------------------------------------------
# Each result is (tokens, complete): complete means the match may end there. Assertions
# (lookarounds, \b) are dropped, which only widens the language; a construct with no short word
# text spelling (\w, [^...], ., an unbounded repeat of non-space) ends the walk there: the
# tokens so far are still a prefix of every match through that path.

_Seq = tuple[tuple[str, ...], bool]
#: Characters that Unicode re.IGNORECASE folds onto an ASCII letter (see vocab._FOLDS_TO_ASCII).
_FOLDS_TO_ASCII = frozenset({0x130, 0x131, 0x17F, 0x212A})


class _Unsupported(Exception):
    """The parse tree uses something the walk does not model."""


def pattern_starts(pattern: re.Pattern[str], limit: int = 4000) -> list[tuple[str, ...]] | None:
    """The word-text spellings every match of ``pattern`` on plain ASCII text starts with.

    Each is a start only (what follows it is not checked): pass them to :class:`WordGate` as
    unbounded sequences.

    None when the pattern cannot be read this way, or when some match could start with no
    letter or digit fixed (the gate would pass everything). The pattern must start every match
    at the start of a word: this is checked (a leading ``\\b`` or ``(?<![A-Za-z0-9...])``
    followed by letters or digits), and None returned otherwise.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    tree, C = parsed
    walker = _Walker(C, limit)
    try:
        items = list(tree)
        if not walker.starts_at_word(items, bool(pattern.flags & re.IGNORECASE)):
            return None
        seqs = walker.sequence(items)
    except _Unsupported:
        return None
    if not seqs or any(not _fixed(tokens) for tokens, _ in seqs):
        return None
    return sorted({tokens for tokens, _ in seqs})


def _parse(pattern: re.Pattern[str]) -> tuple[Any, Any] | None:
    """(parse tree, sre constants) of ``pattern``; None when the private parser is gone or moved
    (``re._parser`` is stable since Python 3.11, and a gate is an optimisation only)."""
    try:
        from re import _constants, _parser
        return _parser.parse(pattern.pattern, pattern.flags), _constants
    except Exception:  # noqa: BLE001 - any failure means: no gate
        return None


def _fixed(tokens: tuple[str, ...]) -> bool:
    """Whether the tokens start with a letter or digit (else the gate is no filter at all)."""
    return bool(tokens) and " " not in tokens[0]


class _Walker:
    def __init__(self, consts: Any, limit: int) -> None:
        self.C = consts
        self.limit = limit

    def starts_at_word(self, items: list[Any], caseless: bool) -> bool:
        """A leading word-start assertion: ``\\b`` (the walk then checks that a letter or digit
        follows) or a one-character negative lookbehind excluding every ASCII letter and digit."""
        C = self.C
        if not items:
            return False
        op, av = items[0]
        if op is C.AT and av is C.AT_BOUNDARY:
            return True
        if op is C.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is C.IN:
            excluded: set[str] = set()
            for sop, sav in av[1][0][1]:
                if sop is C.LITERAL:
                    excluded.add(chr(sav))
                elif sop is C.RANGE:
                    excluded.update(chr(c) for c in range(sav[0], min(sav[1], 127) + 1))
                elif sop is C.CATEGORY and sav in (C.CATEGORY_WORD, C.CATEGORY_UNI_WORD):
                    excluded.update(string.ascii_letters + string.digits)
                elif sop is C.NEGATE:
                    return False
            if caseless:
                excluded |= {c.swapcase() for c in excluded}
            return set(string.ascii_letters + string.digits) <= excluded
        return False

    def charset(self, items: list[Any]) -> set[str] | None:
        """The word-text characters a one-character item stands for (None: not one character)."""
        C = self.C
        if len(items) != 1:
            return None
        op, av = items[0]
        if op is C.LITERAL:
            return self._chars([av])
        if op is not C.IN:
            return None
        codes: list[int] = []
        for sop, sav in av:
            if sop is C.LITERAL:
                codes.append(sav)
            elif sop is C.RANGE:
                if sav[1] - sav[0] > 80:
                    return None
                codes.extend(range(sav[0], sav[1] + 1))
            elif sop is C.CATEGORY and sav in (C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE):
                codes.append(ord(" "))
            elif sop is C.CATEGORY and sav in (C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT):
                codes.extend(range(ord("0"), ord("9") + 1))
            else:  # NEGATE, \w, ...
                return None
        return self._chars(codes)

    @staticmethod
    def _chars(codes: list[int]) -> set[str]:
        if any(c in _FOLDS_TO_ASCII for c in codes):
            raise _Unsupported  # matches an ASCII letter under Unicode re.I
        return {w for w in (word_char(chr(c)) for c in codes) if w is not None}

    def sequence(self, items: list[Any]) -> list[_Seq]:
        """The spellings of a sequence of parse items (see :func:`pattern_starts`)."""
        open_: list[tuple[str, ...]] = [()]
        done: list[_Seq] = []
        for i, item in enumerate(items):
            parts = self.item(item)
            if parts is None or len(open_) * len(parts) > self.limit:
                done.extend((t, False) for t in open_)
                return done
            nxt: list[tuple[str, ...]] = []
            for t in open_:
                for p, complete in parts:
                    if complete:
                        nxt.append(t + p)
                    else:
                        done.append((t + p, False))
            open_ = list(dict.fromkeys(nxt))
            if not open_:
                return done
        return done + [(t, True) for t in open_]

    def item(self, item: Any) -> list[_Seq] | None:
        """The spellings of one parse item; None when it has none (the walk stops before it)."""
        C = self.C
        op, av = item
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return [((), True)]
        if op in (C.LITERAL, C.IN):
            chars = self.charset([item])
            if chars is None:
                return None
            if len(chars) <= 1:
                return [((c,), True) for c in chars]  # none: cannot match ASCII text
            return [(("[" + "".join(re.escape(c) for c in sorted(chars)) + "]",), True)]
        if op is C.SUBPATTERN:
            return self.sequence(list(av[-1]))
        if op is C.BRANCH:
            out: list[_Seq] = []
            for alt in av[1]:
                out.extend(self.sequence(list(alt)))
            return list(dict.fromkeys(out))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            body = list(body)
            if self.charset(body) == {" "} and hi == C.MAXREPEAT:
                return [((ANY_SPACES if lo == 0 else SOME_SPACES,), True)]
            one = self.sequence(body)
            if hi == C.MAXREPEAT or hi > 3:
                # lo copies, then anything: the copies are still a fixed start
                if lo == 0:
                    return None
                seqs: list[_Seq] = [((), True)]
                for _ in range(lo):
                    seqs = self._concat(seqs, one)
                return [(t, False) for t, _c in seqs]
            out = []
            seqs = [((), True)]
            for n in range(hi + 1):
                if n >= lo:
                    out.extend(seqs)
                seqs = self._concat(seqs, one)
            return list(dict.fromkeys(out))
        return None

    def _concat(self, a: list[_Seq], b: list[_Seq]) -> list[_Seq]:
        if len(a) * len(b) > self.limit:
            raise _Unsupported
        out: list[_Seq] = []
        for t, complete in a:
            if not complete:
                out.append((t, False))
                continue
            out.extend((t + u, c) for u, c in b)
        return list(dict.fromkeys(out))


def required_literal(pattern: re.Pattern[str]) -> tuple[str, bool] | None:
    """A string every match of ``pattern`` contains (the longest found), or None.

    Returns (literal, caseless). Only literal characters met on every path count: a run of them
    in a sequence, the same run in every alternative of a branch, a repeated item that must
    occur at least once. A caseless literal (one with a letter under re.IGNORECASE) is
    lowercase: look for it in the lowercased text, and on plain ASCII text only (Unicode re.I
    matches "s" with "ſ", which lowercasing keeps). See :func:`holds_literal`.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    tree, C = parsed

    def runs(items: list[Any], caseless: bool) -> set[tuple[str, bool]]:
        """Every maximal run of required literals in a sequence, and the requirements of its parts."""
        out: set[tuple[str, bool]] = set()
        run, run_caseless = "", False

        def close() -> None:
            nonlocal run, run_caseless
            if run:
                out.add((run.lower() if run_caseless else run, run_caseless))
            run, run_caseless = "", False

        for op, av in items:
            if op is C.LITERAL and chr(av).isascii():
                run += chr(av)
                run_caseless = run_caseless or (caseless and chr(av).isalpha())
                continue
            close()
            if op is C.SUBPATTERN:
                _group, add_flags, del_flags, sub = av
                inner = (caseless or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
                out |= runs(list(sub), inner)
            elif op is C.BRANCH:
                common: set[tuple[str, bool]] | None = None
                for alt in av[1]:
                    r = runs(list(alt), caseless)
                    common = r if common is None else common & r
                out |= common or set()
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                out |= runs(list(av[2]), caseless)
        close()
        return out

    found = runs(list(tree), bool(pattern.flags & re.IGNORECASE))
    return max(sorted(found), key=lambda lit: len(lit[0])) if found else None


def holds_literal(literal: tuple[str, bool] | None, text: str) -> bool:
    """Whether plain ASCII ``text`` may match a pattern with this :func:`required_literal`."""
    if literal is None:
        return True
    s, caseless = literal
    return s in (text.lower() if caseless else text)
