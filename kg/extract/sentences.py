"""Sentence boundaries for abstracts: fixes what spaCy's rule sentencizer gets wrong.

Evidence strings are whole sentences, so a wrong boundary shows up in every mention's
evidence. The sentencizer splits after every "." token and knows nothing else, which fails
on abstracts in both directions:

* missed boundaries: the tokenizer keeps a final "." attached to mixed-case words ending in a
  capital ("3.5 dB. We", "traditional MoE. We", "GPT-4V. The"), so no "." token exists; the
  title has no final stop at all and would be glued to the first sentence;
* wrong boundaries: "et al. (2020)", "Fig. 3", "Eq. 2", "cf. the", "approx. 3x" are tokenised
  as word + "." and split there; a "." followed by a lower-case word is rarely a sentence end.

``kg_title_boundary`` runs first (after the sentencizer, if there is one) and redoes the
decision. It first splits the glued "word." tokens (so later components also see "MoE" and
"dB" as words and the vocabularies match them), then sets ``is_sent_start`` on every token.

Cost: only ~10 tokens of an abstract can matter (final punctuation, line breaks, glued
stops), and whether a token is one depends on its text alone. So that test is a lexeme flag,
computed once per distinct word by spaCy, and one ``Doc.to_array`` finds the candidates; a
Python pass over every token (Token objects, string lookups) cost 3x more.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extract import doc_ext
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


#: The first custom lexeme flag bit (``spacy.attrs.FLAG19``); lower bits are spaCy's own.
_FIRST_FREE_FLAG = 19


def lexeme_flag(vocab: Vocab, getter: Callable[[str], bool]) -> int:
    """The id of a lexeme flag that holds ``getter(word)`` for every word of ``vocab``.

    spaCy computes a flag once per vocabulary entry (for the entries already there and for
    each new one), so ``Doc.to_array(flag)`` then answers "which tokens are X" in C, without
    a Token object, string lookup and set test per token. Registering the same getter twice
    on one vocab reuses its bit.
    """
    for flag_id, registered in vocab.lex_attr_getters.items():
        if registered is getter:
            return flag_id
    free = next((b for b in range(_FIRST_FREE_FLAG, 64) if b not in vocab.lex_attr_getters), None)
    if free is None:
        raise ValueError("no free lexeme flag bit left in the vocabulary")
    return vocab.add_flag(getter, flag_id=free)


def _is_glued_stop(word: str) -> bool:
    """A "word." token the tokenizer did not split ("MoE.", "dB."), not an abbreviation."""
    return _GLUED_STOP.match(word) is not None and word[:-1].lower() not in ABBREVIATIONS


def _is_candidate(word: str) -> bool:
    """The only tokens this component looks at: final punctuation, a whitespace token holding
    a line break (title separator, paragraph break), or a glued "word." to split."""
    return (word in _FINAL_PUNCT or _is_glued_stop(word)
            or (word.isspace() and (TITLE_SEPARATOR in word or "\n\n" in word)))


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after ``i`` that is not a closing quote or bracket."""
    for j in range(i + 1, len(doc)):
        tok = doc[j]
        if not (tok.is_space or tok.text in _CLOSERS):
            return tok
    return None


def _starts_sentence(doc: Doc, nxt: Token) -> bool:
    """Whether a word after final punctuation can begin a sentence.

    Lower-case words continue the sentence ("Fig. 3 shows" is handled by the abbreviation
    list; "e.g. the" by this rule), except names that are written lower-case but contain a
    capital ("vLLM", "semi-PD").
    """
    text = nxt.text
    first = text[0]
    if not first.isalpha() or first.isupper():
        return first not in ",;:)]}%"
    if any(ch.isupper() for ch in text):
        return True
    j = nxt.i
    return (j + 2 < len(doc) and doc[j + 1].text == "-"
            and any(ch.isupper() for ch in doc[j + 2].text))


