"""kg_tasks: canonical task phrases from the vocabulary and the title/task patterns."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import kg.extract.sentences  # noqa: F401
import kg.extract.tasks  # noqa: F401
from kg.extract import doc_ext
from kg.extract.vocab import load_json
from kg.model import TITLE_SEPARATOR


@pytest.fixture(scope="module")
def nlp() -> Language:
    n = spacy.blank("en")
    n.add_pipe("sentencizer")
    n.add_pipe("kg_title_boundary")
    n.add_pipe("kg_tasks")
    return n


def tasks(nlp: Language, title: str, abstract: str) -> list[str]:
    doc = nlp(f"{title}{TITLE_SEPARATOR}{abstract}")
    return [m.name for m in doc_ext.mentions(doc) if m.type == "task"]


def test_vocabulary_names_are_lowercase_and_unique() -> None:
    data = load_json("tasks.json")
    names = [t["name"] for t in data["tasks"]]
    assert len(set(names)) == len(names)
    assert all(n == n.lower() for n in names)


def test_aliases_give_the_same_canonical_string(nlp: Language) -> None:
    a = tasks(nlp, "NanoFlow: Towards Optimal Large Language Model Serving Throughput", "We serve.")
    b = tasks(nlp, "semi-PD: Efficient LLM Serving", "We build a system.")
    assert a[0] == b[0] == "llm serving"


def test_title_for_pattern(nlp: Language) -> None:
    got = tasks(nlp, "Reversible Decoupling Network for Single Image Shadow Removal",
                "We propose RDNet.")
    assert got[0] == "single image shadow removal"


def test_title_for_needs_a_task_head(nlp: Language) -> None:
    assert tasks(nlp, "Efficient Models for Mobile Devices", "We propose a model.") == []


def test_task_pattern_in_abstract(nlp: Language) -> None:
    got = tasks(nlp, "A New Model", "We define the affordance-aware object insertion task, which is new.")
    assert got == ["affordance-aware object insertion"]


def test_specific_task_replaces_generic(nlp: Language) -> None:
    got = tasks(nlp, "StreamingT2V: Long Video Generation", "Text-to-video generation is hard. Video generation too.")
    assert "long video generation" in got and "video generation" not in got
    assert len(got) <= 3


def test_mentions_have_evidence(nlp: Language) -> None:
    title = "Dual Aggregation Transformer for Image Super-Resolution"
    text = f"{title}{TITLE_SEPARATOR}We study SR."
    doc = nlp(text)
    (m,) = [m for m in doc_ext.mentions(doc) if m.type == "task"]
    assert m.name == "image super-resolution" and m.role is None
    assert text[m.evidence.start:m.evidence.end] == m.text
    assert m.evidence.sentence == title
