"""kg_hardware rules: aliases, quantities, context-only aliases, look-alikes, roles.

The pipeline here leaves out kg_hardware_roles, the learned re-scorer that runs after the
rules (tests/test_hardware_roles.py): these tests pin what the rules decide.
"""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.extract.nlp import build_nlp
from kg.model import Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor(build_nlp(exclude=("kg_hardware_roles",)))


def hw(ex, title: str, abstract: str) -> dict[str, object]:
    e = ex.extract(Paper(id="t", title=title, abstract=abstract))
    return {m.name: m for m in e.of_type("hardware")}


@pytest.mark.parametrize("written", ["RTX4090", "RTX 4090", "RTX-4090", "GeForce RTX 4090", "NVIDIA RTX 4090"])
def test_rtx_spellings(ex, written):
    got = hw(ex, "A method", f"We measure 30 fps on one {written}.")
    assert "NVIDIA RTX 4090" in got
    assert got["NVIDIA RTX 4090"].role == "evaluated_on"


@pytest.mark.parametrize("text,name,qty", [
    ("Training takes 3 days on 8xA100.", "NVIDIA A100", 8),
    ("We train on 4,096 H100 GPUs.", "NVIDIA H100", 4096),
    ("The model is trained on 2048 TPUs.", "TPU", 2048),
    ("It runs on two A100 GPUs in real time.", "NVIDIA A100", 2),
    ("Experiments use an A100-80GB.", "NVIDIA A100", None),
    ("We train on eight NVIDIA RTX 4090 GPUs.", "NVIDIA RTX 4090", 8),
    ("We train on eight NVIDIA RTX 4090 GPUs.", "GPU", 8),
])
def test_quantities(ex, text, name, qty):
    got = hw(ex, "A method", text)
    assert name in got
    assert got[name].attrs["quantity"] == qty


def test_class_added_only_when_written(ex):
    got = hw(ex, "A method", "Latency is measured on an A100.")
    assert set(got) == {"NVIDIA A100"}
    got = hw(ex, "A method", "Latency is measured on an A100 GPU.")
    assert set(got) == {"NVIDIA A100", "GPU"}


def test_bare_number_needs_gpu_context(ex):
    assert "NVIDIA RTX 4090" in hw(ex, "A method", "It reaches 20 fps on a 4090 GPU.")
    assert hw(ex, "A method", "We collected 4090 images from 3090 users.") == {}


@pytest.mark.parametrize("text", [
    "We fine-tune T5 and mT5 on the data.",
    "Our M2 model beats the M1 model.",
    "The Turing test remains hard.",
    "Results on PASCAL VOC improve.",
    "Xavier initialization is used.",
    "Each pixel is colored by the Core network.",
    "The arc length is a max of two.",
    "We use CUDA and TensorRT to speed up the hardware.",
    "An accelerator for transformers on a device.",
    "We propose Dynamic Sequence Parallelism (DSP). DSP reduces communication.",
    "We propose PIM-GPT for text.",
    "The design uses few DSP blocks on the board.",
    "A speedup of a 2-5x on CPU.",
])
def test_lookalikes_rejected(ex, text):
    got = hw(ex, "A method", text)
    assert not ({"NVIDIA T4", "Apple M2", "Apple M1", "NVIDIA Turing", "NVIDIA Pascal", "NVIDIA Jetson Xavier",
                 "DSP", "PIM", "NVIDIA A2"} & set(got)), got


def test_generation_needs_context(ex):
    got = hw(ex, "Benchmarking the Hopper GPU", "We compare Hopper, Ada, and Ampere GPU architectures.")
    assert {"NVIDIA Hopper", "NVIDIA Ada", "NVIDIA Ampere", "GPU"} <= set(got)
    assert got["NVIDIA Hopper"].role == "evaluated_on"


def test_roles(ex):
    got = hw(ex, "An FPGA accelerator for attention",
             "We design an FPGA accelerator. It achieves 7x better power efficiency than GPUs.")
    assert got["FPGA"].role == "targets"
    assert got["GPU"].role == "compared_against"
    got = hw(ex, "A method", "Processor architectures such as GPUs and TPUs are popular. We propose X.")
    assert got["GPU"].role == "mentioned" and got["TPU"].role == "mentioned"
    got = hw(ex, "A method", "For potential applications on edge devices, we introduce a lite model.")
    assert got["edge device"].role == "targets"


def test_mention_fields(ex):
    got = hw(ex, "A method", "Speedup of 3.7x over a DGX H100 on the SambaNova SN40L chip.")
    m = got["NVIDIA DGX H100"]
    assert m.text == "DGX H100" and m.type == "hardware"
    assert m.evidence.extractor.startswith("kg_hardware.")
    text = "A method\nSpeedup of 3.7x over a DGX H100 on the SambaNova SN40L chip."
    assert text[m.evidence.start:m.evidence.end] == m.text
    sn = got["SambaNova SN40L"]
    assert sn.attrs["vendor"] == "SambaNova" and sn.attrs["hw_class"] == "ASIC"
    assert got["NVIDIA DGX H100"].attrs["broader"][-1] == "system"


def test_family_merges_into_variant(ex):
    got = hw(ex, "A model", "Runs on the Google Pixel EdgeTPU, with a Pixel 8 EdgeTPU runtime of 3.8ms.")
    assert "Google Pixel 8 EdgeTPU" in got and "Google Pixel EdgeTPU" not in got


def test_mobile_and_pim(ex):
    got = hw(ex, "A hybrid process-in-memory accelerator",
             "Models for smartphones. PIM on DRAM chips with on-chip SRAM and HBM.")
    assert {"PIM", "DRAM", "SRAM", "HBM", "mobile device"} <= set(got)


# -- role rules (guideline: targets > evaluated_on > compared_against > mentioned) ---------------

