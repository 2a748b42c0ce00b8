"""kg_datasets: gazetteer, discovery rules, roles, and the dataset / method split."""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.model import Paper


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def datasets(extractor: Extractor, title: str, abstract: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    ex = extractor.extract(Paper(id="t", title=title, abstract=abstract))
    return {m.name: (m.role, m.aliases) for m in ex.of_type("dataset")}


def test_gazetteer_with_aliases_and_versions(extractor: Extractor) -> None:
    got = datasets(extractor, "Detection at scale",
                   "We train on ImageNet-1K and evaluate on MS-COCO and ADE20K.")
    assert got["ImageNet"] == ("used", ("ImageNet-1K",))
    assert "MS-COCO" in got["COCO"][1]
    assert got["ADE20K"][0] == "used"


def test_introduced_dataset_by_head_noun(extractor: Extractor) -> None:
    got = datasets(extractor, "Affordance-aware insertion",
                   "We constructed the SAM-FB dataset, which contains over 3 million examples.")
    assert got["SAM-FB"][0] == "introduced"


def test_benchmark_title_prefix_is_introduced(extractor: Extractor) -> None:
    got = datasets(extractor, "LongVidQA: A Benchmark for Long Video Question Answering",
                   "We evaluate ten models on LongVidQA.")
    assert got["LongVidQA"][0] == "introduced"


def test_bench_shaped_names_and_lists(extractor: Extractor) -> None:
    got = datasets(extractor, "Streaming video understanding",
                   "Our model improves results on StreamingBench, OVO-Bench and MLVU.")
    assert {"StreamingBench", "OVO-Bench", "MLVU"} <= set(got)


def test_ambiguous_short_names_need_dataset_context(extractor: Extractor) -> None:
    assert "ARC" not in datasets(extractor, "Arc welding robots", "An ARC controller is described.")
    assert "ARC" in datasets(extractor, "Layer routing", "Accuracy improves on ARC and MMLU benchmarks.")


def test_datasets_are_not_methods(extractor: Extractor) -> None:
    ex = extractor.extract(Paper(id="t", title="T", abstract="We report accuracy on the GSM8K and MMLU benchmarks."))
    assert {m.name for m in ex.of_type("method")}.isdisjoint({"GSM8K", "MMLU"})
    assert {"GSM8K", "MMLU"} <= {m.name for m in ex.of_type("dataset")}


def test_defined_acronym_overrides_dataset_gazetteer(extractor: Extractor) -> None:
    ex = extractor.extract(Paper(id="t", title="Token dropping",
                                 abstract="We propose Differential Token Drop (DTD), which removes tokens."))
    assert "DTD" not in {m.name for m in ex.of_type("dataset")}
    assert "DTD" in {m.name for m in ex.of_type("method")}


def test_acronym_followed_by_benchmark_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "A Video QA Benchmark for Physics",
                   "This paper introduces the Minimal Video Pairs (MVP) benchmark. Models score 40% on MVP.")
    assert got["MVP"][0] == "introduced"
    assert not any("Video QA" in n for n in got)


def test_appositive_list_after_datasets(extractor: Extractor) -> None:
    got = datasets(extractor, "Knowledge transfer across scripts",
                   "We analyse model performance on two datasets with local knowledge, ECLeKTic and MultiLoKo.")
    assert got["ECLeKTic"][0] == "used" and got["MultiLoKo"][0] == "used"


def test_title_prefix_described_as_benchmark_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "TalkVoice: Reviving an Endangered Script with Speech Synthesis",
                   "We introduce TalkVoice, the first TTS benchmark for the script.")
    assert got["TalkVoice"][0] == "introduced"


def test_defined_field_acronym_is_not_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Editing knowledge",
                   "Knowledge Editing (KE) updates models. Existing KE datasets ignore overlaps.")
    assert "KE" not in got


