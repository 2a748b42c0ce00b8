"""kg_title_boundary: sentence boundaries on abstracts."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import kg.extract.sentences  # noqa: F401
from kg.model import TITLE_SEPARATOR


@pytest.fixture(scope="module")
def nlp() -> Language:
    n = spacy.blank("en")
    n.add_pipe("sentencizer")
    n.add_pipe("kg_title_boundary")
    return n


def sents(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_title_is_its_own_sentence(nlp: Language) -> None:
    assert sents(nlp, f"A Title Without Stop{TITLE_SEPARATOR}We propose Xnet. It works.") == [
        "A Title Without Stop", "We propose Xnet.", "It works."]


@pytest.mark.parametrize("text, expected", [
    ("We gain 3.5 dB. We win.", ["We gain 3.5 dB.", "We win."]),
    ("Unlike traditional MoE. Ours routes.", ["Unlike traditional MoE.", "Ours routes."]),
    ("It beats GPT-4V. The end.", ["It beats GPT-4V.", "The end."]),
    ("As in Smith et al. (2020) we test.", ["As in Smith et al. (2020) we test."]),
    ("See Fig. 3 and Eq. 2 for details.", ["See Fig. 3 and Eq. 2 for details."]),
    ("Baselines (e.g. the CNN) fail, i.e. they are slow.", ["Baselines (e.g. the CNN) fail, i.e. they are slow."]),
    ("It is 3x faster vs. GPUs and approx. 2x cheaper.", ["It is 3x faster vs. GPUs and approx. 2x cheaper."]),
    ("Accuracy is 93.5. The loss is 0.1.", ["Accuracy is 93.5.", "The loss is 0.1."]),
    ("We cover A, B, etc. Then we stop.", ["We cover A, B, etc.", "Then we stop."]),
    ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
    ("Results hold. semi-PD wins.", ["Results hold.", "semi-PD wins."]),
    ("Is it fast? Yes! It is.", ["Is it fast?", "Yes!", "It is."]),
    ("Code: https://github.com/a/b. We thank all.", ["Code: https://github.com/a/b.", "We thank all."]),
    ("It reaches 77. 7% accuracy. Done.", ["It reaches 77. 7% accuracy.", "Done."]),
    ("It ran in 2019. 2020 was calm.", ["It ran in 2019.", "2020 was calm."]),
])
def test_boundaries(nlp: Language, text: str, expected: list[str]) -> None:
    assert sents(nlp, text) == expected


def test_glued_stop_is_split_into_tokens(nlp: Language) -> None:
    doc = nlp("Gains of 3.5 dB. Next.")
    assert [t.text for t in doc][:5] == ["Gains", "of", "3.5", "dB", "."]
    assert doc.text == "Gains of 3.5 dB. Next."


def test_abbreviations_with_internal_stops_are_kept(nlp: Language) -> None:
    doc = nlp("In the U.S. Army we test.")
    assert "U.S." in [t.text for t in doc]


def test_works_without_sentencizer() -> None:
    n = spacy.blank("en")
    n.add_pipe("kg_title_boundary")
    assert [s.text for s in n("One. Two.").sents] == ["One.", "Two."]


def test_empty_doc(nlp: Language) -> None:
    assert list(nlp("").sents) == []