def test_task_noun_in_title_is_not_an_analysis_paper(ex):
    # "Video Understanding" names the task; "Benchmarking ..." heads an analysis paper
    got = hw(ex, "X: Token-Efficient Models for Long-Form Video Understanding",
             "We meet the demand for models designed for mobile devices.")
    assert got["mobile device"].role == "targets"
    got = hw(ex, "Benchmarking the Hopper GPU", "We design microbenchmarks for Hopper GPUs.")
    assert got["NVIDIA Hopper"].role == "evaluated_on"


def test_class_word_of_a_product_shares_its_role(ex):
    got = hw(ex, "A method", "We implement a fused kernel leveraging instructions available on NVIDIA Hopper GPUs.")
    assert got["NVIDIA Hopper"].role == "targets" and got["GPU"].role == "targets"


def test_fits_on_a_gpu_is_a_design_target(ex):
    got = hw(ex, "A method", "We present X, a model that fits in a single 80GB GPU.")
    assert got["GPU"].role == "targets"


def test_gpu_memory_is_a_resource_not_a_target(ex):
    got = hw(ex, "A method", "We introduce X, which requires only 2 GB of GPU memory at runtime.")
    assert got["GPU"].role == "evaluated_on"
    got = hw(ex, "A method", "Models grow in size at the cost of GPU memory consumption. We introduce X.")
    assert got["GPU"].role == "mentioned"


def test_targeted_class_makes_its_products_targets(ex):
    got = hw(ex, "A method", "We co-design the format with bespoke GPU decoding kernels. "
                             "Our kernels achieve a 3x speedup on an A100.")
    assert got["GPU"].role == "targets" and got["NVIDIA A100"].role == "targets"
    # a general method merely timed on an A100 stays evaluated_on
    got = hw(ex, "A method", "We propose X. It achieves a 3x speedup on an A100 GPU.")
    assert got["NVIDIA A100"].role == "evaluated_on"


def test_model_for_phones_targets_the_devices_it_runs_on(ex):
    got = hw(ex, "Universal Models for the Mobile Ecosystem",
             "The new models are Pareto optimal across mobile CPUs, DSPs, GPUs, as well as accelerators "
             "like Apple Neural Engine. The large model runs in 3.8ms on a Pixel 8 EdgeTPU. "
             "Training takes 2 days on 8 A100 GPUs.")
    for name in ("CPU", "DSP", "Apple Neural Engine", "Google Pixel 8 EdgeTPU", "mobile device"):
        assert got[name].role == "targets", name
    assert got["NVIDIA A100"].role == "evaluated_on"


def test_device_noun_phrase_shares_the_stronger_role(ex):
    got = hw(ex, "A method", "Moreover, we deploy X on an embodied agent equipped with a Jetson Orin NX 16GB edge device.")
    assert got["NVIDIA Jetson Orin NX"].role == got["edge device"].role == "targets"


def test_efficiency_of_the_hardware_is_the_contribution(ex):
    got = hw(ex, "A method", "A reservoir mitigates the bias of streaming while maximizing GPU throughput.")
    assert got["GPU"].role == "targets"


def test_generic_and_background_sentences_are_mentioned(ex):
    got = hw(ex, "A method", "It is common to map the split models onto the GPUs. We propose X.")
    assert got["GPU"].role == "mentioned"
    got = hw(ex, "A method", "Although models improved, deploying them on edge devices needs small models. "
                             "We propose an augmentation pipeline.")
    assert got["edge device"].role == "mentioned"


def test_comparison_with_a_platform(ex):
    got = hw(ex, "A method", "This paper uses an AI accelerator. Its performance will be compared with Jetson Orin Nano.")
    assert got["NVIDIA Jetson Orin Nano"].role == "compared_against"


def test_experiments_on_a_cluster_are_evaluation(ex):
    got = hw(ex, "A method", "Experiments conducted on an eight GPU A800 cluster show a 1.6x speedup.")
    assert got["NVIDIA A800"].role == "evaluated_on"


def test_phone_as_data_source_is_mentioned(ex):
    got = hw(ex, "X: Image Quality Assessment Made Practical for Smartphone Photography", "We propose X.")
    assert got["mobile device"].role == "mentioned"


def test_enabling_execution_on_hardware_is_a_target(ex):
    got = hw(ex, "A method", "CityGo enables real-time rendering of urban scenes on mobile GPUs.")
    assert got["mobile device"].role == "targets" and got["GPU"].role == "targets"
    got = hw(ex, "A method", "This algorithm runs entirely on the CPU.")
    assert got["CPU"].role == "targets"


def test_example_in_parentheses_shares_the_role(ex):
    got = hw(ex, "A method", "We propose X. X runs on consumer GPUs (e.g., RTX 4090) at 30 fps.")
    assert got["NVIDIA RTX 4090"].role == got["GPU"].role


def test_negated_hardware_is_mentioned(ex):
    got = hw(ex, "A method", "We propose X, a fast alternative to GPU-heavy methods, requiring no FPGA.")
    assert got["GPU"].role == "mentioned" and got["FPGA"].role == "mentioned"
    got = hw(ex, "A method", "Our method is training- and GPU-free.")
    assert got["GPU"].role == "mentioned"


def test_compared_to_running_on_a_platform(ex):
    got = hw(ex, "A method", "We run X on an FPGA, 5x faster compared to running on a 3090 GPU or an Orin NX.")
    assert got["NVIDIA RTX 3090"].role == "compared_against"
    assert got["NVIDIA Jetson Orin NX"].role == "compared_against"


def test_targeting_a_format_on_hardware(ex):
    got = hw(ex, "A method", "We quantize a model, targeting the W8A8 format on Ascend 910B NPUs.")
    assert got["Huawei Ascend 910B"].role == "targets" and got["NPU"].role == "targets"
    got = hw(ex, "A method", "Our pipeline confines all inference entirely to the edge device.")
    assert got["edge device"].role == "targets"


def test_measured_gpu_resource_is_evaluated_on(ex):
    got = hw(ex, "A method", "Our tracker reaches the fastest GPU inference speed of 122 frames per second.")
    assert got["GPU"].role == "evaluated_on"
    got = hw(ex, "A method", "We use 48% less GPU memory and 80.9% lower average GPU utilization.")
    assert got["GPU"].role == "evaluated_on"


