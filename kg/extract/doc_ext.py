"""The Doc attributes through which the components hand their results to the extractor.

Components append :class:`kg.model.Mention`, :class:`kg.model.Claim` and
:class:`kg.model.CodeUrl` objects; the extractor reads them once the pipeline has run. A
statistical component plugged in later writes to the same attributes (or to ``doc.ents``,
which the rule components read as candidates).
"""
from __future__ import annotations

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
