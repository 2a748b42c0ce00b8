"""The Doc attributes through which the components hand their results to the extractor.

Components append :class:`kg.model.Mention`, :class:`kg.model.Claim` and
:class:`kg.model.CodeUrl` objects; the extractor reads them once the pipeline has run. A
statistical component plugged in later writes to the same attributes (or to ``doc.ents``,
which the rule components read as candidates).
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc


def register_doc_extensions() -> None:
    for name in ("kg_mentions", "kg_claims", "kg_urls"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def mentions(doc: Doc) -> list:
    if doc._.kg_mentions is None:
        doc._.kg_mentions = []
    return doc._.kg_mentions


def claims(doc: Doc) -> list:
    if doc._.kg_claims is None:
        doc._.kg_claims = []
    return doc._.kg_claims


def urls(doc: Doc) -> list:
    if doc._.kg_urls is None:
        doc._.kg_urls = []
    return doc._.kg_urls


#: ``doc.user_data`` key caching ``doc.text``: spaCy rebuilds the text from every token on each
#: access (as much work as a pass over the Doc), and five components read it.
TEXT_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (the tokenizer never changes the text, nor does a
    retokenizer split or merge)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


#: ``doc.user_data`` key caching the sentences' character bounds (:func:`sentence_bounds`).
SENTS_KEY = "kg_sents"
#: Sorts after every (start, end) pair with the same start: bisection by start alone.
_AFTER_ANY = float("inf")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence of ``doc``, from ``doc.sents`` once per Doc.

    Why: ``doc.sents`` walks every token and builds a Span per sentence on each access, and
    six components need the sentences. Whatever sets sentence boundaries after the cache was
    filled must drop it (``kg_title_boundary`` does; it runs first).
    """
    bounds = doc.user_data.get(SENTS_KEY)
    if bounds is None:
        bounds = doc.user_data[SENTS_KEY] = [(s.start_char, s.end_char) for s in doc.sents]
    return bounds


def sentence_at(doc: Doc, start: int) -> tuple[int, int]:
    """The character bounds of the sentence holding character ``start``: ``span.sent`` of a
    span starting there (spaCy takes the sentence of a span's first token), by bisection
    over the cached bounds instead of a walk over the tokens."""
    bounds = sentence_bounds(doc)
    return bounds[max(0, bisect_right(bounds, (start, _AFTER_ANY)) - 1)]


def positions_in(values, members: frozenset[int] | set[int]) -> list[int]:
    """The indices of ``values`` (a 1-d token attribute array) whose value is in ``members``,
    ascending: ``numpy.nonzero(numpy.isin(values, members))[0].tolist()`` without isin's
    per-call sorting, which costs ~10x more on an abstract's few hundred tokens."""
    return [i for i, h in enumerate(values.tolist()) if h in members]


def seed_text(doc: Doc, text: str) -> Doc:
    """``doc`` (just made from ``text``) with ``text`` cached for :func:`doc_text`."""
    doc.user_data[TEXT_KEY] = text
    return doc


register_doc_extensions()
