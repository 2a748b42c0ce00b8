"""kg_claims parsing: ranges, units, coordination, skipped sizes, hardware ties."""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.model import Paper


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def claims(ex, abstract: str, title: str = "A method"):
    return [(c.value, c.unit) for c in ex.extract(Paper(id="t", title=title, abstract=abstract)).claims]


@pytest.mark.parametrize("text,expected", [
    ("It achieves 41-137x speedup over GPU.", [(137.0, "x")]),
    ("It achieves 41-137times speedup.", [(137.0, "x")]),
    ("Speedups ranging from 2x to 13x on benchmarks.", [(13.0, "x")]),
    ("It reduces compute by 24-49\\%.", [(49.0, "%")]),
    ("Latency drops from 0.944s to 0.053s.", [(0.053, "s")]),
    ("It runs at 91.07fps with 80 ms latency.", [(91.07, "fps"), (80.0, "ms")]),
    ("Inference at 3.44 token/s on device.", [(3.44, "tokens/s")]),
    ("It needs only 2.09 GB of GPU memory.", [(2.09, "GB")]),
    ("Accuracy improves by up to +3.4%p.", [(3.4, "points")]),
    ("Performance on LongVideoBench improves by +4.30.", [(4.3, "points")]),
    ("Bandwidth scaled at 1.6 and 1.4 times every 2 years.", [(1.6, "x"), (1.4, "x")]),
    ("The codec works at 0.55 - 0.80 kbps.", [(0.8, "other")]),
    ("It is 3.65 sim 39.14times faster.", [(39.14, "x")]),
    ("We obtain 77. 7% accuracy on the test set.", [(77.7, "%")]),
    ("It is $7.5\\times$ smaller and reduces FLOPs by 22.68$\\times$.", [(7.5, "x"), (22.68, "x")]),
    ("We gain $+25.28$ in Dynamic Degree and +0.6 mAP over it.", [(25.28, "points"), (0.6, "points")]),
    ("Our solver was x40.0 faster, a speed-up of x15.11 over the CPU version.", [(40.0, "x"), (15.11, "x")]),
    ("Both reach ~50K tokens/second of throughput.", [(50000.0, "tokens/s")]),
    ("We exceed the leader by >7.0 absolute points.", [(7.0, "points")]),
    ("We reach 75.4% vs. 74.2% for the baseline, e.g. 4x fewer errors.", [(75.4, "%")]),
    ("We evaluate on 2.5 hours of diverse audio data.", []),
    ("We test on 300W-LP and AFLW2000.", []),
])
def test_parse(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text", [
    "The dataset contains over 3 million examples in 3,000 categories.",
    "A model with 7B parameters released in 2023 [12].",
    "Audio is sampled at 16 kHz and 48 kHz.",
    "We serve Mixtral 8x7B on 8x A100 with 80GB GPUs.",
    "Training on 8TB of data.",
    "ResNet-152 and Inception-v3 are used.",
])
def test_not_claims(ex, text):
    assert claims(ex, text) == []


def test_hardware_tie(ex):
    e = ex.extract(Paper(id="t", title="A method", abstract=(
        "We reach 91.07fps on one RTX4090. Our stream batch gives a 1.5x speedup. "
        "It is 3.7x faster than a DGX H100.")))
    by_value = {c.value: c for c in e.claims}
    assert by_value[91.07].hardware == "NVIDIA RTX 4090"
    assert by_value[1.5].hardware is None
    assert by_value[3.7].hardware is None  # only a baseline, no own target platform
    assert by_value[91.07].text and by_value[91.07].evidence.extractor == "kg_claims.regex"


def test_title_numbers_not_duplicated(ex):
    assert claims(ex, "DTD removes 80% of tokens.", title="80% of Tokens are Redundant") == [(80.0, "%")]


def test_background_costs_before_own_work_are_not_claims(ex):
    text = ("Kernel launch overhead alone can account for 14.6% of inference time. "
            "Compute has been scaling at 3.0x every 2 years. We propose X, which is 2x faster.")
    assert claims(ex, text) == [(3.0, "x"), (2.0, "x")]


