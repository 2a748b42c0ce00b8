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


def _abstract(title: str, body: str) -> str:
    return f"{title}{TITLE_SEPARATOR}{body}"


def test_concessive_background_mentions_are_not_tagged(nlp: Language) -> None:
    """T-A (background): "While X ..., they face ..." names what the paper does not use."""
    found = techniques(nlp, _abstract("Deconver", (
        "While convolutional neural networks (CNNs) and vision transformers (ViTs) have advanced "
        "segmentation, they face inherent limitations such as local receptive fields in CNNs. "
        "We propose a deconvolution network.")))
    assert "convolutional neural network" not in found
    assert "transformer" not in found
    # one mention elsewhere keeps the technique, with that mention as evidence
    found = techniques(nlp, _abstract("Deconver", (
        "While convolutional networks have advanced segmentation, they still fail on thin structures. "
        "Our decoder keeps convolutional layers.")))
    assert found["convolutional neural network"].evidence.sentence == "Our decoder keeps convolutional layers."


def test_background_rule_keeps_own_sentences_subject_classes_and_neutral_clauses(nlp: Language) -> None:
    # a self cue: the paper's own statement
    assert "transformer" in techniques(nlp, _abstract("X", "While we use transformers, they are slow."))
    # model classes a paper is usually about are exempt
    assert "large language model" in techniques(nlp, _abstract(
        "X", "While large language models excel at reasoning, they still struggle with planning."))
    # no limitation stated about them after the comma
    assert "knowledge distillation" in techniques(nlp, _abstract(
        "X", "While many works study distillation to build smaller models, most focus on English."))


def test_negated_mentions_are_not_tagged(nlp: Language) -> None:
    """T-A (negation): "avoiding ... autoregressive sequences", "without ... attention"."""
    found = techniques(nlp, _abstract("MeshFlow", (
        "MeshFlow generates triangle soups directly, avoiding the need to serialize meshes into long "
        "autoregressive sequences. It mixes tokens without any attention layers.")))
    assert "autoregressive model" not in found
    assert "attention mechanism" not in found
    # the cue's scope ends at the clause or at "and"; "with and without X" uses X
    found = techniques(nlp, _abstract("X", (
        "It runs without retraining, and its decoder is autoregressive.")))
    assert "autoregressive model" in found
    found = techniques(nlp, _abstract("X", (
        "It fills the scene without the object and uses a diffusion model to inpaint it.")))
    assert "diffusion model" in found
    assert "large language model" in techniques(nlp, _abstract("X", "Gains hold with and without LLM judges."))


def test_compared_baselines_are_not_tagged(nlp: Language) -> None:
    """T-A (comparison): "outperforms ... Transformer-based models" names a baseline."""
    found = techniques(nlp, _abstract("MambaX", (
        "Our network outperforms state-of-the-art Transformer-based models on three datasets. "
        "It is cheaper than CNN-based methods.")))
    assert "transformer" not in found
    assert "convolutional neural network" not in found
    # another phrase between cue and mention: the mention is not the compared object
    found = techniques(nlp, _abstract("Pathways", (
        "It delivers throughput comparable to the SPMD case for Transformer models.")))
    assert "transformer" in found


def test_generic_batching_and_scheduling_words_need_a_systems_text(nlp: Language) -> None:
    """T-C: bare "scheduling" / "batching" name the technique only in a systems text."""
    assert "batching and scheduling" not in techniques(nlp, _abstract(
        "AFFR", "It uses energy-aware client scheduling to mitigate device dropouts."))
    assert "batching and scheduling" not in techniques(nlp, _abstract(
        "Agent", "The tasks are data augmentation, optimization, and data batching."))
    assert "batching and scheduling" not in techniques(nlp, _abstract(
        "Robots", "A scheduler assigns chores to household robots."))
    assert "batching and scheduling" in techniques(nlp, _abstract(
        "Serve", "Our scheduler groups requests to raise throughput."))


def test_parameter_efficient_alone_is_not_peft(nlp: Language) -> None:
    """T-C: "a parameter-efficient design" is a property, not parameter-efficient fine-tuning;
    in a text about adapting a model it names the technique."""
    assert "parameter-efficient fine-tuning" not in techniques(nlp, _abstract(
        "Deconver", "Key innovations include a parameter-efficient design."))
    assert "parameter-efficient fine-tuning" in techniques(nlp, _abstract(
        "X", "We adopt parameter-efficient tuning methods."))
    assert "parameter-efficient fine-tuning" in techniques(nlp, _abstract(
        "Task-Adapter", "It is a parameter-efficient method that keeps the encoders frozen."))