def test_experiments_on_list_and_benchmark_called(extractor: Extractor) -> None:
    got = datasets(extractor, "Geo worlds",
                   "We propose GeoFoo. Extensive experiments on CrossTask and COIN demonstrate gains. "
                   "It also tops a new Chinese GUI benchmark called CAGUI.")
    assert got["CrossTask"][0] == "used" and got["COIN"][0] == "used"
    assert got["CAGUI"][0] == "introduced"


def test_paren_list_after_datasets_with_plain_word_item(extractor: Extractor) -> None:
    got = datasets(extractor, "Medical Segmentation",
                   "Our model reaches high Dice in three public datasets (QaTa-COV19, MosMedData and Breast).")
    assert {"QaTa-COV19", "MosMedData", "Breast"} <= set(got)


def test_benchmarks_such_as_types_oxford_comma_item(extractor: Extractor) -> None:
    got = datasets(extractor, "UI Agents",
                   "It sets new records on benchmarks such as ScreenSpot-Pro (69.6%), VenusBench-GD (75.0%), "
                   "and AndroidWorld (77.6%), outperforming previous models.")
    assert "AndroidWorld" in got


def test_shape_name_before_dataset_head_is_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Reasoning traces",
                   "Experiments on three models using the OLYMP2024 math benchmark reveal limits.")
    assert got["OLYMP2024"][0] == "used"


def test_score_on_name_is_dataset_and_known_split_trimmed(extractor: Extractor) -> None:
    got = datasets(extractor, "Safety monitors",
                   "AERIC improves AUROC from 0.68 to 0.71 on DiaSafety and from 0.82 to 0.85 on Harmful Advice. "
                   "Trigger recall reaches 0.64 on HarmBench DirectRequest.")
    assert {"DiaSafety", "Harmful Advice", "HarmBench"} <= set(got)
    assert "HarmBench DirectRequest" not in got
    assert "DirectRequest" not in methods_of(extractor, "Safety monitors",
                                             "Trigger recall reaches 0.64 on HarmBench DirectRequest.")


def methods_of(extractor: Extractor, title: str, abstract: str) -> set[str]:
    ex = extractor.extract(Paper(id="t", title=title, abstract=abstract))
    return {m.name for m in ex.of_type("method")}


def test_title_prefix_benchmarking_and_knowledge_base(extractor: Extractor) -> None:
    got = datasets(extractor, "UltraHorizon: Benchmarking Agent Capabilities in Long-Horizon Scenarios",
                   "We introduce \\textbf{UltraHorizon} a novel benchmark for agents.")
    assert got["UltraHorizon"][0] == "introduced"
    got = datasets(extractor, "GPTKB v1.5: A Massive Knowledge Base for Exploring Factual Knowledge",
                   "This demonstration introduces GPTKB v1.5, a knowledge base.")
    assert "GPTKB v1.5" in got


def test_arena_and_kb_shapes_are_datasets(extractor: Extractor) -> None:
    got = datasets(extractor, "Agents", "We evaluate agents on WebArena and ToolKB and report results.")
    assert {"WebArena", "ToolKB"} <= set(got)


def test_title_fragment_before_dataset_head_is_not_a_name(extractor: Extractor) -> None:
    got = datasets(extractor, "MatheMagic: Generating Dynamic Mathematics Benchmarks Robust to Memorization",
                   "We present MatheMagic, which generates math test instances.")
    assert "Generating Dynamic Mathematics" not in got
    got = datasets(extractor, "RankLLM: Weighted Ranking of LLMs by Quantifying Question Difficulty",
                   "Benchmarks establish a standardized evaluation framework.")
    assert "Quantifying Question Difficulty" not in got


def test_base_of_a_derived_dataset_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Contract QA",
                   "To evaluate it, we introduce CUAD-QA, a corpus of question-answer pairs generated over "
                   "510 real-world CUAD contract documents.")
    assert got["CUAD-QA"][0] == "introduced"
    assert got["CUAD"][0] == "used"


# -- generalisation rules (issue 3) ---------------------------------------------------------

