"""kg.evaluate: hand-computed scores on tests/data/gold_small.json, file errors, and
agreement with the reference scorer in ../shared (when present)."""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import FIELDS, TABLE_HEADER, evaluate, load_gold, load_predictions

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"

PRED = [
    {"title": "Alpha Net for Image Deblurring",
     "hardware": [{"name": "A100", "role": "evaluated_on"}, {"name": "CPU", "role": "mentioned"}],
     "datasets": [{"name": "MS-COCO", "aliases": [], "role": "introduced"}],
     "methods": [{"name": "Alpha Network", "aliases": [], "role": "proposed"},
                 {"name": "CLIP", "aliases": [], "role": "compared"},
                 {"name": "ResNet", "aliases": [], "role": "used"}],
     "techniques": ["transformer", "attention mechanism", "other: bar"],
     "tasks": ["single image deblurring", "image restoration"],
     "claims": [{"value": 2.52, "unit": "x"}, {"value": 10, "unit": "ms"}],
     "urls": ["http://www.github.com/a/alpha/"]},
    {"title": "beta:  fast LLM serving",
     "hardware": [{"name": "H100", "role": "targets"}],
     "datasets": [{"name": "ShareGPT", "aliases": [], "role": "used"}],
     "methods": [{"name": "Beta", "aliases": [], "role": "proposed"}],
     "techniques": ["large language model", "kv cache"],
     "tasks": ["llm serving"],
     "claims": [{"value": 1.93, "unit": "x"}],
     "urls": ["https://github.com/b/beta"]},
    {"title": "Delta (not in gold)", "techniques": ["pruning"]},
]

# (tp, fp, fn, role_accuracy) worked out by hand; see the comments in PRED's order.
EXPECTED = {
    "hardware": (2, 1, 1, 0.5),     # A100 ~ NVIDIA A100 (role ok), H100 (role wrong); CPU extra; GPU missed
    "datasets": (1, 1, 1, 0.0),     # MS-COCO ~ alias MSCOCO (role wrong); ShareGPT extra; MMLU (paper 3) missed
    "methods": (3, 1, 0, 2 / 3),    # Alpha Network ~ alias, CLIP (role wrong), Beta; ResNet extra
    "techniques": (3, 1, 2, None),  # other: ignored; diffusion model and quantization missed
    "tasks": (2, 1, 1, None),       # lenient: "single image deblurring" ~ "image deblurring"
    "claims": (1, 2, 2, None),      # 2.52 ~ 2.5 (within 1%); 10 ms != 10 %; 1.93 !~ 1.91
    "urls": (1, 1, 0, None),        # scheme, www, trailing slash ignored
}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_gold(DATA / "gold_small.json")


def test_hand_computed_scores(gold: list[dict]) -> None:
    report = evaluate(gold, PRED)
    assert report.papers == 3
    assert report.papers_missing_in_pred == 1
    for field, (tp, fp, fn, ra) in EXPECTED.items():
        s = report.fields[field]
        assert (s.tp, s.fp, s.fn) == (tp, fp, fn), field
        if ra is None:
            assert s.role_accuracy is None, field
        else:
            assert s.role_accuracy == pytest.approx(ra), field
    t = report.fields["techniques"]
    assert t.precision == pytest.approx(0.75)
    assert t.recall == pytest.approx(0.6)
    assert t.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_to_dict_and_table(gold: list[dict]) -> None:
    report = evaluate(gold, PRED)
    d = report.to_dict()
    assert list(d["fields"]) == list(FIELDS)
    assert d["fields"]["hardware"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                                       "tp": 2, "fp": 1, "fn": 1, "role_accuracy": 0.5}
    table = report.to_table()
    assert table[0] == list(TABLE_HEADER)
    assert table[1] == ["hardware", "0.667", "0.667", "0.667", "0.500", "2", "1", "1"]
    assert table[4][0] == "techniques" and table[4][4] == "-"
    json.dumps(d)  # serialisable