def _ends_sentence(doc: Doc, i: int, text: str) -> Token | None:
    """The token that starts the next sentence if final punctuation ``text`` at ``i`` ends
    one, else None."""
    prev_tok = doc[i - 1] if text == "." and i > 0 else None
    if prev_tok is not None:
        prev = prev_tok.lower_
        if (prev in ABBREVIATIONS and not prev_tok.whitespace_
                and prev not in SENTENCE_FINAL_ABBREVIATIONS):
            return None
    nxt = _next_word(doc, i)
    if nxt is None:
        return None
    if (prev_tok is not None and prev_tok.text.isdigit() and nxt.text.isdigit()
            and nxt.i + 1 < len(doc) and doc[nxt.i + 1].text == "%"):
        return None  # "77. 7%": a decimal number broken by a stray space, not a full stop
    return nxt if _starts_sentence(doc, nxt) else None


#: SENT_START values as ``Doc.from_array`` takes them: 1 starts a sentence, -1 (wrapped to
#: uint64, as ``Doc.to_array`` returns it) does not.
_START = 1
_NOT_START = numpy.iinfo(numpy.uint64).max


@Language.factory("kg_title_boundary")
def make_title_boundary(nlp: Language, name: str) -> TitleBoundary:
    return TitleBoundary(nlp.vocab)


class TitleBoundary:
    """Sentence boundaries for title + abstract: title on its own, abstract fixed up.

    Runs after the sentencizer (or instead of it) and overrides its decisions; the factory
    keeps its historical name because the pipeline refers to it.

    Which tokens matter is a property of their text alone, so it is kept as two lexeme flags
    of the pipeline's vocabulary (computed once per distinct word): one ``Doc.to_array`` call
    finds the ~10 candidate tokens of an abstract, and only those are visited in Python. The
    result is written back with one ``Doc.from_array`` call; assigning
    ``Token.is_sent_start`` token by token costs more.
    """

    def __init__(self, vocab: Vocab) -> None:
        self._candidate_flag = lexeme_flag(vocab, _is_candidate)
        self._glued_flag = lexeme_flag(vocab, _is_glued_stop)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        candidates = self._candidates(doc)
        if self._split_glued_stops(doc, candidates):
            candidates = self._candidates(doc)
        self._set_sentence_starts(doc, candidates)
        doc.user_data.pop(doc_ext.SENTS_KEY, None)
        return doc

    def _candidates(self, doc: Doc) -> list[int]:
        return doc.to_array(self._candidate_flag).nonzero()[0].tolist()

    def _split_glued_stops(self, doc: Doc, candidates: list[int]) -> bool:
        """Splits glued "word." tokens followed by a space or ending the text ("MoE. We" ->
        "MoE" + "." + "We"; "MoE.)" is left whole). True if any was split."""
        last = len(doc) - 1
        todo: list[Token] = []
        for i in candidates:
            tok = doc[i]
            if tok.check_flag(self._glued_flag) and (tok.whitespace_ or i == last):
                todo.append(tok)
        if not todo:
            return False
        with doc.retokenize() as retok:
            for tok in todo:
                retok.split(tok, [tok.text[:-1], "."], heads=[(tok, 1), (tok, 1)])
        return True

    @staticmethod
    def _set_sentence_starts(doc: Doc, candidates: list[int]) -> None:
        """Sets the sentence start of every token of ``doc`` from its candidate tokens."""
        n = len(doc)
        starts = numpy.full((n, 1), _NOT_START, dtype="uint64")
        starts[0] = _START
        title_seen = False
        for i in candidates:
            tok = doc[i]
            text = tok.text
            if tok.is_space:
                if i + 1 < n:
                    if TITLE_SEPARATOR in text and not title_seen:  # the first line is the title
                        starts[i + 1] = _START
                        title_seen = True
                    if "\n\n" in text:  # a paragraph break
                        starts[i + 1] = _START
            elif text in _FINAL_PUNCT:  # not a glued "word." left whole
                nxt = _ends_sentence(doc, i, text)
                if nxt is not None:
                    # Closing quotes/brackets and spaces stay with the sentence that ends here.
                    starts[nxt.i] = _START
        doc.from_array([SENT_START], starts)