def test_task_requirement_without_own_work_is_mentioned(ex):
    got = hw(ex, "A method", "Driver monitoring demands real-time inference on edge devices. We propose X.")
    assert got["edge device"].role == "mentioned"


def test_one_word_title_name_is_own_work(ex):
    got = hw(ex, "Marigold: Affordable adaptation",
             "Marigold requires minimal changes and trains on a single GPU over a few days.")
    assert got["GPU"].role == "evaluated_on"


def test_hardware_in_parentheses_of_a_training_sentence_is_evaluated_on(ex):
    got = hw(ex, "X vs. Y: A Controlled Comparison",
             "Both models are trained on identical data and identical hardware (NVIDIA H100 80GB).")
    assert got["NVIDIA H100"].role == "evaluated_on"


def test_survey_title_mentions_only(ex):
    got = hw(ex, "Optimizing LLMs: A Survey of Model Compression",
             "LLM requirements limit their deployment on mobile and edge devices. This survey reviews methods.")
    assert got["mobile device"].role == "mentioned" and got["edge device"].role == "mentioned"


def test_deployment_title_without_device_word(ex):
    got = hw(ex, "Hybrid Distillation for On-Device Vision in Agricultural IoT",
             "ViTs are too heavy for resource-constrained edge devices. We distill a student. "
             "It runs in 86ms/image on smartphone CPUs.")
    assert got["edge device"].role == "targets"
    assert got["mobile device"].role == "targets" and got["CPU"].role == "targets"


def test_analysis_paper_keeps_designed_for_deployment_class(ex):
    got = hw(ex, "Comparative Analysis of Lightweight Models",
             "We benchmark five models. This research contributes to optimizing deep learning systems "
             "for edge computing and mobile platforms.")
    assert got["edge device"].role == "targets" and got["mobile device"].role == "targets"


def test_mobile_vision_transformer_is_a_model(ex):
    got = hw(ex, "Lightweight Tracking with Mobile Vision Transformers",
             "We build a tracker based on Mobile Vision Transformers (MobileViT).")
    assert "mobile device" not in got


# -- rules added from the arxiv_hw_H error analysis --------------------------------------------
@pytest.mark.parametrize("abstract,name", [
    ("We pair it with a mobile-grade vision pipeline.", "mobile device"),
    ("Deployment in a mobile application shows real-time inference.", "mobile device"),
    ("LLMs are unsuitable for on-device settings such as mobile assistants.", "mobile device"),
    ("It targets mobile Neural Processing Units such as the Hexagon.", "mobile device"),
    ("It is suitable for real-time surveillance and edge-based applications.", "edge device"),
    ("We introduce four edge-deployable negotiation benchmarks.", "edge device"),
])
def test_h_class_wordings(ex, abstract, name):
    assert name in hw(ex, "A method", abstract)


def test_class_word_inside_product_alias(ex):
    got = hw(ex, "A system", "The system processes millions of items per day on Huawei Ascend NPUs.")
    assert "Huawei Ascend" in got and "NPU" in got


def test_phone_use_agents_are_context(ex):
    got = hw(ex, "PhoneWorld: Scaling Phone-Use Agent Environments", "We build environments for agents.")
    assert got["mobile device"].role == "mentioned"


@pytest.mark.parametrize("title,abstract,name,role", [
    # a measured figure between a targets cue and the platform: evaluated_on
    ("A method", "FFA enables real-time deployment, supporting 49 FPS animation on a single NVIDIA A100 GPU.",
     "NVIDIA A100", "evaluated_on"),
    ("A method", "Our pipeline enables end-to-end CPU inference under 150 ms per image.", "CPU", "evaluated_on"),
    # "real-time CPU performance" is measured
    ("A method", "Analysis confirms PRISM is accurate while maintaining real-time CPU performance.",
     "CPU", "evaluated_on"),
    # "the algorithm operates efficiently on" describes the own method's platform
    ("Consistent Point Matching", "The algorithm operates efficiently on standard CPU hardware.", "CPU", "targets"),
    # "enables ... training on <Jetson>" (digits in the gap) targets it, and the edge class with it
    ("A method", "However, memory is a bottleneck for deployment on edge devices. Our method enables "
     "memory-efficient 3DGS training on NVIDIA Jetson AGX Xavier.", "NVIDIA Jetson AGX Xavier", "targets"),
    ("A method", "However, memory is a bottleneck for deployment on edge devices. Our method enables "
     "memory-efficient 3DGS training on NVIDIA Jetson AGX Xavier.", "edge device", "targets"),
    # a prior work's implementation is background
    ("A method", "FireANTs introduced a descent method with a GPU-accelerated implementation.", "GPU", "mentioned"),
    # the start of a transition is background
    ("A method", "We run models on phones. This provides a blueprint for transitioning models from "
     "high-end GPUs to the palm of the user.", "GPU", "mentioned"),
    # an example deployment class in a background list stays mentioned in an edge-titled paper
    ("EmoMAS: A Multi-Agent System for Edge-Deployable Negotiation",
     "LLMs are costly, which limits on-device settings such as mobile assistants or robots.",
     "mobile device", "mentioned"),
    # the own system named in parentheses in the title
    ("JD Oxygen AI Item Center (Oxygen AIIC) V1: A Platform",
     "Oxygen AIIC operates efficiently on Huawei Ascend NPUs.", "Huawei Ascend", "targets"),
])
def test_h_roles(ex, title, abstract, name, role):
    got = hw(ex, title, abstract)
    assert got[name].role == role


def test_negated_title_is_not_a_target(ex):
    got = hw(ex, "Faster Routing Without a Dedicated GPU",
             "We present a router. Our optimizations, benchmarked on AMD Instinct MI300X, cut latency by 38x.")
    assert got["GPU"].role == "mentioned"
    assert got["AMD MI300X"].role == "evaluated_on"


