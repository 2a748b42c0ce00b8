"""The whole extraction pipeline on hostile input, and the evidence invariants on real text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.extractor import Extractor
from kg.model import Paper


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _check(ex, paper: Paper) -> None:
    text = paper.text
    for m in ex.mentions:
        ev = m.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert ev.sentence and ev.sentence.strip()
        assert 0.0 <= ev.confidence <= 1.0
        assert ev.extractor
    for c in ex.claims:
        assert c.evidence.sentence


@pytest.mark.parametrize("abstract", [
    "",
    " ",
    "." * 5000,
    "\x00\x01\x02 control \x1b[31m characters \x7f",
    "这是一个关于深度学习的摘要。我们在 NVIDIA A100 上训练模型。",
    "Резюме на русском языке о GPU и FPGA.",
    "(((((((((( [[[[ {{{{ 1e999x faster 10^10^10 %%%% ",
    "We run on an A100. " * 60_000,  # > 1 MB
])
def test_hostile_abstracts_do_not_crash(extractor: Extractor, abstract: str) -> None:
    p = Paper(id="x", title="A title", abstract=abstract)
    ex = extractor.extract(p)
    _check(ex, p)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=200), abstract=st.text(max_size=2000))
def test_arbitrary_text_never_crashes(extractor: Extractor, title: str, abstract: str) -> None:
    p = Paper(id="h", title=title, abstract=abstract)
    _check(extractor.extract(p), p)


WORDS = st.sampled_from([
    "We", "propose", "FastNet", "on", "an", "NVIDIA", "RTX", "4090", "GPU", "ImageNet", "dataset",
    "outperforms", "BERT", "and", "GPT-4", "8xA100", "FPGA", "accelerator", "achieves", "3.5x",
    "speedup", "12%", "(", ")", ",", ".", "https://github.com/a/b.", "diffusion", "model",
    "transformer", "quantization", "mobile", "devices", "e.g.", "vs.", "CPU", "TPU", "v4",
])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=80))
def test_plausible_word_soup_keeps_offsets_in_range(extractor: Extractor, words: list[str]) -> None:
    p = Paper(id="w", title="T", abstract=" ".join(words))
    _check(extractor.extract(p), p)


def test_offsets_point_at_the_mention_on_the_bundled_corpus(extractor: Extractor) -> None:
    from kg.ingest import read_sources
    from kg.pipeline import bundled_corpus

    checked = 0
    for p in read_sources([bundled_corpus()]):
        ex = extractor.extract(p)
        _check(ex, p)
        for m in ex.mentions:
            if m.type in ("hardware", "dataset", "method"):
                span = p.text[m.evidence.start:m.evidence.end]
                assert span == m.text, (p.title, m.name, m.text, span)
                assert span in m.evidence.sentence or m.evidence.sentence in p.text
                checked += 1
    assert checked > 300
