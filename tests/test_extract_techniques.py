"""kg_techniques: the SKOS vocabulary and the tagger on small texts."""
from __future__ import annotations

import spacy
import pytest
from spacy.language import Language

import kg.extract.sentences  # noqa: F401  (registers kg_title_boundary)
import kg.extract.techniques  # noqa: F401  (registers kg_techniques)
from kg.extract import doc_ext
from kg.extract.techniques import is_case_sensitive, label_variants, load_techniques
from kg.extract.vocab import load_json
from kg.model import TITLE_SEPARATOR

#: The guideline's fixed list, verbatim.
GUIDELINE_TECHNIQUES = [
    "transformer", "attention mechanism", "convolutional neural network", "recurrent neural network",
    "state space model", "mixture of experts", "graph neural network", "dual-stream architecture",
    "u-net", "autoencoder", "diffusion model", "generative adversarial network", "flow matching",
    "normalizing flow", "autoregressive model", "large language model", "vision-language model",
    "gaussian splatting", "neural radiance field", "contrastive learning", "knowledge distillation",
    "reinforcement learning", "self-supervised learning", "continual learning", "federated learning",
    "curriculum learning", "adversarial training", "parameter-efficient fine-tuning",
    "neural architecture search", "quantization", "pruning", "sparsity", "low-rank decomposition",
    "speculative decoding", "kv cache", "pipeline parallelism", "tensor parallelism",
    "data parallelism", "distributed training", "streaming inference", "dataflow architecture",
    "processing-in-memory", "hardware accelerator design", "kernel optimization",
    "batching and scheduling", "memory offloading", "early exit", "token compression",
    "split computing", "retrieval augmented generation", "neural codec", "video generation model",
    "text-to-image generation model",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    n = spacy.blank("en")
    n.add_pipe("sentencizer")
    n.add_pipe("kg_title_boundary")
    n.add_pipe("kg_techniques")
    return n


def techniques(nlp: Language, text: str) -> dict[str, object]:
    doc = nlp(text)
    return {m.name: m for m in doc_ext.mentions(doc) if m.type == "technique"}


def test_vocabulary_is_the_guideline_list_as_skos() -> None:
    data = load_json("techniques.json")
    concepts = data["concepts"]
    assert [c["prefLabel"] for c in concepts] == GUIDELINE_TECHNIQUES
    ids = [c["id"] for c in concepts]
    assert len(set(ids)) == len(ids)
    for c in concepts:
        assert isinstance(c["altLabels"], list) and c["definition"]
    concepts_, rules = load_techniques()
    assert {r.technique for r in rules} <= set(GUIDELINE_TECHNIQUES)


@pytest.mark.parametrize("text, expected", [
    ("We use a two-branch network.", "dual-stream architecture"),
    ("A dual-path design and a Dual Branch decoder.", "dual-stream architecture"),
    ("Our GAN-based refiner.", "generative adversarial network"),
    ("An all-convolutional encoder.", "convolutional neural network"),
    ("Serving LLMs is costly.", "large language model"),
    ("We render with 3DGS.", "gaussian splatting"),
    ("Unlike NeRFs, we are fast.", "neural radiance field"),
    ("It routes tokens as in traditional MoE.", "mixture of experts"),
    ("We add RAG to the pipeline.", "retrieval augmented generation"),
    ("We compress the KV-cache.", "kv cache"),
    ("It enables real-time processing of audio.", "streaming inference"),
    ("A Diffusion Transformer (DiT) backbone.", "transformer"),
    ("Text-to-image diffusion models excel.", "text-to-image generation model"),
    ("We fine-tune with LoRA adapters.", "parameter-efficient fine-tuning"),
    ("We reduce the number of visual tokens by 80%.", "token compression"),
    ("A fused AllReduce-RMSNorm kernel is implemented.", "kernel optimization"),
])
def test_aliases(nlp: Language, text: str, expected: str) -> None:
    assert expected in techniques(nlp, text)


@pytest.mark.parametrize("text, absent", [
    ("This topic has received significant attention recently.", "attention mechanism"),
    ("It runs 292 times faster than real-time on a GPU.", "streaming inference"),
    ("Each video clip lasts five seconds.", "vision-language model"),
    ("The rag was wet.", "retrieval augmented generation"),
    ("We distill six key insights from traces.", "knowledge distillation"),
    ("Information diffusion in social graphs.", "diffusion model"),
    ("Warps wait for the issue scheduler.", "batching and scheduling"),
    ("Graph convolutional networks on citation graphs.", "convolutional neural network"),
])
def test_vetoes_and_case(nlp: Language, text: str, absent: str) -> None:
    assert absent not in techniques(nlp, text)


def test_vetoed_occurrence_does_not_hide_a_later_one(nlp: Language) -> None:
    found = techniques(nlp, "It has drawn attention. We add cross-attention layers.")
    assert found["attention mechanism"].text == "cross-attention"


def test_mention_shape_and_evidence(nlp: Language) -> None:
    title = "Fast Video Diffusion"
    text = f"{title}{TITLE_SEPARATOR}We gain 3.5 dB. Our transformer uses two streams. The transformer is small."
    doc = nlp(text)
    ms = [m for m in doc_ext.mentions(doc) if m.type == "technique"]
    names = [m.name for m in ms]
    assert len(names) == len(set(names)), "one mention per technique"
    by = {m.name: m for m in ms}
    t = by["transformer"]
    assert t.type == "technique" and t.role is None
    assert text[t.evidence.start:t.evidence.end] == t.text == "transformer"
    assert t.evidence.sentence == "Our transformer uses two streams."
    assert t.evidence.extractor == "kg_techniques.phrase"
    d = by["diffusion model"]
    assert d.evidence.sentence == title and d.text == "Diffusion"
    assert by["dual-stream architecture"].text == "two streams"


def test_implied_distributed_training(nlp: Language) -> None:
    found = techniques(nlp, "We train GPT models with pipeline parallelism on 32 GPUs.")
    assert found["distributed training"].evidence.extractor == "kg_techniques.implied"
    assert "distributed training" not in techniques(nlp, "Inference uses pipeline parallelism.")


def test_label_variants_and_case_rule() -> None:
    assert {"dual-stream", "dual stream", "dualstream", "dual-streams"} <= set(label_variants("dual-stream"))
    assert "diffusion models" in set(label_variants("diffusion model"))
    assert is_case_sensitive("CLIP") and is_case_sensitive("ViT") and is_case_sensitive("3DGS")
    assert not is_case_sensitive("Stable Diffusion") and not is_case_sensitive("U-Net")


@pytest.mark.parametrize("text,expected", [
    ("Video QA\nWe evaluate video-language models on physics questions.", "vision-language model"),
    ("Attention\nWe evaluate it in large-scale language model pretraining.", "large language model"),
    ("Dedup\nWe distill the 6-layer CTC model into a 2-layer student.", "knowledge distillation"),
])
def test_generalisation_aliases(nlp: Language, text: str, expected: str) -> None:
    assert expected in techniques(nlp, text.replace("\n", TITLE_SEPARATOR, 1))


@pytest.mark.parametrize("text, present, absent", [
    ("Prefixes are generated on the fly by a hypernetwork.", None, "streaming inference"),
    ("We enable real-time navigation for robots.", None, "streaming inference"),
    ("We enable real-time speech recognition on phones.", "streaming inference", None),
    ("We model prices with a jump-diffusion process.", None, "diffusion model"),
    ("We train agents with reinforcement fine-tuning.", "reinforcement learning", None),
    ("Mamba is an alternative to transformers for long inputs.", None, "transformer"),
])
def test_context_sensitive_labels(nlp: Language, text: str, present: str | None, absent: str | None) -> None:
    got = techniques(nlp, text)
    if present:
        assert present in got
    if absent:
        assert absent not in got