@pytest.mark.parametrize("own,role", [
    ("We propose GoPrune, a structured pruning method evaluated on CIFAR.", "mentioned"),
    ("To deliver the on-device benefits of our quantization, we port it to a C++ runtime.", "targets"),
])
def test_deployment_motivation(ex, own, role):
    got = hw(ex, "A method", "CNNs grow deeper, which severely hinders their deployment on resource-constrained "
             "edge devices. " + own)
    assert got["edge device"].role == role


# -- generalisation rules (H5 error classes) ----------------------------------------------------

def test_own_region_after_contribution(ex):
    # the description after "We present X" is the paper's own work even without "we"/"our"
    got = hw(ex, "BlitzGS: Fast Reconstruction",
             "We present BlitzGS, a distributed framework for fast reconstruction. At the system level, "
             "the framework shards Gaussians across GPUs by index parity rather than spatial blocks.")
    assert got["GPU"].role == "targets"


@pytest.mark.parametrize("abstract", [
    "Segmentation of aerial imagery is hard due to limited computational resources on edge devices. "
    "Existing methods incur high computational overhead. To address these limitations, we propose "
    "PBSeg, an efficient segmentation framework.",
    "Fine-tuning is common. However, this process is often impractical on edge devices due to "
    "constrained computational resources. To address this challenge, we introduce TrajICL, a framework.",
])
def test_addressed_deployment_constraint_targets(ex, abstract):
    # a deployment class named as the constraint the contribution answers is its target
    assert hw(ex, "A method", abstract)["edge device"].role == "targets"


def test_addressed_execution_constraint_targets(ex):
    got = hw(ex, "A method",
             "Rendering many views is slow. Moreover, prior accelerations suffer from GPU inefficiency "
             "under incoherent subpixel layouts. In this paper, we propose CoherentRaster, a rendering framework.")
    assert got["GPU"].role == "targets"
    # a resource demand in the motivation is no execution constraint: stays mentioned
    got = hw(ex, "A method",
             "Large models demand expensive GPU memory. In this paper, we propose a pruning method.")
    assert got["GPU"].role == "mentioned"


@pytest.mark.parametrize("abstract", [
    "LLMs are strong, but their scale limits their use on edge devices. In this work, we propose a "
    "contrastive distillation framework.",
    "High-performance trackers are slow, making them impractical for deployment on edge devices. "
    "To alleviate this issue, we propose FARTrack.",
])
def test_blocked_deployment_motivation_stays_mentioned(ex, abstract):
    assert hw(ex, "A method", abstract)["edge device"].role == "mentioned"


def test_blocked_example_targets_when_deployed_on_board(ex):
    got = hw(ex, "A method",
             "LLMs remain prohibitively large for deployment in resource-constrained environments such as "
             "edge devices. In this work, we introduce a compression framework. We also deploy the compressed "
             "models on Jetson Orin Nano, achieving real-time inference.")
    assert got["edge device"].role == "targets"
    assert got["NVIDIA Jetson Orin Nano"].role == "targets"


def test_blocked_example_without_board_stays_mentioned(ex):
    got = hw(ex, "EmoMAS: Edge-Deployable Negotiation",
             "LLM cost and privacy risks limit deployment in privacy-sensitive, on-device settings such as "
             "mobile assistants. We introduce EmoMAS, a multi-agent system suitable for edge deployment.")
    assert got["mobile device"].role == "mentioned"


def test_multi_device_execution_targets(ex):
    got = hw(ex, "A method", "We present Nacrith, a compressor. It supports parallel multi-GPU compression "
                             "and is 7x faster than PyTorch.")
    assert got["GPU"].role == "targets"


def test_training_platform_in_own_sentence_is_evaluated_on(ex):
    got = hw(ex, "A method", "We propose a hybrid objective. We pre-train both models on English Wikipedia "
                             "using identical architectures and compute budgets (NVIDIA H100).")
    assert got["NVIDIA H100"].role == "evaluated_on"


@pytest.mark.parametrize("text", [
    "We analyse frequencies on a 40-language corpus and train on a single GPU.",
    "It gives a 100-fold reduction on one GPU.",
])
def test_article_and_number_is_no_product(ex, text):
    got = hw(ex, "A method", text)
    assert "NVIDIA A40" not in got and "NVIDIA A100" not in got
    assert "GPU" in got


def test_spaced_product_name_still_found(ex):
    assert "NVIDIA A100" in hw(ex, "A method", "Latency is measured on an A 100 GPU.")


def test_device_without_kind_is_no_edge_device(ex):
    # "resource-constrained devices" names no kind of device (the guideline: "device" alone is no hardware)
    assert hw(ex, "A method", "Our detector runs on resource-constrained devices in real time.") == {}
    got = hw(ex, "A method", "It targets resource-constrained edge devices and edge VR platforms.")
    assert "edge device" in got


def test_edge_platform_with_acronym(ex):
    got = hw(ex, "A method", "We propose a co-design for edge VR platforms.")
    assert got["edge device"].role == "targets"


@pytest.mark.parametrize("abstract", [
    "State-space models are strong. However, deploying SSMs to edge devices is challenging due to the "
    "constraints in memory, computing capacity, and power consumption. While quantization helps, outliers "
    "remain. To address this challenge, we propose Q-Net, a quantized model.",
    "Existing networks are heavy. These methods exhibit poor compatibility on resource-constrained edge "
    "devices, limiting their deployment in real-time applications. To address this, we propose a fusion network.",
])
def test_blocked_deployment_with_device_limits_answered_targets(ex, abstract):
    # a blocked deployment that names the device's resource limits, answered by "To address this,
    # we propose", is the constraint the method is built for
    assert hw(ex, "A method", abstract)["edge device"].role == "targets"


def test_blocked_deployment_on_method_limits_stays_mentioned(ex):
    # the block is put on the prior methods' design, not on the device's resources
    got = hw(ex, "A method",
             "Existing methods prioritize precision over simplicity, limiting their deployment on edge devices. "
             "To bridge this gap, we propose a small network.")
    assert got["edge device"].role == "mentioned"