# -- rules added from the arxiv_hw_H error analysis --------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # slash lists: each value, sharing the trailing unit
    ("Our models achieve 77.73%/78.45% AP50 on DOTA.", [(77.73, "%"), (78.45, "%")]),
    ("They run at 4.45/5.01/6.68 ms on one card.", [(4.45, "ms"), (5.01, "ms"), (6.68, "ms")]),
    # a bare number named by the metric after it
    ("The models reach 52.9/54.3 mAP on COCO.", [(52.9, "other"), (54.3, "other")]),
    ("It yields a 5.5 PSNR gain.", [(5.5, "other")]),
    # named metrics without a unit, even after "with ... of"
    ("It reaches AUC scores of 0.880 on faces.", [(0.88, "other")]),
    ("It performs well, with MAE of 0.77 bpm on PURE.", [(0.77, "other")]),
    ("It achieves a real-time factor of 0.0078.", [(0.0078, "other")]),
    # "a factor of N" is a speedup
    ("It accelerates computations by a factor of 6 on GPU.", [(6.0, "x")]),
    # spelled-out percentage points
    ("It shows an average gain of six percentage points.", [(6.0, "points")]),
    # small sizes in KB are reported with unit other
    ("The classifier adds only 13.5 KB to the pipeline.", [(13.5, "other")]),
])
def test_h_rules(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,absent", [
    ("It gives a 6x improvement over our prior in-house router at 9.1%.", (9.1, "%")),  # the baseline's value
    ("We train on an NVIDIA H100 80GB and report quality.", (80.0, "GB")),             # memory of the card
    ("We sample K=128 points per helix.", (128.0, "points")),                          # a variable's setting
    ("It beats baseline LLMs more than 10 times its size.", (10.0, "x")),               # a model size ratio
    ("Accuracy is 97.3% at a 5 bpm threshold.", (5.0, "other")),                       # a threshold setting
    ("It improves by +0.2 mAP.", (0.2, "other")),                                      # signed: points, not other
])
def test_h_skips(ex, text, absent):
    assert absent not in claims(ex, text)


@pytest.mark.parametrize("text,expected", [
    ("It cuts latency from 4{,}918\\,ms to 127\\,ms (\\textbf{38.7$\\times$}).", [(127.0, "ms"), (38.7, "x")]),
    ("Our method improves accuracy by $\\mathbf{26.7}\\%$.", [(26.7, "%")]),
    ("We reduce E2E latency (127$\\to$62\\,ms, \\textbf{2.0$\\times$}).", [(62.0, "ms"), (2.0, "x")]),
])
def test_latex_number_formatting(ex, text, expected):
    got = claims(ex, text)
    for e in expected:
        assert e in got


# -- generalisation rules (H4/H5 error classes) -------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # a metric named before its unit-less value
    ("Feature KD yields a Mean Tree IoU of 0.106 and Instance Precision of 0.55.", [(0.106, "other"), (0.55, "other")]),
    ("The model reaches a GLUE score of 85.1.", [(85.1, "other")]),
    ("All models converge to BERTScore approximately 0.75 and chrF++ greater than 23.", [(0.75, "other"), (23.0, "other")]),
    # ... or after it
    ("It localizes anomalies with 0.99 AUROC on the benchmark.", [(0.99, "other")]),
    # unit-less scores, rates and costs with their own unit words
    ("Nacrith achieves 0.9389 bpb on enwik8.", [(0.9389, "other")]),
    ("The tutor was localized in only 3 person-days.", [(3.0, "other")]),
    ("The total implementation cost of 32,983 BDT is low.", [(32983.0, "other")]),
    # a rank of the system
    ("Our model ranks 7th out of 26 models on TR-MTEB.", [(7.0, "other")]),
    ("The system placed 5th in crosslingual and 10th in multilingual retrieval.", [(5.0, "other"), (10.0, "other")]),
    # a unit-less "from A to B": only the new value
    ("Fine-tuning raises the correlation from 0.51 to 0.68.", [(0.68, "other")]),
    ("It improves the VBench score from 84.0 (Wan2.2) to 91.2.", [(91.2, "other")]),
    # a small parameter count given as the result
    ("Our models with only 0.65M parameters run in real time.", [(0.65, "other")]),
    # signed points after "by up to"; "+3.4%p" keeps its decimals
    ("Quality improves by up to +0.39 over the baseline.", [(0.39, "points")]),
    ("Accuracy improves by up to +3.4%p and +5.96 on OVOBench.", [(3.4, "points"), (5.96, "points")]),
    # a value followed by a unit is not also a bare metric value
    ("It reaches an accuracy of 85% on the test set.", [(85.0, "%")]),
])
def test_generalisation_rules(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,absent", [
    # a competition placing, a year range, a model-size descriptor
    ("The procedure yields 2nd place in the aggregate Brain-Score 2022 competition.", [2.0, 2022.0]),
    ("We collected posts from 2019 to 2023 and measured 12% gains.", [2019.0, 2023.0]),
    ("We fine-tune a 7B parameter model and get 12% gains.", [7.0]),
    # the baseline's value in parentheses after the system it is compared with
    ("Nacrith achieves 0.9389 bpb, surpassing ts_zip (~1.11 bpb) by 15%.", [1.11]),
    ("Correlations of 77.55% surpass the 300M-parameter teacher model (73.84%/72.92%).", [73.84, 72.92]),
    # the old value of "from A (...) to B"
    ("The Shadow Agent boosts performance from 74% (Naive RAG) to mastery level (90%).", [74.0]),
    # an example of other systems' results
    ("Recent models leap forward, e.g., nearly 70% success on AndroidWorld. We build OpenMobile.", [70.0]),
])
def test_generalisation_skips(ex, text, absent):
    values = [v for v, _u in claims(ex, text)]
    assert not any(a in values for a in absent), values


