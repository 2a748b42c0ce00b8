"""Sentence boundaries the default sentencizer misses: the title is its own sentence."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import TITLE_SEPARATOR


@Language.factory("kg_title_boundary")
def make_title_boundary(nlp: Language, name: str) -> "TitleBoundary":
    return TitleBoundary()


class TitleBoundary:
    """Starts a sentence after the title separator and after blank lines.

    A title has no final full stop, so the sentencizer would glue it to the abstract's first
    sentence and every title mention would carry a two-sentence evidence string.
    """

    def __call__(self, doc: Doc) -> Doc:
        for i, tok in enumerate(doc):
            if TITLE_SEPARATOR in tok.text and tok.is_space and i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
                break
        return doc