def test_contribution_cue_with_adverbial(ex):
    # "This paper for the first time proposes": the contribution answers the constrained edge motivation
    got = hw(ex, "A method",
             "Generative codecs are emerging. However, deploying the decoder on power-constrained edge devices "
             "presents challenges due to numerous parameters. This paper for the first time proposes a novel "
             "deployment scheme for video services. Initially, we analyze the algorithm.")
    assert got["edge device"].role == "targets"


def test_hyphenated_edge_computing(ex):
    got = hw(ex, "A method", "We propose a deployment scheme for edge-computing video services.")
    assert got["edge device"].role == "targets"


def test_mobile_gui_agents_title_targets(ex):
    got = hw(ex, "X-Bench: A Unified Benchmark for Hybrid Mobile GUI Agents",
             "We introduce X-Bench, a benchmark of agents with a specific focus on the mobile domain.")
    assert got["mobile device"].role == "targets"


def test_measured_edge_device_of_own_model_targets(ex):
    # a lite model measured on edge devices is built for them
    got = hw(ex, "A method",
             "We propose a masking method. Our distilled model achieves 91.4% parameter reduction and 3x faster "
             "inference on edge devices while maintaining competitive accuracy.")
    assert got["edge device"].role == "targets"


def test_measured_mobile_device_needs_deploy_cue(ex):
    got = hw(ex, "A method", "We propose a detector. Our detector runs at 30 fps on mobile devices.")
    assert got["mobile device"].role == "evaluated_on"
    got = hw(ex, "A method",
             "We propose a detector. To facilitate deployment on phones, we compress it. Our detector runs "
             "at 30 fps on mobile devices.")
    assert got["mobile device"].role == "targets"


def test_title_and_evaluation_noun_is_not_an_analysis_paper(ex):
    # "... and Evaluation Testbed" names a built artefact, not an evaluation study
    got = hw(ex, "A Real-Time Safety System with Wide-Angle Perception and Evaluation Testbed",
             "We present a prototype warning system that runs on a single edge device at 30 fps.")
    assert got["edge device"].role == "targets"
    got = hw(ex, "Dissecting Kernels and Evaluating Their Speed on GPUs", "We run kernels on GPUs.")
    assert got["GPU"].role == "evaluated_on"


def test_title_impact_of_is_an_analysis_paper(ex):
    got = hw(ex, "Impact of Data-Oriented Design on Performance in Multi-Threaded CPUs",
             "This study provides a comprehensive performance analysis of data-oriented design.")
    assert got["CPU"].role == "evaluated_on"


def test_list_role_across_acronym_parenthesis(ex):
    # "Long Form (ACR) and Long Form (ACR)": the second item shares the first one's comparison role
    got = hw(ex, "A method",
             "We build an FPGA prototype, achieving 24.9x and 4.1x higher energy efficiency against commercial "
             "Central Processing Unit (CPU) and Graphic Processing Unit (GPU), respectively.")
    assert got["CPU"].role == "compared_against"
    assert got["GPU"].role == "compared_against"


def test_evaluated_left_takes_hyphenated_modifier(ex):
    got = hw(ex, "A method",
             "We study batching. On the high-bandwidth H200, this occurs only when decode tokens exceed 80% of the "
             "batch; on the bandwidth-constrained RTX PRO 6000, this threshold drops to just 20%.")
    assert got["NVIDIA H200"].role == "evaluated_on"
    assert got["NVIDIA RTX PRO 6000"].role == "evaluated_on"


def test_hyphenated_modifier_of_a_class_is_no_measurement_platform(ex):
    # "even in low-power mobile devices" describes what the method is built for
    got = hw(ex, "A method",
             "In this paper, we propose a fast fusion method. It requires less than one-tenth of the time of "
             "prior methods, ensuring high speed even in low-power mobile devices.")
    assert got["mobile device"].role == "targets"


# -- H7 classes: negations, prospects, measured modifiers, counted compute, deployment goals --------

@pytest.mark.parametrize("text,name", [
    ("We propose X. Rather than requiring synchronized gradient updates across thousands of GPUs, we "
     "partition the data into clusters.", "GPU"),
    ("We propose X. Validation confirms that X removes the dedicated GPU cluster requirement.", "GPU"),
    ("Prior methods are slow in the absence of dedicated computing devices such as GPUs and TPUs. "
     "We propose X.", "TPU"),
])
def test_h7_what_the_paper_does_without_is_mentioned(ex, text, name):
    assert hw(ex, "A method", text)[name].role == "mentioned"


def test_h7_removing_a_limit_of_the_gpu_keeps_it(ex):
    # "Removing the GPU Memory Barrier" removes a limit of the GPU, not the GPU
    got = hw(ex, "CLM: Removing the GPU Memory Barrier for Rendering", "We describe CLM, a system.")
    assert got["GPU"].role == "targets"


def test_h7_prospect_is_mentioned(ex):
    got = hw(ex, "A method", "We introduce a solver. These results pave the way for GPU-based optimization of SMTs.")
    assert got["GPU"].role == "mentioned"


def test_h7_commonly_used_card_is_the_measurement_platform(ex):
    got = hw(ex, "A method", "For example, inference of an image takes 0.2 seconds on a commonly used RTX 3090 GPU, "
                             "which is over 100 times faster than zero-shot methods.")
    assert got["NVIDIA RTX 3090"].role == "evaluated_on"


def test_h7_counted_own_gpu_days_are_evaluated_on(ex):
    got = hw(ex, "A method", "We introduce Ditto. Using this framework, we invested over 12,000 GPU-days to build a dataset.")
    assert got["GPU"].role == "evaluated_on"


def test_h7_blocked_deployment_on_constrained_devices_answered_next(ex):
    # the motivation names the device's resource limits and the next sentence is the contribution
    got = hw(ex, "A method",
             "Although recent methods perform well, many rely on expensive models, making them impractical for "
             "deployment on resource-limited edge devices. In this work, we introduce a lightweight framework.")
    assert got["edge device"].role == "targets"


