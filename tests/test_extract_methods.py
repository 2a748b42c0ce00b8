"""kg_methods: each discovery rule and the role decision, on small made-up abstracts."""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.model import Paper


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def methods(extractor: Extractor, title: str, abstract: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    ex = extractor.extract(Paper(id="t", title=title, abstract=abstract))
    return {m.name: (m.role, m.aliases) for m in ex.of_type("method")}


def test_acronym_definition_links_long_and_short_form(extractor: Extractor) -> None:
    got = methods(extractor, "Object Insertion via Dual Diffusion",
                  "We propose the Mask-Aware Dual Diffusion (MADD) model. MADD denoises the mask.")
    assert got["MADD"][0] == "proposed"
    assert "Mask-Aware Dual Diffusion" in got["MADD"][1]
    assert "Mask-Aware Dual Diffusion" not in got


def test_propose_and_named_rules(extractor: Extractor) -> None:
    got = methods(extractor, "Fast serving of language models",
                  "In this paper we present NanoServe, a serving engine. "
                  "We also design a scheduler, dubbed TokenPilot, that balances load.")
    assert got["NanoServe"][0] == "proposed"
    assert got["TokenPilot"][0] == "proposed"


def test_title_prefix_and_lite_variant(extractor: Extractor) -> None:
    got = methods(extractor, "BAE-Net: A Low Complexity Network for Speech Super-Resolution",
                  "We introduce BAE-Net and a smaller BAE-Net-lite for edge devices.")
    assert got["BAE-Net"][0] == "proposed"
    assert got["BAE-Net-lite"][0] == "proposed"


def test_comparison_roles_and_versioned_names(extractor: Extractor) -> None:
    got = methods(extractor, "QuickLM: efficient inference",
                  "QuickLM outperforms vLLM and TensorRT-LLM on Llama-2-70B and Mixtral 8x7B.")
    assert got["vLLM"][0] == "compared"
    assert got["TensorRT-LLM"][0] == "compared"
    assert "Llama-2-70B" in got
    assert "Mixtral 8x7B" in got


def test_background_mentions(extractor: Extractor) -> None:
    got = methods(extractor, "Editing images with masks",
                  "Text-to-image models such as Stable Diffusion and DALL-E 2 have shown remarkable results. "
                  "We study mask-based editing.")
    assert got["Stable Diffusion"][0] == "mentioned"
    assert got["DALL-E 2"][0] == "mentioned"


def test_used_method(extractor: Extractor) -> None:
    got = methods(extractor, "Speech coding at low bitrate",
                  "We build our codec on top of WavLM features and fine-tune it with LoRA.")
    assert got["WavLM"][0] == "used"
    assert got["LoRA"][0] == "used"


def test_list_item_next_to_known_name(extractor: Extractor) -> None:
    got = methods(extractor, "Caching for diffusion language models",
                  "We evaluate our cache on LLaDA and Dream, two diffusion language models.")
    assert "Dream" in got


def test_metrics_hardware_and_generic_words_are_not_methods(extractor: Extractor) -> None:
    got = methods(extractor, "A faster video generator",
                  "Our model lowers FID and FVD, improves PSNR, cuts TTFT, and runs on an RTX 4090 and "
                  "A100 GPUs. Large language models (LLMs) and CNNs are widely used.")
    for bad in ("FID", "FVD", "PSNR", "TTFT", "RTX 4090", "A100", "LLMs", "LLM", "CNNs", "GPUs"):
        assert bad not in got


def test_lowercase_task_acronym_is_not_a_method(extractor: Extractor) -> None:
    got = methods(extractor, "Rewriting for differentiation",
                  "Automatic differentiation (AD) is central to training. We rewrite AD programs.")
    assert "AD" not in got


def test_one_entry_per_name(extractor: Extractor) -> None:
    ex = extractor.extract(Paper(id="t", title="CLIP probes",
                                 abstract="We probe CLIP. CLIP features help. We compare with CLIP."))
    names = [m.name for m in ex.of_type("method")]
    assert names.count("CLIP") == 1


def test_evidence_offsets_slice_the_mention(extractor: Extractor) -> None:
    p = Paper(id="t", title="X", abstract="We fine-tune Qwen2.5-7B with DPO.")
    ex = extractor.extract(p)
    for m in ex.of_type("method"):
        assert p.text[m.evidence.start:m.evidence.end] == m.text
        assert m.evidence.extractor.startswith("kg_methods.")
        assert m.text in m.evidence.sentence


def test_field_and_metric_acronyms_are_not_methods(extractor: Extractor) -> None:
    got = methods(extractor, "Segmentation of remote images",
                  "Remote Sensing (RS) images are hard to label. We propose GeoSegNet, a network for them. "
                  "GeoSegNet lowers the Word Error Rate (WER) and reaches a high RadGraph F1.")
    assert "GeoSegNet" in got
    assert not {"RS", "WER", "RadGraph"} & set(got)


def test_acronym_modifying_a_head_noun_is_not_a_method(extractor: Extractor) -> None:
    got = methods(extractor, "Distillation with adversaries",
                  "We introduce NovaKD, based on Generative Adversarial (GA) learning between a teacher and a student.")
    assert "NovaKD" in got and "GA" not in got


def test_undefined_single_acronym_without_context_is_dropped(extractor: Extractor) -> None:
    got = methods(extractor, "Voice commands for health",
                  "We propose VoxCare, a framework for detecting MCI from voice commands. "
                  "VoxCare is faster than SoTA systems (Allo and DFX).")
    assert "VoxCare" in got and "MCI" not in got
    assert got["DFX"][0] == "compared"


def test_glued_lowercase_tail_and_combination_are_trimmed(extractor: Extractor) -> None:
    got = methods(extractor, "Workforce agents",
                  "We introduce Optimized Workforce Learning (OWL). Our OWL-trained model beats GPT-4o+RAG by 3 points.")
    assert "OWL-trained" not in got and "GPT-4o+RAG" not in got
    assert "OWL" in got and "GPT-4o" in got
