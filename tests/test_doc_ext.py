"""The cached sentence bounds agree with spaCy's own sentences and spans."""
from __future__ import annotations

import pytest

from kg.extract import doc_ext
from kg.extract.nlp import build_nlp

TEXT = ("A Title: With Colon\nWe propose MoE. It runs on an A100 (see Fig. 3) at 2x speed!  "
        "Results: see https://github.com/a/b. Done.\n\nA second paragraph, et al. (2020) say so.")


@pytest.fixture(scope="module")
def doc():
    nlp = build_nlp()
    return nlp(TEXT)


def test_bounds_are_the_sentences(doc) -> None:
    assert doc_ext.sentence_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    assert len(doc_ext.sentence_bounds(doc)) >= 5


def test_sentence_at_is_span_sent_for_every_span(doc) -> None:
    for i in range(len(doc)):
        for j in range(i + 1, min(len(doc), i + 12) + 1):
            span = doc[i:j]
            sent = span.sent
            assert doc_ext.sentence_at(doc, span.start_char) == \
                (sent.start_char, sent.end_char), span.text


def test_setting_boundaries_again_drops_the_cache() -> None:
    nlp = build_nlp()
    doc = nlp.make_doc("One two. Three four.")
    doc.user_data[doc_ext.SENTS_KEY] = [(0, 1)]  # stale, from before the boundaries were set
    doc = nlp.get_pipe("kg_title_boundary")(doc)
    assert doc_ext.sentence_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents]