def test_h7_deployment_goal_without_device_word_targets_the_board(ex):
    got = hw(ex, "A Lightweight Real-Time Detector",
             "This paper proposes SBP-YOLO, a lightweight detector optimized for embedded deployment. "
             "Experiments show it runs at 139.5 FPS on a Jetson AGX Xavier.")
    assert got["NVIDIA Jetson AGX Xavier"].role == "targets"
    # no goal: a board that only times the model stays evaluated_on
    got = hw(ex, "A Stereo Matcher", "We propose ESM. It achieves 91 FPS on the Jetson AGX Orin.")
    assert got["NVIDIA Jetson AGX Orin"].role == "evaluated_on"


def test_h7_platform_in_parentheses_is_no_acronym_definition(ex):
    got = hw(ex, "A method", "It runs with inference speeds of 19.25 FPS (CPU) and 414.07 FPS (GPU).")
    assert got["CPU"].role == "evaluated_on" and got["GPU"].role == "evaluated_on"
    # a real redefinition still rejects the class
    assert "DSP" not in hw(ex, "A method", "We use Dynamic Sequence Parallelism (DSP) to train on GPUs.")


def test_h7_frame_size_is_no_gtx_1080(ex):
    got = hw(ex, "A method", "On a consumer RTX 5090 GPU, it reaches 26 FPS at 1920x1080.")
    assert "NVIDIA GTX 1080" not in got
    assert "NVIDIA RTX 5090" in got


# -- H8 error classes -------------------------------------------------------------------------

@pytest.mark.parametrize("title,abstract", [
    ("A Fall Detector", "We present a pose-driven detector with a classification stage suitable for edge deployment."),
    ("Exploring LMMs for Question Answering on the Edge", "We investigate implementation on the edge."),
])
def test_h8_edge_deployment_alone_is_no_edge_device(ex, title, abstract):
    # "edge deployment", "on the edge" name a setting, not a device (the guideline: no kind, no hardware)
    assert "edge device" not in hw(ex, title, abstract)


def test_h8_hyphenated_edge_devices(ex):
    got = hw(ex, "Efficient Neural Radiance Fields: Execution on Edge-Devices", "We introduce Fact-Hash.")
    assert got["edge device"].role == "targets"


@pytest.mark.parametrize("title,abstract", [
    # a benchmark of agents that operate phones targets the phone (not the analysis paper's evaluated_on)
    ("ColorBench: Benchmarking Mobile Agents with Graph-Structured Framework",
     "Agents operate apps through graphical user interfaces. ColorBench contains 175 tasks."),
    ("PSPA-Bench: A Personalized Benchmark for Smartphone GUI Agent",
     "Smartphone GUI agents execute tasks by operating directly on app interfaces."),
    ("GUI-Reflection: Empowering Multimodal GUI Models",
     "We built an environment for online training and data collection of GUI models on mobile devices."),
])
def test_h8_agent_built_for_phones_targets(ex, title, abstract):
    assert hw(ex, title, abstract)["mobile device"].role == "targets"


def test_h8_robot_mobile_agent_is_no_phone(ex):
    got = hw(ex, "YOWO: Mapping a Scene", "We equip a mobile agent with a head-mounted RGB-D camera to map the scene.")
    assert "mobile device" not in got


def test_h8_data_captured_by_phones_is_mentioned(ex):
    got = hw(ex, "MathReal: A Real Scene Benchmark",
             "To address this gap, we introduce MathReal, a dataset of 2,000 questions with images captured "
             "by handheld mobile devices in authentic scenarios.")
    assert got["mobile device"].role == "mentioned"


def test_h8_negation_with_a_coordinated_item(ex):
    got = hw(ex, "GMatch: Feature Matching",
             "We present GMatch. It ensures consistent correspondences without the need for training or GPU support.")
    assert got["GPU"].role == "mentioned"


def test_h8_batch_size_on_hardware_is_a_measured_run(ex):
    got = hw(ex, "Instella-T2I: Image Generation",
             "We introduce 1D binary latents. Our models allow for a global batch size of 4096 on a single GPU node "
             "with 8 AMD MI300X GPUs, and the training can be completed within 200 GPU days.")
    assert got["GPU"].role == "evaluated_on"
    assert got["AMD MI300X"].role == "evaluated_on"


def test_h8_device_title_targets_its_examples_and_boards(ex):
    got = hw(ex, "TensorSLM: Embedding Compression of Language Models on Low-end Devices",
             "They are typically deployed on low-end devices, like mobile phones and single-board computers. "
             "This paper proposes a compression approach. We evaluate latency and energy consumption on a typical "
             "low-end device, i.e. Raspberry Pi.")
    assert got["mobile device"].role == "targets"
    assert got["Raspberry Pi"].role == "targets"


def test_h8_edge_title_makes_the_edge_side_board_a_target(ex):
    got = hw(ex, "Efficient Semantic Image Communication for Traffic Monitoring at the Edge",
             "This paper presents two pipelines. On a Raspberry Pi~5, the edge-side processing time is about 15s.")
    assert got["edge device"].role == "targets"
    assert got["Raspberry Pi 5"].role == "targets"


def test_h8_own_study_results_are_evaluated_on(ex):
    got = hw(ex, "Lightweight Cloud Masking Models for Hyperspectral Imaging",
             "Cloud masking is a crucial step. This study evaluates various machine learning approaches. "
             "Among the investigated models, the CNN emerged as the most efficient, offering rapid inference "
             "times on both CPUs and GPUs.")
    assert got["CPU"].role == "evaluated_on"
    assert got["GPU"].role == "evaluated_on"


def test_h8_gpu_optimized_kernel_targets(ex):
    got = hw(ex, "Complex-Valued 2D Gaussians for Holography",
             "To enable end-to-end training, we develop a differentiable rasterizer, integrated with a "
             "GPU-optimized light propagation kernel.")
    assert got["GPU"].role == "targets"