def test_plural_head_governs_the_list_after_it(extractor: Extractor) -> None:
    got = datasets(extractor, "Face expressions",
                   "We utilized the synthetic datasets FaceGenA, SynFaceB, and EmoSet-Face BIG as unlabeled sources.")
    assert {"FaceGenA", "SynFaceB", "EmoSet-Face BIG"} <= set(got)
    assert got["FaceGenA"][0] == "used"  # "we utilized": used, not introduced
    got = datasets(extractor, "Speech enhancement",
                   "It wins on two out-of-domain datasets: NoiseSet 2021 and WHAMX_v3, while matching others.")
    assert {"NoiseSet 2021", "WHAMX_v3"} <= set(got)
    got = datasets(extractor, "Captioning",
                   "We evaluate on video captioning benchmarks (e.g., VCD, VDX, VTEX) and on NLP tasks.")
    assert {"VCD", "VDX", "VTEX"} <= set(got)


def test_plural_head_list_allows_plain_capitalised_items(extractor: Extractor) -> None:
    got = datasets(extractor, "Sentiment",
                   "Our model outperforms baselines across various datasets, including Amazon, Twitter, and SST.")
    assert {"Amazon", "Twitter"} <= set(got)


def test_introduce_verb_must_govern_the_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Speech enhancement",
                   "Our proposed model outperforms strong systems on two out-of-domain datasets: NoiseSet 2021 "
                   "and WHAMX_v3, while matching them elsewhere.")
    assert got["NoiseSet 2021"][0] == "used"


def test_hyphenated_name_typed_by_appositive_is_kept(extractor: Extractor) -> None:
    got = datasets(extractor, "Historical language models",
                   "To evaluate temporal consistency, we introduce History-Event, a benchmark suite for evaluating "
                   "competence.")
    assert got["History-Event"][0] == "introduced"


def test_task_and_domain_before_plural_head_are_not_datasets(extractor: Extractor) -> None:
    got = datasets(extractor, "GuideX: synthetic data",
                   "Fine-tuning with GuideX sets a new state of the art across seven Named Entity Recognition benchmarks. "
                   "We examine strategies for constructing privacy-preserving FER datasets.")
    assert "Named Entity Recognition" not in got and "FER" not in got
    got = datasets(extractor, "Exploring NLP Benchmarks in a Low-Resource Setting", "We translate data.")
    assert not got


def test_task_acronym_is_not_a_dataset_shape(extractor: Extractor) -> None:
    got = datasets(extractor, "Low-resource NLP",
                   "We create synthetic data for multiple-choice question answering (MCQA) by translation.")
    assert "MCQA" not in got


def test_machines_after_an_on_list_are_not_datasets(extractor: Extractor) -> None:
    got = datasets(extractor, "Graph foundation models",
                   "Our method was trained on five datasets and tested on the Perlmutter, Aurora, and Frontier "
                   "supercomputers, demonstrating scaling.")
    assert not {"Perlmutter", "Aurora", "Frontier"} & set(got)


def test_suite_of_models_is_not_a_dataset(extractor: Extractor) -> None:
    ex = extractor.extract(Paper(id="t", title="Ternary models",
                                 abstract="We introduce Spectra-1.1, an open suite of TriLMs trained on 1.2T tokens."))
    assert "Spectra-1.1" not in {m.name for m in ex.of_type("dataset")}
    assert "Spectra-1.1" in {m.name for m in ex.of_type("method")}


def test_acronym_of_a_data_product_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Algal blooms",
                   "Key sources include NOAA's High-Resolution Rapid Refresh (HRRR) climate data.")
    assert "HRRR" in got


def test_well_known_data_resources_in_gazetteer(extractor: Extractor) -> None:
    got = datasets(extractor, "Clinical concept annotation",
                   "We annotate SNOMED CT concepts and use Sentinel-2 imagery and the RockYou password list.")
    assert {"SNOMED CT", "Sentinel-2", "RockYou"} <= set(got)


def test_dataset_shape_after_article_or_typed_as_metric_is_not_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "A Shortcut-aware Video-QA Benchmark for Physical Understanding",
                   "We present a benchmark of minimal video pairs.")
    assert "Video-QA" not in got
    got = datasets(extractor, "Game generation",
                   "We propose AVR-Eval, a relative metric for multimedia content quality.")
    assert "AVR-Eval" not in got