@pytest.mark.parametrize("text,expected", [
    # in "(69.4% vs 48.0%)" the first value is the paper's own
    ("It significantly outperforms the GRPO baseline (69.4% vs 48.0%) on post-training.", [(69.4, "%")]),
    # "less than 160GB (20x compression)" compares with no system
    ("QMoE compresses the model to less than 160GB (20x compression).", [(160.0, "GB"), (20.0, "x")]),
])
def test_own_value_in_parentheses(ex, text, expected):
    assert claims(ex, text) == expected


# -- rules added from the arxiv_hw_H6 error analysis -------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # "percentage point" (singular) is points, not a percentage
    ("It incurs only a 0.5 percentage point drop in mAP.", [(0.5, "points")]),
    # energy per item in micro-, nano- and picojoules
    ("Only \\textbf{11.7} microjoules ($\\upmu$J) are required for one pixel.", [(11.7, "other")]),
    ("Each inference costs 3.2 nJ on the chip.", [(3.2, "other")]),
    # a parameter count in thousands is a small model's result, even after "with"
    ("With 374K parameters it runs in real time.", [(374.0, "other")]),
    # a spelled factor with a comparison
    ("It can reduce memory usage by up to ninefold.", [(9.0, "x")]),
    ("It delivers a greater than threefold training speedup.", [(3.0, "x")]),
    # a fraction of a baseline's cost
    ("Our model boasts only one-third the parameters of TransReID.", [(1 / 3, "x")]),
    ("It needs only a quarter of the parameters of LLM-CXR.", [(0.25, "x")]),
    # a bare decimal the paper reports against a baseline's by "versus"
    (("Tuned SLMs reach 0.92 on the Biographical benchmark versus 0.83 for GPT-5.4, "
      "and 0.833 versus 0.578 on the literary average."), [(0.92, "other"), (0.833, "other")]),
])
def test_h6_rules(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text", [
    # a spelled factor with no comparison, a fraction of a population, a fraction of a unit
    "Our contributions are threefold: a dataset and a model.",
    "We find that roughly one-third of layers degenerate into a single expert.",
    "The relighting runs in under a tenth of a second per image.",
    # a bare decimal against a number of another magnitude, or without an own result verb
    "Prior work reported 0.35 versus 12.5 on the two splits.",
    "The mAP at 0.50 of the old model was 0.95 versus 0.908.",
])
def test_h6_not_claims(ex, text):
    assert claims(ex, text) == []


@pytest.mark.parametrize("text,absent", [
    # a spec in parentheses right after a hardware name
    ("On the high-bandwidth H200 (4.8 TB/s), the gain is 2x.", (4.8, "other")),
    # problem settings: an outlier ratio in parentheses, a quantization bit-width
    ("It solves severely corrupted (99% outlier ratio) problems under 0.5 seconds.", (99.0, "%")),
    ("Models degrade at ultra-low bit-widths (2-4 bits), while ours gains 3%.", (4.0, "other")),
    # a slice of the data, not a result
    ("Stabilization on the 21.3% of questions where evidence is present reaches 95.2% accuracy.", (21.3, "%")),
])
def test_h6_skips(ex, text, absent):
    assert absent not in claims(ex, text)


