"""Extraction quality on every labelled set we have, as one Markdown table.

    python benchmarks/bench_heldout.py [--sets dev,T,H,...]

Sets: the dev labels in ../shared/gold/dev.json (skipped when ../shared is absent) and the
hand-labelled arXiv sets in benchmarks/heldout/ (see its README: which were tuned on, which
were blind when scored). Scoring is kg.evaluate, which matches ../shared/eval/score.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "heldout"
SHARED = ROOT.parent / "shared"

FIELDS = ("hardware", "datasets", "methods", "techniques", "claims", "urls")
#: What each family of arXiv sets labels; the other fields are left empty there, so scoring
#: them would count every prediction as a false positive.
LABELLED = {"arxiv_hw": {"hardware", "claims"},
            "arxiv_names": {"datasets", "methods", "techniques", "urls"}}


def label_sets() -> list[tuple[str, Path, list[str]]]:
    """(name, gold file, sources) for every set present."""
    sets: list[tuple[str, Path, list[str]]] = []
    dev = SHARED / "gold" / "dev.json"
    if dev.is_file():
        sets.append(("dev (bundled corpus, 102 papers)", dev, []))
    for gold in sorted(HELDOUT.glob("arxiv_*.json")):
        src = gold.with_suffix(".jsonl")
        if src.is_file():
            sets.append((gold.stem, gold, [str(src)]))
    return sets


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", help="comma-separated names (prefix match); default: all")
    args = ap.parse_args()
    from kg.evaluate import evaluate, load_gold
    from kg.pipeline import extract_records

    wanted = [s.strip() for s in args.sets.split(",")] if args.sets else None
    print("| set | papers | " + " | ".join(f"{f} F1" for f in FIELDS) + " | hw role | method role |")
    print("|---|---:|" + "---:|" * (len(FIELDS) + 2))
    for name, gold_path, sources in label_sets():
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        gold = load_gold(gold_path)
        pred = list(extract_records(sources, workers=1, evidence=False))
        fields = evaluate(gold, pred).to_dict()["fields"]

        labelled = next((v for k, v in LABELLED.items() if name.startswith(k)), set(FIELDS))

        def cell(f: str) -> str:
            if f not in labelled:
                return "n/a"
            s = fields[f]
            # a field with no gold and no prediction in this set says nothing
            return "-" if s["tp"] + s["fp"] + s["fn"] == 0 else f"{s['f1']:.3f}"

        def role(f: str) -> str:
            r = fields[f]["role_accuracy"] if f in labelled else None
            return "-" if r is None else f"{r:.3f}"

        print(f"| {name} | {len(gold)} | " + " | ".join(cell(f) for f in FIELDS)
              + f" | {role('hardware')} | {role('methods')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