def test_aime_years_are_separate_benchmarks(extractor: Extractor) -> None:
    got = datasets(extractor, "Dynamic clipping",
                   "Our method achieves 46.7 on the AIME24 benchmark and 23.3 on the AIME25 benchmark.")
    assert len([n for n in got if n.startswith("AIME")]) == 2


def test_broad_gazetteer_names_and_aliases(extractor: Extractor) -> None:
    got = datasets(extractor, "Prostate and polyp segmentation",
                   "We train on the PI-CAI challenge data and Kvasir-SEG, and link entities to Wikidata.")
    assert "PI-CAI" in got
    assert "Kvasir-SEG" in got["Kvasir"][1]
    assert "Wikidata" in got


def test_ambiguous_gazetteer_name_needs_a_dataset_cue(extractor: Extractor) -> None:
    got = datasets(extractor, "Robot autonomy",
                   "Our controller lets each vehicle DRIVE itself through dense traffic.")
    assert "DRIVE" not in got
    got = datasets(extractor, "Retinal vessel segmentation",
                   "Experiments on the DRIVE and STARE datasets show consistent gains.")
    assert "DRIVE" in got and "STARE" in got


def test_dataset_word_modifying_a_task_head_is_not_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Evading data provenance",
                   "Dataset Ownership Verification (DOV) has emerged as a way to detect unauthorized model training. "
                   "We evade DOV with a teacher-student transfer.")
    assert "DOV" not in got


def test_name_apposed_to_a_dataset_head_noun(extractor: Extractor) -> None:
    got = datasets(extractor, "Opinion cascades on social platforms",
                   "We model how opinions spread. To support this study, we release a new corpus, ThreadScope, "
                   "with 40,000 annotated discussion threads.")
    assert got["ThreadScope"][0] == "introduced"
    got = datasets(extractor, "Unsupervised attribution",
                   "On the standard benchmarks, KiQ and PolyRef, our method outperforms supervised baselines.")
    assert got["KiQ"][0] == "used" and got["PolyRef"][0] == "used"


def test_title_name_said_to_be_a_benchmark_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "CleanSQL: Repairing an Old Text-to-SQL Corpus",
                   "We present CleanSQL, a careful revision of a popular corpus. CleanSQL is released as an "
                   "LLM-ready benchmark with clean questions and queries.")
    assert got["CleanSQL"][0] == "introduced"


def test_benchmarking_framework_appositive_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Grounded report generation",
                   "We train a report generator. To assess it, we propose Caption Arena, a benchmarking framework "
                   "that uses language models as judges.")
    assert got["Caption Arena"][0] == "introduced"
    got = datasets(extractor, "Security of web agents",
                   "We present ShieldYard, an automated platform for systematic security evaluation of web agents.")
    assert got["ShieldYard"][0] == "introduced"


def test_list_after_a_head_noun_glued_by_a_dash(extractor: Extractor) -> None:
    got = datasets(extractor, "A small grounding model",
                   "Across five benchmarks-QVHighlights, TACoS, Charades-STA, MomentSet and ClipQA-one checkpoint "
                   "of our model sets a new state of the art.")
    for name in ("QVHighlights", "TACoS", "Charades-STA", "MomentSet", "ClipQA"):
        assert name in got, name
    assert not any(n.startswith("benchmarks") for n in got)


def test_name_wrapped_in_latex_bold_keeps_its_appositive(extractor: Extractor) -> None:
    got = datasets(extractor, "UrbanEye: Urban indicators from imagery",
                   r"In this work, we introduce $\textbf{UrbanEye}$, a comprehensive benchmark designed to evaluate "
                   "vision-language models on socioeconomic prediction.")
    assert got["UrbanEye"][0] == "introduced"


def test_person_name_before_a_concept_noun_is_no_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Market equilibria",
                   "The auction is equivalent to a linear Fisher market, and we compute its equilibrium "
                   "with a polynomial-time algorithm.")
    assert "Fisher" not in got