def test_h6_measured_power_after_hardware_is_kept(ex):
    # a measurement in parentheses after a hardware name is a result, unlike its spec
    assert (18.7, "W") in claims(ex, "We deploy the model on Jetson Orin Nano (18.7W peak).")


def test_h6_result_restated_in_a_later_sentence_is_one_claim(ex):
    text = ("It attains 4.73% gap on TSP-442 within 30s. "
            "Optimizations reduce the pcb442 gap from 36% to 4.73%.")
    assert claims(ex, text) == [(4.73, "%"), (30.0, "s")]
    # the same value for two systems in one sentence, or for another metric, stays
    assert claims(ex, "Mistral improved from 72% to 81%, and MedGemma improved from 71% to 81%.") == \
        [(81.0, "%"), (81.0, "%")]
    assert claims(ex, "We beat it by 10.1-36.6% for VP. We beat it by 14.5-36.6% for ABR.") == \
        [(36.6, "%"), (36.6, "%")]


# -- H7 classes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # "between A and B": one range, the upper bound
    ("Our optimizations achieve a speed-up between 1.4x and 2.0x at production scale.", [(2.0, "x")]),
    # R2 and MedAE name their unit-less values
    ("The twin reaches R2 = 0.98 and maintains R2 > 0.95 for solar output.", [(0.98, "other"), (0.95, "other")]),
    ("It achieves MedAE 17.1 deg for rotation.", [(17.1, "other")]),
    # compute, energy and carbon costs, and a throughput in items per hour
    ("Using this framework, we invested over 12,000 GPU-days to build the dataset.", [(12000.0, "other")]),
    ("It consumes 0.36 kWh and emits < 1.2 kg CO2e.", [(0.36, "other"), (1.2, "other")]),
    ("LitePath processes 208 slides per hour.", [(208.0, "other")]),
    # a small parameter count after "only ~"
    ("Our model is lightweight, containing only $\\sim$500 parameters.", [(500.0, "other")]),
    # a dollar amount (not LaTeX math)
    ("It uses only 7,000 samples and a $42 training cost.", [(42.0, "other")]),
    # "(A vs. B)" after a metric: A is the paper's
    ("It has a substantially higher F1 score (0.73 vs. 0.06).", [(0.73, "other")]),
])
def test_h7_claims(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,absent", [
    ("SDD-YOLO introduces a detection head operating at 4 times downsampling.", (4.0, "x")),
    ("The twin preserves accuracy after 50 % sensor loss.", (50.0, "%")),
    ("We reach 2.79%, outperforming the previous real-time method, which had an error rate of 3.05%.", (3.05, "%")),
    ("Our MSE is 0.089, compared to Shap-e's MSE of 0.147.", (0.147, "other")),
    ("It reduces all inputs to ${\\sim}$512 tokens.", (512.0, "other")),
    ("It uses $17,529\\pm 1,650$ data points.", (17.0, "other")),
    ("It cuts pre-training costs from over 500 GPU-hours to under 30 GPU-hours.", (500.0, "other")),
])
def test_h7_skips(ex, text, absent):
    assert absent not in claims(ex, text)


