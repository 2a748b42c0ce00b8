"""Trains and cross-validates kg_hardware_roles, the learned re-scorer of hardware roles.

    python benchmarks/heldout/role_model.py            # leave-one-set-out table
    python benchmarks/heldout/role_model.py --write    # retrain kg/data/hardware_role_model.json
    ... --also my-labels.json=my-papers.jsonl            # add a set of your own (repeatable)

Data: every labelled hardware set here (``arxiv_hw_*.json`` with its ``.jsonl`` papers) and the
dev gold (``../shared/gold/dev.json`` over the bundled corpus). Each paper is extracted by kg's
pipeline without ``kg_hardware_roles``; each predicted hardware entry that ``score.py`` would
match to a gold entry becomes one example: :func:`kg.extract.hardware_roles.record_features`
of the entry, labelled with the gold role. The model is a multinomial logistic regression
(numpy, L2, full-batch Adam: deterministic for the same data).

Why the "clean" sets are reported apart: the role rules were tuned on the errors of most
labelled sets, so on those the rules look better than they are. Only sets whose role errors
were never read before the rules were frozen (H13-H16: the last round that touched roles,
round 6, was tuned on H12) compare the rules and the model fairly. Each set is predicted by a
model trained on all the others.

Needs ``../shared`` (the scorer and the dev gold); exits with a message when it is absent.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.extract.extractor import Extractor  # noqa: E402
from kg.extract.hardware_roles import MODEL_FILE, RoleModel, record_features  # noqa: E402
from kg.extract.nlp import MAX_TEXT_CHARS, build_nlp  # noqa: E402
from kg.ingest import read_sources  # noqa: E402
from kg.pipeline import bundled_corpus  # noqa: E402

HELD = ROOT / "benchmarks" / "heldout"
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
ROLES = ("targets", "evaluated_on", "compared_against", "mentioned")
#: weights below this (every role) are dropped from the written model: they move no decision
PRUNE = 0.005


def examples(score: Any, also: list[str] = ()) -> list[dict[str, Any]]:
    sets = [(Path(g).stem.replace("arxiv_hw_", ""), Path(g), str(Path(g).with_suffix(".jsonl")))
            for g in sorted(glob.glob(str(HELD / "arxiv_hw_*.json")))]
    sets.append(("dev", SHARED / "gold" / "dev.json", bundled_corpus()))
    for pair in also:  # a user's own labels: GOLD.json=PAPERS (any format kg reads)
        gold, sep, source = pair.partition("=")
        if not sep or not Path(gold).is_file() or not Path(source).is_file():
            sys.exit(f"--also {pair!r}: expected GOLD.json=PAPERS, two existing files")
        sets.append((Path(gold).stem, Path(gold), source))
    extractor = Extractor(build_nlp(exclude=("kg_hardware_roles",)))
    rows = []
    for tag, gold_path, source in sets:
        papers = list(read_sources([source]))
        by_title = {score.norm(ex.paper.title): (ex.paper, ex.to_record(evidence=True))
                    for ex in extractor.pipe(papers)}
        for g in json.loads(gold_path.read_text(encoding="utf-8")):
            if score.norm(g["title"]) not in by_title:
                continue
            paper, rec = by_title[score.norm(g["title"])]
            used: set[int] = set()
            for ge in g.get("hardware", []):
                keys = score.entity_keys("hardware", ge)
                for j, pe in enumerate(rec["hardware"]):
                    if j not in used and keys & score.entity_keys("hardware", pe):
                        used.add(j)
                        rows.append({"set": tag, "gold": ge["role"], "rule": pe["role"],
                                     "f": record_features(paper.text[:MAX_TEXT_CHARS], rec, pe)})
                        break
    return rows


def train(rows: list[dict[str, Any]], l2: float, iters: int = 400,
          lr: float = 0.1) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    vocab: dict[str, int] = {}
    for r in rows:
        for k in r["f"]:
            vocab.setdefault(k, len(vocab))
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for k, v in r["f"].items():
            x[i, vocab[k]] = v
    y = np.eye(len(ROLES))[[ROLES.index(r["gold"]) for r in rows]]
    w, b = np.zeros((len(vocab), len(ROLES))), np.zeros(len(ROLES))
    m, v2 = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, iters + 1):
        z = x @ w + b
        pr = np.exp(z - z.max(1, keepdims=True))
        pr /= pr.sum(1, keepdims=True)
        g = x.T @ (pr - y) / len(rows) + l2 * w / len(rows)
        m, v2 = 0.9 * m + 0.1 * g, 0.999 * v2 + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v2 / (1 - 0.999 ** t)) + 1e-8)
        b -= lr * (pr - y).mean(0)
    return vocab, w, b


def model_json(rows: list[dict[str, Any]], l2: float, threshold: float) -> dict[str, Any]:
    vocab, w, b = train(rows, l2)
    weights = {k: [round(float(x), 4) for x in w[i]] for k, i in sorted(vocab.items())
               if float(np.abs(w[i]).max()) >= PRUNE}
    return {"about": "kg_hardware_roles: logistic regression over role_features; "
                     "written by benchmarks/heldout/role_model.py --write",
            "trained_on": dict(sorted(collections.Counter(r["set"] for r in rows).items())),
            "l2": l2, "threshold": threshold, "roles": list(ROLES),
            "bias": [round(float(x), 4) for x in b], "weights": weights}


def cross_validate(rows: list[dict[str, Any]], clean: set[str], l2: float) -> None:
    group = {r["set"]: "clean" if r["set"] in clean else "dev" if r["set"] == "dev" else "tuned"
             for r in rows}
    prob: dict[int, np.ndarray] = {}
    for s in sorted(group):  # leave one set out, scored by the shipped inference code
        model = RoleModel.from_json(model_json([r for r in rows if r["set"] != s], l2, threshold=1.0))
        prob.update({i: np.array(model.probabilities(r["f"])) for i, r in enumerate(rows) if r["set"] == s})
    sizes = collections.Counter(group[r["set"]] for r in rows)
    cols = ("clean", "dev", "tuned")
    print("| role from | " + " | ".join(f"{g} ({sizes[g]})" for g in cols) + " |")
    print("|---|---:|---:|---:|")
    for label, thr in [("rules", None), ("model", 0.0)] + [
            (f"model where p >= {t}, else rules", t) for t in (0.5, 0.7, 0.9)]:
        hits: collections.Counter[str] = collections.Counter()
        for i, r in enumerate(rows):
            role = r["rule"]
            if thr is not None and prob[i].max() >= thr:
                role = ROLES[int(prob[i].argmax())]
            hits[group[r["set"]]] += role == r["gold"]
        print(f"| {label} | " + " | ".join(f"{hits[g] / sizes[g]:.3f}" for g in cols) + " |")
    for thr in (0.0, 0.5):
        won = lost = 0
        for i, r in enumerate(rows):
            if group[r["set"]] == "clean" and prob[i].max() >= thr:
                ok = ROLES[int(prob[i].argmax())] == r["gold"]
                won += ok and r["rule"] != r["gold"]
                lost += not ok and r["rule"] == r["gold"]
        print(f"clean sets, p >= {thr}: model right where the rules are wrong {won}, the reverse {lost}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clean", default="H13,H14,H15,H16", help="sets the role rules never saw")
    ap.add_argument("--l2", type=float, default=5.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true", help=f"train on all and write kg/data/{MODEL_FILE}")
    ap.add_argument("--also", action="append", default=[], metavar="GOLD.json=PAPERS",
                    help="another labelled set (guideline JSON and its papers); repeatable")
    a = ap.parse_args()
    if not (SHARED / "eval" / "score.py").is_file():
        sys.exit(f"needs {SHARED}/eval/score.py and {SHARED}/gold/dev.json (set KG_SHARED)")
    sys.path.insert(0, str(SHARED / "eval"))
    import score

    rows = examples(score, a.also)
    print(f"{len(rows)} matched hardware entries in {len({r['set'] for r in rows})} sets")
    if a.write:
        out = ROOT / "kg" / "data" / MODEL_FILE
        out.write_text(json.dumps(model_json(rows, a.l2, a.threshold), indent=0,
                                  ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    else:
        cross_validate(rows, set(a.clean.split(",")), a.l2)


if __name__ == "__main__":
    main()