def test_h8_real_time_on_a_counted_gpu_is_a_timing(ex):
    got = hw(ex, "AdaRD-Key: Keyframe Sampling",
             "We propose AdaRD-Key. Our pipeline is training-free, computationally efficient (running in real "
             "time on a single GPU), and compatible with existing VLMs.")
    assert got["GPU"].role == "evaluated_on"


def test_h8_analysis_paper_keeps_the_platform_its_study_is_for(ex):
    got = hw(ex, "Quantized Vision-Language Models for Damage Assessment: A Comparative Study of LLaVA-1.5-7B "
                 "Quantization Levels",
             "To enable deployment on consumer-grade GPUs, we conduct a systematic comparison of three "
             "quantization levels.")
    assert got["GPU"].role == "targets"


# -- round 4 (H9 errors) -----------------------------------------------------------------------

def test_h9_product_np_head_reads_the_resource_after_the_class_word(ex):
    # "59.4K H100 GPU hours": the product's noun phrase goes on to "hours" (a counted resource of
    # the paper's own run), so the product is evaluated_on like its class word
    got = hw(ex, "Trillion 7B Technical Report",
             "We introduce Trillion-7B, a multilingual LLM. Combined with optimized data mixtures, Trillion-7B "
             "achieves competitive performance while dedicating only 10\\% of its 2T training tokens to "
             "multilingual data and requiring just 59.4K H100 GPU hours for full training.")
    assert got["NVIDIA H100"].role == "evaluated_on"
    assert got["GPU"].role == "evaluated_on"


def test_h9_targeted_gpu_class_keeps_the_timed_product_evaluated_on(ex):
    # a GPU method (title: "on the GPU") timed on a product: the product is where it was measured
    got = hw(ex, "PaMO: Parallel Mesh Optimization for Low-Poly Modeling on the GPU",
             "To address the challenges, we introduce a novel GPU-based mesh optimization approach. The algorithm "
             "demonstrates remarkable efficiency, simplifying a 2-million-face mesh in 3 seconds on RTX4090.")
    assert got["GPU"].role == "targets"
    assert got["NVIDIA RTX 4090"].role == "evaluated_on"


def test_h9_targeted_gpu_class_keeps_experiment_products_evaluated_on(ex):
    got = hw(ex, "cuGenOpt: A GPU-Accelerated General-Purpose Metaheuristic Framework",
             "We present cuGenOpt, a GPU-accelerated metaheuristic framework. Experiments across five suites on "
             "three GPU architectures (T4, V100, A800) show that cuGenOpt outperforms MIP solvers by orders of "
             "magnitude and attains 4.73% gap on TSP-442 within 30s.")
    assert got["GPU"].role == "targets"
    assert {got[n].role for n in ("NVIDIA T4", "NVIDIA V100", "NVIDIA A800")} == {"evaluated_on"}


def test_h9_targeted_gpu_class_still_spreads_to_a_product_it_enables(ex):
    # no experiment and no timing: the commodity products the design enables stay targets
    got = hw(ex, "QMoE: Practical Sub-1-Bit Compression",
             "QMoE is co-designed with bespoke GPU decoding kernels. This enables the execution of the model on "
             "affordable commodity hardware, like a single server with 4x NVIDIA A6000 GPUs.")
    assert got["NVIDIA RTX A6000"].role == "targets"


def test_h9_edge_based_embedded_title_targets_the_edge_devices(ex):
    got = hw(ex, "EdgeVTP: Latency-efficient Trajectory Prediction for Edge-based Embedded Vision Applications",
             "Vehicle trajectory prediction is central to highway perception, but deployment on roadside edge "
             "devices necessitates bounded latency. We present EdgeVTP. Across three benchmarks and two "
             "Jetson-class platforms, EdgeVTP achieves the lowest measured end-to-end latency.")
    assert got["edge device"].role == "targets"
    assert got["NVIDIA Jetson"].role == "targets"


def test_h9_data_collection_with_smartphones_is_the_data_source(ex):
    got = hw(ex, "EgoSim: Egocentric World Simulator",
             "We introduce EgoSim. We further introduce EgoCap, a capture system that enables low-cost "
             "real-world data collection with uncalibrated smartphones.")
    assert got["mobile device"].role == "mentioned"


@pytest.mark.parametrize("sentence", [
    "This dramatically reduces computational requirements, enabling synthetic dataset generation with a "
    "consumer-grade GPU (e.g., NVIDIA RTX 4090).",
    "With only seven annotated volumes, the framework retains over 95% of full-data accuracy, and the entire "
    "pipeline is trainable on a single consumer-grade GPU.",
])
def test_h9_enabling_or_trainable_on_a_gpu_targets_it(ex, sentence):
    got = hw(ex, "FLORA: Efficient Synthetic Data Generation", "We propose FLORA, a lightweight pipeline. " + sentence)
    assert got["GPU"].role == "targets"


def test_h9_enabled_product_in_a_list_follows_its_class(ex):
    got = hw(ex, "FLORA: Efficient Synthetic Data Generation",
             "We propose FLORA, a lightweight pipeline. This reduces computational requirements, enabling "
             "synthetic dataset generation with a consumer-grade GPU (e.g., NVIDIA RTX 4090).")
    assert got["NVIDIA RTX 4090"].role == "targets"


def test_h9_improving_speed_on_gpus_is_a_design_goal(ex):
    got = hw(ex, "AdaGScale: Viewpoint-Adaptive Gaussian Scaling",
             "Reducing the number of Gaussian-tile pairs is one of the most promising approaches to improve 3D "
             "Gaussian Splatting (3D-GS) rendering speed on GPUs. In this paper, we propose AdaGScale. "
             "Experimental results show that AdaGScale achieves a speedup of 13.8x over 3D-GS on a GPU.")
    assert got["GPU"].role == "targets"


