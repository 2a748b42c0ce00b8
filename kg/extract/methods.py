"""kg_methods: named methods, models, systems and tools with role proposed/used/compared/mentioned.

Reuses the analysis cached on the Doc by ``kg_datasets`` (see :mod:`kg.extract.names_scan`),
so a name is typed once: a dataset is never also reported as a method.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.names_scan import analyse, vocab_fast


class MethodNames:
    """Appends one :class:`kg.model.Mention` of type ``method`` per named method."""

    def __init__(self) -> None:
        vocab_fast()

    def __call__(self, doc: Doc) -> Doc:
        doc_ext.mentions(doc).extend(analyse(doc).methods)
        return doc


@Language.factory("kg_methods")
def make_methods(nlp: Language, name: str) -> MethodNames:
    return MethodNames()