@pytest.mark.parametrize("text, expected", [
    ("It is a learnable component within a U-shaped architecture.", "u-net"),
    ("This causes processing delays for real-time image rendering.", "streaming inference"),
    ("The estimator is optimized for depth fusion and real-time tracking.", "streaming inference"),
])
def test_paraphrases(nlp: Language, text: str, expected: str) -> None:
    """T-D: U-shaped architectures are U-Nets; real-time rendering and tracking are streaming."""
    assert expected in techniques(nlp, _abstract("X", text))


def test_u_shaped_curve_is_not_a_u_net(nlp: Language) -> None:
    assert "u-net" not in techniques(nlp, _abstract("X", "Demand follows inverse U-shaped patterns."))


@pytest.mark.parametrize("text, expected", [
    ("An nnU-Net module segments the prostate gland.", "u-net"),
    ("We adopt SwinUNETR as the backbone.", "u-net"),
    ("A lightweight BiLSTM classifies entropy patterns.", "recurrent neural network"),
    ("Images are translated with CycleGAN.", "generative adversarial network"),
    ("We fine-tune MobileViT on the task.", "transformer"),
])
def test_model_names_ending_in_a_family_acronym(nlp: Language, text: str, expected: str) -> None:
    """H7: "nnU-Net" names a U-Net, "BiLSTM" an LSTM: the family acronym ends the name."""
    assert expected in techniques(nlp, _abstract("X", text))


def test_family_suffix_needs_a_model_name(nlp: Language) -> None:
    found = techniques(nlp, _abstract(
        "X", "Published at IJCNN. The ORGAN is imaged. Code: https://github.com/QGAN2019/polar-NDF."))
    assert "convolutional neural network" not in found
    assert "generative adversarial network" not in found


@pytest.mark.parametrize("text, expected", [
    ("We evaluate large language-vision models (LLVMs) on satellite imagery.", "vision-language model"),
    ("The shapes are aligned using Vision-to-Language Models.", "vision-language model"),
    ("We probe multimodal language models on image-text matching.", "vision-language model"),
    ("We study multi-modal large language models.", "vision-language model"),
    ("It learns the molecular latent space, guided by a teacher IHC encoder during training.",
     "knowledge distillation"),
    ("We use context compression as a pretext task for unsupervised adaptation.", "token compression"),
    ("We use context compression as a pretext task for unsupervised adaptation.", "self-supervised learning"),
    ("We introduce a framework that leverages low-rank preference modeling.", "low-rank decomposition"),
    ("Our KV compression method keeps the important entries.", "kv cache"),
])
def test_h7_paraphrases(nlp: Language, text: str, expected: str) -> None:
    """H7: LLVM / vision-to-language / multimodal language model wordings, a teacher network,
    context compression, pretext tasks, low-rank modelling."""
    assert expected in techniques(nlp, _abstract("X", text))


def test_low_rank_in_a_lora_text_is_the_adapter(nlp: Language) -> None:
    found = techniques(nlp, _abstract("X", "LoRA trains two low-rank matrices per layer."))
    assert "parameter-efficient fine-tuning" in found
    assert "low-rank decomposition" not in found
    assert "low-rank decomposition" not in techniques(nlp, _abstract("X", "We use low-rank adaptation."))


def test_objective_and_signal_words_are_not_architectures(nlp: Language) -> None:
    """H7: next-token prediction is a training objective, a convolution in a physics text is
    an integral, molecular diffusion is not a diffusion model."""
    assert "autoregressive model" not in techniques(nlp, _abstract(
        "X", "Most LLMs are optimized for next-token prediction."))
    assert "convolutional neural network" not in techniques(nlp, _abstract(
        "X", "The phase uncertainty is added through an angular convolution of the two densities."))
    assert "convolutional neural network" in techniques(nlp, _abstract(
        "X", "The network stacks depthwise separable convolutions."))
    assert "diffusion model" not in techniques(nlp, _abstract(
        "X", "Molecular communication suffers from severe diffusion memory."))


def test_existing_work_sentence_about_limitations_is_background(nlp: Language) -> None:
    """H7: "Traditional X approaches ..., limiting their ability" describes prior work."""
    found = techniques(nlp, _abstract("X", (
        "Traditional reinforcement learning from human feedback (RLHF) approaches often rely on "
        "monolithic value representations, limiting their ability to adapt. We introduce a new framework.")))
    assert "reinforcement learning" not in found
    assert "reinforcement learning" in techniques(nlp, _abstract("X", (
        "Traditional methods fail here. We train the policy with reinforcement learning, limiting cost.")))
