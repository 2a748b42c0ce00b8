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


register_doc_extensions()