def test_differences_name_misses_and_extras(gold: list[dict]) -> None:
    diffs = {(d.title, d.field): d for d in evaluate(gold, PRED).differences}
    hw = diffs[("Alpha Net for Image Deblurring", "hardware")]
    assert hw.missed == ("GPU",) and hw.extra == ("CPU",)
    assert diffs[("Gamma", "techniques")].missed == ("quantization",)


def test_perfect_and_empty_predictions(gold: list[dict]) -> None:
    perfect = evaluate(gold, gold)
    assert all(s.fp == 0 and s.fn == 0 for s in perfect.fields.values())
    assert perfect.fields["hardware"].role_accuracy == 1.0
    empty = evaluate(gold, [])
    assert empty.papers_missing_in_pred == 3
    assert empty.fields["methods"].recall == 0.0 and empty.fields["methods"].precision == 0.0


def test_first_prediction_per_title_wins(gold: list[dict]) -> None:
    dup = [{"title": "Gamma", "techniques": ["quantization"]}, {"title": "GAMMA", "techniques": []}]
    assert evaluate(gold, dup).fields["techniques"].tp == 1


def test_load_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_gold(bad)
    bad.write_text('{"title": "x"}', encoding="utf-8")
    with pytest.raises(InputError, match="JSON list"):
        load_gold(bad)
    bad.write_text('[{"n": 1}]', encoding="utf-8")
    with pytest.raises(InputError, match="record 1 has no \"title\""):
        load_gold(bad)
    bad.write_text("[3]", encoding="utf-8")
    with pytest.raises(InputError, match="record 1 is int"):
        load_gold(bad)


def test_load_predictions_jsonl_and_list(tmp_path: Path) -> None:
    p = tmp_path / "pred.jsonl"
    p.write_text('{"title": "A"}\n\n{"title": "B"}\n', encoding="utf-8")
    assert [r["title"] for r in load_predictions(p)] == ["A", "B"]
    p.write_text('[{"title": "A"}]', encoding="utf-8")
    assert load_predictions(p) == [{"title": "A"}]
    p.write_text('{"title": "A"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"pred.jsonl:2: not JSON"):
        load_predictions(p)


def _reference_scorer():
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("kg_reference_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _perturbed(gold: list[dict]) -> list[dict]:
    """A deterministic, imperfect prediction set built from gold: drops, renames, role and
    value changes, extra entities, vendor-less hardware names, one paper left out."""
    pred = copy.deepcopy(gold)
    for i, p in enumerate(pred):
        for h in p.get("hardware") or []:
            if i % 2:
                h["name"] = h["name"].replace("NVIDIA ", "")
            if i % 3 == 0:
                h["role"] = "mentioned"
        if p.get("methods") and i % 4 == 0:
            p["methods"] = p["methods"][1:] + [{"name": "Bogus", "aliases": [], "role": "used"}]
        for m in p.get("methods") or []:
            if m.get("aliases") and i % 5 == 0:
                m["name"], m["aliases"] = m["aliases"][0], []
        if p.get("techniques") and i % 3 == 1:
            p["techniques"] = p["techniques"][:-1] + ["pruning"]
        for c in p.get("claims") or []:
            if i % 4 == 1:
                c["value"] = float(c["value"]) * 1.005
            elif i % 4 == 2:
                c["value"] = float(c["value"]) * 1.02
        if p.get("urls") and i % 2:
            p["urls"] = [u.rstrip("/") + "/" for u in p["urls"]] + ["https://example.org/x"]
    return [p for i, p in enumerate(pred) if i % 10 != 7]


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="../shared absent")
@pytest.mark.parametrize("which", ["small", "dev"])
def test_agrees_with_reference_scorer(which: str, gold: list[dict]) -> None:
    ref = _reference_scorer()
    if which == "small":
        g, pred = gold, PRED
    else:
        dev = SHARED / "gold" / "dev.json"
        if not dev.is_file():
            pytest.skip("dev gold absent")
        g = load_gold(dev)
        pred = _perturbed(g)
    expected, _ = ref.score(g, pred)
    ours = evaluate(g, pred).to_dict()
    assert ours["papers"] == expected["papers"]
    assert ours["papers_missing_in_pred"] == expected["papers_missing_in_pred"]
    for field, scores in expected["fields"].items():
        assert ours["fields"][field] == scores, field