def test_task_acronym_is_not_the_vqa_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Fragile medical VLMs",
                   "To test whether closed-form VQA hides knowledge, models describe images instead.")
    assert not any(n.startswith("VQA") for n in got)


def test_repository_dataset_keeps_its_accession_number(extractor: Extractor) -> None:
    got = datasets(extractor, "Phoneme decoding from EEG",
                   "We train on the public OpenNeuro ds004279 recordings and report phoneme accuracy.")
    assert "OpenNeuro ds004279" in got


def test_latex_superscript_split_names_keep_the_superscript(extractor: Extractor) -> None:
    got = datasets(extractor, "Prior refinement for few-shot segmentation",
                   "Our method gains 2.1% mIoU in the 1-shot setting on PASCAL-5$^i$ and COCO-20$^{i}$ benchmarks.")
    assert "PASCAL-5$^i$" in got and "COCO-20$^{i}$" in got
    assert "COCO" not in got


def test_aime_years_written_without_a_space(extractor: Extractor) -> None:
    got = datasets(extractor, "Adaptive reasoning budgets",
                   "Our model reduces response length by 10% on the AIME2024 and AIME2025 datasets.")
    assert "AIME 2024" in got and "AIME 2025" in got


def test_known_dataset_with_a_variant_suffix_is_a_dataset(extractor: Extractor) -> None:
    got = datasets(extractor, "Agents that ask",
                   "We build a benchmark derived from ALFWorld-Hard with 300 tasks.")
    assert got["ALFWorld-Hard"][0] == "used"


def test_model_list_after_on_is_not_a_dataset_list(extractor: Extractor) -> None:
    ex = extractor.extract(Paper(id="t", title="Accent errors in speech recognition",
                                 abstract="Experiments on Whisper and Parakeet2.1 show the same error pattern."))
    assert "Parakeet2.1" not in {m.name for m in ex.of_type("dataset")}


def test_dataset_read_from_in_a_we_sentence_is_used(extractor: Extractor) -> None:
    got = datasets(extractor, "Stigma in chatbot replies",
                   "We analyze posts from the Peer Support Forum Archive (PSFA) dataset across four topics.")
    assert got["PSFA"][0] == "used"


@pytest.mark.parametrize("form,variants", [
    ("YouTube-8M", ["YouTube8M"]), ("CIFAR-10", ["CIFAR10"]), ("NYUDv2", ["NYUD-v2"]),
    ("MobileNetV2", ["MobileNet-V2"]), ("GPT-4o", ["GPT4o"]), ("BERT", []),
])
def test_hyphen_variants_where_letters_meet_digits(form: str, variants: list[str]) -> None:
    from kg.extract.names_scan import hyphen_variants

    assert hyphen_variants(form) == variants


def test_a_known_dataset_spelled_without_its_hyphen_is_still_a_dataset(extractor: Extractor) -> None:
    e = extractor.extract(Paper(id="t", title="A crowd monitor",
                                abstract="We pretrain on YouTube8M and test depth on NYUD-V2."))
    datasets = {m.name: m for m in e.of_type("dataset")}
    assert {"YouTube-8M", "NYU Depth V2"} <= set(datasets)
    assert "NYUD-V2" in datasets["NYU Depth V2"].aliases or datasets["NYU Depth V2"].text == "NYUD-V2"
    assert not {m.name for m in e.of_type("method")} & {"YouTube8M", "NYUD-V2"}


def test_classic_corpora_and_simulators_are_known(extractor: Extractor) -> None:
    e = extractor.extract(Paper(id="t", title="A supertagger",
                                abstract="We train on CCGbank and the British National Corpus, and test "
                                         "driving policies in the CARLA simulator."))
    assert {"CCGbank", "British National Corpus"} <= {m.name for m in e.of_type("dataset")}
    assert "CARLA" in {m.name for m in e.of_type("method")}
    assert "CCGbank" not in {m.name for m in e.of_type("method")}
