"""kg_hardware_roles: features, the override rule, and training/inference agreement."""
from __future__ import annotations

import pytest

from kg.extract.extractor import Extractor
from kg.extract.hardware_roles import (EXTRACTOR, RoleModel, mention_features, record_features,
                                       rescore, role_features)
from kg.extract.nlp import MAX_TEXT_CHARS, build_nlp
from kg.extract.vocab import load_json
from kg.model import Evidence, Mention, Paper

TEXT = ("FastThing: real-time detection on a Jetson Orin\n"
        "We propose FastThing. It reaches 30 fps on a Jetson Orin. GPUs are common.")


def test_features_read_the_sentences_that_name_the_hardware() -> None:
    f = role_features(TEXT, name="NVIDIA Jetson Orin", mention="Jetson Orin", role="targets",
                      extractor="kg_hardware.alias.targets", hw_class="edge device",
                      quantity=None, n_hardware=2, claim_on_it=True)
    assert {"rule=targets", "extrole=kg_hardware.alias.targets", "ext=alias",
            "cls=edge device", "nhw=2", "claim_hw", "pos=title", "pos=mid", "nsent=2",
            "b:on", "b:fps", "s_num", "s:reaches"} <= set(f)
    assert "qty" not in f and "pos=last" not in f and "s:common" not in f
    assert set(f.values()) == {1.0}


def test_features_window_is_six_words_each_side() -> None:
    text = "Title\nOne two three four five six seven eight on a GPU then a b c d e f g h."
    f = role_features(text, name="GPU", mention="GPU", role="evaluated_on",
                      extractor="kg_hardware.class.evaluated_on", hw_class="GPU",
                      quantity=4, n_hardware=9, claim_on_it=False)
    assert {"b:seven", "b:eight", "b:on", "b:a", "b:five", "b:six"} <= set(f)
    assert "b:four" not in f
    assert {"a:then", "a:a", "a:e"} <= set(f) and "a:f" not in f and "a:gpu" not in f
    assert {"qty", "nhw=4", "pos=first", "nsent=1"} <= set(f)  # first wins over last


def _tiny(threshold: float) -> RoleModel:
    # "s:overhead" pushes hard towards mentioned; nothing else has weight
    return RoleModel.from_json({"roles": ["targets", "evaluated_on", "compared_against", "mentioned"],
                                "bias": [0, 0, 0, 0], "threshold": threshold,
                                "weights": {"s:overhead": [0, 0, 0, 4.0]}})


def _gpu(role: str) -> Mention:
    return Mention(type="hardware", name="GPU", role=role, text="GPU",
                   evidence=Evidence("s", 10, 13, f"kg_hardware.class.{role}", 0.85),
                   attrs={"hw_class": "GPU"})


def test_model_overrides_only_when_sure() -> None:
    text = "T\nThis cuts the GPU memory overhead."
    m = _gpu("evaluated_on")
    rescore([m], text, [], _tiny(0.9))
    assert m.role == "mentioned"
    assert m.evidence.extractor == f"{EXTRACTOR}.mentioned"
    assert m.evidence.confidence == pytest.approx(0.948, abs=1e-3)  # e^4 / (e^4 + 3)
    unsure = _gpu("evaluated_on")
    rescore([unsure], text, [], _tiny(0.99))
    assert unsure.role == "evaluated_on"
    assert unsure.evidence.extractor == "kg_hardware.class.evaluated_on"


def test_model_agreeing_with_rules_leaves_evidence_alone() -> None:
    m = _gpu("mentioned")
    rescore([m], "T\nThis cuts the GPU memory overhead.", [], _tiny(0.5))
    assert m.role == "mentioned" and m.evidence.extractor == "kg_hardware.class.mentioned"


@pytest.mark.parametrize("bad,msg", [
    ({"bias": [0, 0]}, "weight vectors"),
    ({"weights": {"x": [1]}}, "weight vectors"),
    ({"threshold": 0}, "threshold"),
    ({"threshold": 1.5}, "threshold"),
])
def test_model_file_is_checked(bad: dict, msg: str) -> None:
    data = {"roles": ["a", "b", "c", "d"], "bias": [0, 0, 0, 0], "threshold": 0.5,
            "weights": {"x": [0, 0, 0, 1]}, **bad}
    with pytest.raises(ValueError, match=msg):
        RoleModel.from_json(data)


def test_shipped_model_uses_the_guideline_roles() -> None:
    model = RoleModel.from_json(load_json("hardware_role_model.json"))
    assert set(model.roles) == {"targets", "evaluated_on", "compared_against", "mentioned"}
    assert len(model.weights) > 100


def test_component_runs_after_claims() -> None:
    names = build_nlp().pipe_names
    assert names.index("kg_hardware_roles") == names.index("kg_claims") + 1


def test_training_and_inference_see_the_same_features() -> None:
    """The trainer reads records (kg extract's JSON); the component reads Mentions."""
    paper = Paper(id="t", title="EdgeSeg: segmentation on a Jetson Orin",
                  abstract="We propose EdgeSeg, which runs at 40 fps on a Jetson Orin and "
                           "2x faster than on 4 RTX 4090 GPUs. Training used an A100.")
    ex = Extractor(build_nlp(exclude=("kg_hardware_roles",))).extract(paper)
    rec = ex.to_record(evidence=True)
    text = paper.text[:MAX_TEXT_CHARS]
    hardware = ex.of_type("hardware")
    on_hw = {c.hardware for c in ex.claims if c.hardware}
    assert len(hardware) >= 3 and on_hw
    for m, item in zip(hardware, rec["hardware"], strict=True):
        assert mention_features(text, m, len(hardware), on_hw) == record_features(text, rec, item)


def test_guideline_example_of_a_mere_mention() -> None:
    """GUIDELINE.md: "GPU memory overhead" is a background mention. The rules read this
    motivation sentence as a test bed (evaluated_on); the model overrides them."""
    paper = Paper(id="t", title="ShardTune: sharing adapters",
                  abstract="Large models need lighter finetuning methods to reduce the explosive "
                           "GPU memory overhead when many customized models are served "
                           "simultaneously. We propose ShardTune, which shares low-rank shards "
                           "across layers.")
    rules = Extractor(build_nlp(exclude=("kg_hardware_roles",))).extract(paper)
    assert [m.role for m in rules.of_type("hardware")] == ["evaluated_on"]
    gpu = next(m for m in Extractor().extract(paper).of_type("hardware") if m.name == "GPU")
    assert gpu.role == "mentioned"
    assert gpu.evidence.extractor == "kg_hardware_roles.mentioned"
    assert 0.5 <= gpu.evidence.confidence < 1