@pytest.mark.parametrize("text,expected", [
    # a score moved to a new value with an arrow: the new value (LaTeX, ASCII and Unicode arrows)
    ("It improves GenEval (0.73$\\rightarrow$0.90) and ImgEdit 3.38$\\rightarrow$3.75.",
     [(0.9, "other"), (3.75, "other")]),
    ("Perplexity falls by 25.1% (8.08->6.06).", [(25.1, "%"), (6.06, "other")]),
    ("Robustness degrades only slightly (5.17% -> 5.63%).", [(5.63, "%")]),
    ("It yields substantial gains (20.4% → 37.7%) for Qwen-3.", [(37.7, "%")]),
    # the rest of a named metric's list, and the upper bound of its range
    ("Experiments yield median Dice scores of 0.968 and 0.910 for the two structures.",
     [(0.968, "other"), (0.91, "other")]),
    ("FLiD achieves AUC scores of 0.880 (face), 0.954 (text), and 0.923 (both-field attacks).",
     [(0.88, "other"), (0.954, "other"), (0.923, "other")]),
    ("Path-based methods reach F1 scores of 0.36 for WUPALMER and 0.28 for LCH, while others do better.",
     [(0.36, "other"), (0.28, "other")]),
    ("It keeps high detection performance (event-level F1 = 0.8-0.9).", [(0.9, "other")]),
    ("It reaches IoU values between 0.784 and 0.875 on the test logs.", [(0.875, "other")]),
    # signed values: a named delta, a minus sign inside parentheses
    ("It has the largest gains in PPL (Delta = -49.77) and BERTScore (Delta = +0.3287).",
     [(-49.77, "other"), (0.3287, "other")]),
    ("It has lower temporal (-20 ms) and spatial errors (-20 mm) than the RGB model.",
     [(-20.0, "ms"), (-20.0, "other")]),
    # lengths and rates are units; a rate in Hz needs a result cue
    ("It yields Hausdorff distances of 0.998 mm and 2.931 mm, respectively.", [(0.998, "other"), (2.931, "other")]),
    ("Our lightweight architecture achieves 173 Hz inference on consumer-grade GPUs.", [(173.0, "other")]),
    ("The model reaches a higher effective frame rate (1 kHz) than RGB models.", [(1.0, "other")]),
    ("It allows accurate simulation at haptic interactive rates (0.5-1kHz).", [(1.0, "other")]),
    # results in words
    ("Our model reduces model size by over two orders of magnitude.", [(100.0, "x")]),
    ("Online predictions are roughly three orders of magnitude cheaper than simulation.", [(1000.0, "x")]),
    ("The energy consumption of a single query drops by half.", [(50.0, "%")]),
    ("Fact-Hash saves memory usage by over one-third while maintaining the PSNR values.", [(100 / 3, "%")]),
    # a small parameter count after "only up to"
    ("Variations of this version, with only up to 597 trainable parameters, are the best.", [(597.0, "other")]),
    # a factor before "parameter reduction", a range whose bounds are signed
    ("StripDet achieves a 7x parameter reduction over the baseline.", [(7.0, "x")]),
    ("The gap grows from +1.7% to +7.2% across lengths.", [(7.2, "%")]),
])
def test_h8_claims(ex, text, expected):
    assert [(round(v, 4), u) for v, u in claims(ex, text)] == [(round(v, 4), u) for v, u in expected]