@pytest.mark.parametrize("sentence", [
    "It can also be executed entirely offline and runs efficiently using only CPUs.",
    "We develop a formulation which trains efficiently on GPUs and needs only a few iterations.",
])
def test_h9_running_or_training_efficiently_on_hardware_targets_it(ex, sentence):
    got = hw(ex, "A Lightweight Toolkit", "We present a lightweight toolkit. " + sentence)
    assert next(iter(got.values())).role == "targets"


def test_laptop_gpu_is_its_own_product(ex):
    got = hw(ex, "A renderer", "Our renderer reaches 60 fps on an NVIDIA RTX 4070 Laptop and on a GeForce RTX 3060 Mobile.")
    assert "NVIDIA RTX 4070 Laptop" in got and "NVIDIA RTX 3060 Laptop" in got
    assert "NVIDIA RTX 4070" not in got and "NVIDIA RTX 3060" not in got
    assert got["NVIDIA RTX 4070 Laptop"].text == "RTX 4070 Laptop"


def test_implemented_on_an_embedded_board_is_a_target(ex):
    # the "embedded" before the board reads as a design cue's modifier, so the timing after it
    # does not make the board a mere test bed
    got = hw(ex, "Tracking drones", "We present a tracker, implemented on an embedded Jetson Orin Nano and timed at 30 fps.")
    assert got["NVIDIA Jetson Orin Nano"].role == "targets"


def test_own_system_running_on_a_consumer_gpu_is_a_target(ex):
    got = hw(ex, "A tutor", "We propose a tutoring assistant. The whole assistant operates on a single consumer-grade GPU, "
                            "showing that modest resources suffice.")
    assert got["GPU"].role == "targets"
    got = hw(ex, "A tutor", "We propose a tutoring assistant. All experiments run on a single CPU without API calls.")
    assert got["CPU"].role == "evaluated_on"


def test_design_cue_may_name_the_use_before_the_platform(ex):
    got = hw(ex, "A game agent", "We train an agent designed for inference in realtime on a consumer GPU.")
    assert got["GPU"].role == "targets"


def test_question_title_split_in_two_is_read_whole(ex):
    got = hw(ex, "Does Caching Help? Characterizing Reuse in Retrieval Pipelines",
             "We replay traces of a retrieval service. Our replay tool runs on commodity CPU hardware.")
    assert got["CPU"].role == "evaluated_on"  # an analysis paper measures on its hardware


def test_design_cue_with_a_timed_or_measured_run_is_evaluated_on(ex):
    # a general method's run on a GPU, with its time or measured figure: where it was measured
    got = hw(ex, "A retrieval method", "We propose X. A small trainer enables tuning the hash module "
                                       "on GPUs with 24GB memory in 6 hours.")
    assert got["GPU"].role == "evaluated_on"
    got = hw(ex, "A cache method", "We propose X. It enables a 7B model to serve 1M tokens on a single A100 GPU, "
                                   "while achieving up to 2.5x higher throughput.")
    assert got["NVIDIA A100"].role == "evaluated_on" and got["GPU"].role == "evaluated_on"
    # an FPGA implementation timed on its board is still the design
    got = hw(ex, "A filter", "We propose X. We implement the filter on an FPGA, finishing in 3 ms.")
    assert got["FPGA"].role == "targets"


def test_measured_speedup_on_cpu_inference_is_evaluated_on(ex):
    got = hw(ex, "A module", "We propose X. Our experiments show a 3-4x speed-up on CPU inference.")
    assert got["CPU"].role == "evaluated_on"


def test_practical_on_gpus_is_a_design_target(ex):
    got = hw(ex, "A detector", "In this paper, we introduce a training-free framework. The framework provides compact "
                               "representations that are practical to compute on standard GPUs and require no fine-tuning.")
    assert got["GPU"].role == "targets"


def test_resource_constrained_title_without_hyphen_targets_devices(ex):
    got = hw(ex, "Tiny Models for Gesture Recognition on Resource Constrained Devices",
             "Gesture recognition on mobile devices is limited by memory. We introduce X.")
    assert got["mobile device"].role == "targets"


def test_phone_hosting_the_sensors_is_the_data_source(ex):
    got = hw(ex, "Motion from inertia", "We introduce X, a motion model. X uses data from inertial sensors in earbuds, "
                                        "watches, or smartphones and predicts body motion.")
    assert got["mobile device"].role == "mentioned"


def test_product_of_the_hardware_kind_in_the_title_is_targeted(ex):
    got = hw(ex, "Keyword Spotting with Neuromorphic Computing",
             "We propose a spiking network. Finally, we evaluate our model on a Loihi 2 neuromorphic chip.")
    assert got["Intel Loihi 2"].role == "targets"


def test_a_number_beside_gpu_is_no_gtx(ex):
    """'the 7,960-image benchmark' in a sentence naming a GPU: GTX 960/970/980 need "GTX"."""
    got = hw(ex, "A method", "We reach 88% accuracy on the 7,960-image AID benchmark on one GPU.")
    assert not [n for n in got if "GTX" in n]
    assert "NVIDIA GTX 980" in hw(ex, "A method", "Training takes 2 hours on a GTX 980 GPU.")


def test_edge_systems_are_edge_devices(ex):
    got = hw(ex, "A method", "Edge systems operate under strict computational budgets, so we adapt the model.")
    assert "edge device" in got


def test_text_whose_lowercasing_changes_length(ex):
    # "İ".lower() is two characters: the lowercase-keyed trie's offsets would be off, so
    # this text goes through the re.I pattern the registry compiles on first use
    text = "İstanbul's cluster trains the model on 8 A100 GPUs and serves it on a Jetson Orin."
    assert len(text.lower()) != len(text)
    paper = Paper(id="t", title="A method", abstract=text)
    got = {m.name: m for m in ex.extract(paper).of_type("hardware")}
    assert {"NVIDIA A100", "NVIDIA Jetson Orin"} <= set(got)
    ev = got["NVIDIA A100"].evidence
    assert paper.text[ev.start:ev.end] == "A100"
