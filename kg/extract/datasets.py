"""kg_datasets: named datasets, benchmarks and corpora, each with role introduced / used.

The analysis (gazetteer, ``the X dataset``, ``XBench`` shapes, lists after ``on``, acronym
definitions) is shared with ``kg_methods`` in :mod:`kg.extract.names_scan`, because deciding
that a name is a dataset is the same decision as deciding that it is not a method.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import doc_ext
from kg.extract.names_scan import analyse, vocab_fast


class DatasetNames:
    """Appends one :class:`kg.model.Mention` of type ``dataset`` per named dataset."""

    def __init__(self) -> None:
        vocab_fast()  # compile the gazetteers now, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        doc_ext.mentions(doc).extend(analyse(doc).datasets)
        return doc


@Language.factory("kg_datasets")
def make_datasets(nlp: Language, name: str) -> DatasetNames:
    return DatasetNames()