@pytest.mark.parametrize("text,expected", [
    # the sides of a size
    ("It captures synchronized RGB and depth frames, 640 x 480 x 3 and 640 x 480 pixels.", []),
    ("The mutual information decreases to $5.07 \\times 10^{-7}$ bits.", []),
    # rates in Hz without a result cue are settings
    ("We enable FlexiCodec to support inference-time controllable frame rates between 3Hz and 12.5Hz.", []),
    ("There is a mismatch between speech tokens (25Hz) and text tokens (~3Hz).", []),
    # an old value followed by its setting before "to"
    ("Throughput improved from 2.5 FPS for the single-threaded pipeline to 4.5 FPS for the multi-threaded one.",
     [(4.5, "fps")]),
    # the memory of the GPU named after it; an evaluation threshold; a slice of the data
    ("We fine-tune it on a single 24 GB consumer GPU.", []),
    ("Quantized accuracy was evaluated using IoU >= 50% for YOLOX.", []),
    ("NER is fundamental to extracting information from the >80% of healthcare data that resides in notes.", []),
    # "by half-space", "spanning four orders of magnitude in scale": no results
    ("Indoor environments are dominated by half-space obstacles.", []),
    ("We study models spanning four orders of magnitude in scale.", []),
    # the "-" of "BLEU-4" is no minus sign
    ("It performs well across metrics (BLEU-4, METEOR, ROUGE-L, and CIDEr).", []),
])
def test_h8_skips(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a mean and its spread: the mean is the claim, with the unit written after the spread
    ("LETT-NeXt completed CPU inference in 6.9 $\\pm$ 3.0 s per case.", [(6.9, "s")]),
    ("It runs in 6.9 ± 3.0 s per case.", [(6.9, "s")]),
    ("It reaches 81.2 +/- 0.4% accuracy.", [(81.2, "%")]),
    ("We get 41.3±0.2 mAP on the test split.", [(41.3, "other")]),
    # milliwatts are not watts: the value as written, unit other (as mJ)
    ("Tracking runs with an average power consumption below 5 mW per eye.", [(5.0, "other")]),
    ("It draws 2.5 W while tracking.", [(2.5, "W")]),
])
def test_spread_after_a_mean_and_milliwatts(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a metric named by its acronym (defined or not) before a unit-less value
    ("It achieves a Dice Similarity Coefficient (DSC) of 79.4 on validation.", [(79.4, "other")]),
    ("On the test set it reaches a DSC of 73.9 and an NSD of 67.3.", [(73.9, "other"), (67.3, "other")]),
    # exposure fractions are capture settings, not two durations each; "1/8x" is one factor
    ("Videos were captured with exposure times of 1/24, 1/60 and 1/120 s.", []),
    ("The T-DVAE gives similar reconstruction with only 1/8x the computational cost of the VAE.", [(0.125, "x")]),
    ("It reaches 4.45/5.01/6.68 ms per frame.", [(4.45, "ms"), (5.01, "ms"), (6.68, "ms")]),
    # a compute cost with a thousands suffix or words before its unit; a dollar cost in thousands
    ("Training requires just 59.4K H100 GPU hours (\\$148K) in total.", [(59.4, "other"), (148.0, "other")]),
    ("All runs fit under 27 total GPU-hours.", [(27.0, "other")]),
    # the version of the compared system is no factor
    ("It achieves up to 1.3$\\times$ speedup over cuDNN 9.13 and 2.7$\\times$ over Triton.", [(1.3, "x"), (2.7, "x")]),
    # signs the source lost: a spread after a mean, a times sign
    ("CA-DSSL reaches 62.7 0.5% linear-probe accuracy.", [(62.7, "%")]),
    # (read where the text holds another number with a unit: the stripped factor is not in the gate)
    ("It reaches 2.3 the mAP of random initialization and runs 1.8 faster at 30 fps.",
     [(2.3, "x"), (1.8, "x"), (30.0, "fps")]),
    ("We use 10 fewer layers.", []),
    # a memory use is a result, not a size
    ("It finished with a peak memory use of 3.6 GB.", [(3.6, "GB")]),
])
def test_h9_claims(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a memory amount after a usage or budget cue is a result, not the spec of the GPU after it
    ("Our compact captioner uses less than 2GB GPU memory at inference.", [(2.0, "GB")]),
    ("The adapter lets a 30B model be tuned within a single 48GB GPU.", [(48.0, "GB")]),
    # "N-times" is a factor like "N-fold"; "twice" is a factor of 2 when it compares
    ("Our student beats a 50-times larger teacher.", [(50.0, "x")]),
    ("The new sampler is twice as fast as the old one.", [(2.0, "x")]),
    ("It matches the dense model at twice the throughput.", [(2.0, "x")]),
])
def test_memory_use_and_factor_words(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text", [
    "We train on a single 24 GB consumer GPU.",
    "Training uses four A40 GPUs (48 GB VRAM each).",
    "We run the pipeline twice with different seeds.",
])
def test_memory_specs_and_repeats_are_not_claims(ex, text):
    assert claims(ex, text) == []


@pytest.mark.parametrize("text,expected", [
    # microseconds, also written in LaTeX
    ("Our kernel answers a query in under 80$\\mu$s on one GPU.", [(80.0, "other")]),
    ("Our kernel answers a query in 35 µs.", [(35.0, "other")]),
    # an angular error is a result
    ("Our tracker reaches a 2.35-degree mean error on the test split.", [(2.35, "other")]),
    # a spelled magnitude followed by the new value: the value is the claim
    ("We cut the tuning cost by three orders of magnitude to ~40 GPU hours.", [(40.0, "other")]),
])
def test_round6_units_and_restated_values(ex, text, expected):
    assert claims(ex, text) == expected


@pytest.mark.parametrize("text", [
    "Our classifier reaches high accuracy in 10-fold cross-validation.",
    "We report results of 5-fold stratified cross-validation.",
])
def test_k_fold_cross_validation_is_a_setting(ex, text):
    assert claims(ex, text) == []
