"""Sentence boundaries for abstracts: fixes what spaCy's rule sentencizer gets wrong.

Evidence strings are whole sentences, so a wrong boundary shows up in every mention's
evidence. The sentencizer splits after every "." token and knows nothing else, which fails
on abstracts in both directions:

* missed boundaries: the tokenizer keeps a final "." attached to mixed-case words ending in a
  capital ("3.5 dB. We", "traditional MoE. We", "GPT-4V. The"), so no "." token exists; the
  title has no final stop at all and would be glued to the first sentence;
* wrong boundaries: "et al. (2020)", "Fig. 3", "Eq. 2", "cf. the", "approx. 3x" are tokenised
  as word + "." and split there; a "." followed by a lower-case word is rarely a sentence end.

``kg_title_boundary`` runs right after the sentencizer and redoes the decision in one pass
over the tokens. It first splits the glued "word." tokens (so later components also see
"MoE" and "dB" as words and the vocabularies match them), then sets ``is_sent_start`` on every
token.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.doc_ext import positions_in
from kg.model import TITLE_SEPARATOR

#: Words that end with a "." that is not a full stop. Lower-case, without the period.
#: Kept here rather than in a data file: they are part of the segmentation rule, not a
#: user-extensible vocabulary.
ABBREVIATIONS: frozenset[str] = frozenset({
    "al", "fig", "figs", "eq", "eqs", "sec", "secs", "sect", "tab", "tbl", "cf", "approx",
    "resp", "vs", "no", "nos", "ref", "refs", "ca", "viz", "e.g", "i.e", "w.r.t", "et",
    "dr", "mr", "mrs", "ms", "prof", "jr", "sr", "st", "inc", "ltd", "corp", "co", "dept",
    "univ", "vol", "pp", "ch", "chap", "ed", "eds", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "incl", "excl",
})

#: Abbreviations that also end sentences often enough that a capital after them means a
#: new sentence ("... such as A, B, etc. We show").
SENTENCE_FINAL_ABBREVIATIONS: frozenset[str] = frozenset({"etc"})

#: A glued "word." token the tokenizer did not split: letters/digits/+/- and a final stop.
_GLUED_STOP = re.compile(r"^(?=[^.]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9+\-]+\.$")

_FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", "。"})
_CLOSERS = frozenset({")", "]", "}", '"', "'", "”", "’", "»"})


class _GluedStops:
    """Finds and splits glued "word." tokens ("MoE." -> "MoE" + ".").

    Whether a token is glued depends only on its text, so the decision is cached per string
    hash and the candidates of a Doc are found with one vectorised lookup: building
    ``doc.text`` or visiting every Token would cost as much as tokenising.
    """

    def __init__(self) -> None:
        self._seen: set[int] = set()
        self._glued: set[int] = set()
        self._glued_arr = numpy.zeros(0, dtype="uint64")

    def _learn(self, doc: Doc, orths: numpy.ndarray) -> None:
        strings = doc.vocab.strings
        added = False
        for h in numpy.unique(orths).tolist():
            if h in self._seen:
                continue
            self._seen.add(h)
            text = strings[h]
            if _GLUED_STOP.match(text) and text[:-1].lower() not in ABBREVIATIONS:
                self._glued.add(h)
                added = True
        if added:
            self._glued_arr = numpy.asarray(sorted(self._glued), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, SPACY])
        self._learn(doc, arr[:, 0])
        if not len(self._glued_arr):
            return doc
        todo: list[Token] = []
        for i in positions_in(arr[:, 0], self._glued):
            if arr[i, 1] or i == n - 1:
                todo.append(doc[i])
        if todo:
            with doc.retokenize() as retok:
                for tok in todo:
                    retok.split(tok, [tok.text[:-1], "."], heads=[(tok, 1), (tok, 1)])
        return doc


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after ``i`` that is not a closing quote or bracket."""
    n = len(doc)
    j = i + 1
    while j < n and (doc[j].is_space or doc[j].text in _CLOSERS):
        j += 1
    return doc[j] if j < n else None


def _starts_sentence(doc: Doc, nxt: Token) -> bool:
    """Whether a word after final punctuation can begin a sentence.

    Lower-case words continue the sentence ("Fig. 3 shows" is handled by the abbreviation
    list; "e.g. the" by this rule), except names that are written lower-case but contain a
    capital ("vLLM", "semi-PD").
    """
    first = nxt.text[0]
    if not first.isalpha() or first.isupper():
        return first not in ",;:)]}%"
    if any(ch.isupper() for ch in nxt.text):
        return True
    j = nxt.i
    return (j + 2 < len(doc) and doc[j + 1].text == "-"
            and any(ch.isupper() for ch in doc[j + 2].text))


def _hashes(doc: Doc, words: frozenset[str]) -> numpy.ndarray:
    return numpy.asarray([doc.vocab.strings.add(w) for w in words], dtype="uint64")


def set_sentence_starts(doc: Doc) -> Doc:
    """Sets the sentence start of every token of ``doc``.

    Only the few final-punctuation and newline tokens are visited in Python; they are found
    with a vectorised lookup on the token array, and the result is written back in one
    ``Doc.from_array`` call, so the cost stays close to that of tokenising.
    """
    n = len(doc)
    if n == 0:
        return doc
    arr = doc.to_array([ORTH, IS_SPACE])
    starts = numpy.full(n, -1, dtype="int32")
    starts[0] = 1
    for i in numpy.nonzero(arr[:, 1])[0].tolist():
        text = doc[i].text
        if TITLE_SEPARATOR in text and i + 1 < n:
            starts[i + 1] = 1
            break
    for i in numpy.nonzero(arr[:, 1])[0].tolist():
        if "\n\n" in doc[i].text and i + 1 < n:
            starts[i + 1] = 1
    for i in positions_in(arr[:, 0], {doc.vocab.strings.add(w) for w in _FINAL_PUNCT}):
        if doc[i].text == "." and i > 0:
            prev_tok = doc[i - 1]
            prev = prev_tok.lower_
            if (prev in ABBREVIATIONS and not prev_tok.whitespace_
                    and prev not in SENTENCE_FINAL_ABBREVIATIONS):
                continue
        nxt = _next_word(doc, i)
        if (nxt is not None and doc[i].text == "." and i > 0 and doc[i - 1].text.isdigit()
                and nxt.text.isdigit() and nxt.i + 1 < n and doc[nxt.i + 1].text == "%"):
            continue  # "77. 7%": a decimal number broken by a stray space, not a full stop
        if nxt is not None and _starts_sentence(doc, nxt):
            # Closing quotes/brackets and spaces stay with the sentence that ends here.
            starts[nxt.i] = 1
    # spaCy stores SENT_START (1 / -1) in a uint64 array: -1 wraps, as in ``Doc.to_array``.
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


@Language.factory("kg_title_boundary")
def make_title_boundary(nlp: Language, name: str) -> "TitleBoundary":
    return TitleBoundary()


class TitleBoundary:
    """Sentence boundaries for title + abstract: title on its own, abstract fixed up.

    Runs after the sentencizer (or instead of it) and overrides its decisions; the factory
    keeps its historical name because the pipeline refers to it.
    """

    def __init__(self) -> None:
        self._glued_stops = _GluedStops()

    def __call__(self, doc: Doc) -> Doc:
        return set_sentence_starts(self._glued_stops(doc))
