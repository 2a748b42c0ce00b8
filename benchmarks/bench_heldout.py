"""Extraction quality on every labelled set we have, as one Markdown table.

    python benchmarks/bench_heldout.py [--sets dev,T,H,...] [--blind]

Sets: the dev labels in ../shared/gold/dev.json (skipped when ../shared is absent) and the
hand-labelled arXiv sets in benchmarks/heldout/ (see its README: which were tuned on, which
were blind when scored). Scoring is kg.evaluate, which matches ../shared/eval/score.py.

Sets listed in benchmarks/heldout/BLIND (not scored yet) are left out unless ``--blind`` is
given: a blind set is scored once, on purpose, at the end of a tuning round, never by a
routine run of this table.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "heldout"
SHARED = ROOT.parent / "shared"
BLIND = HELDOUT / "BLIND"

FIELDS = ("hardware", "datasets", "methods", "techniques", "claims", "urls")
#: What each family of arXiv sets labels; the other fields are left empty there, so scoring
#: them would count every prediction as a false positive.
LABELLED = {"arxiv_hw": {"hardware", "claims"},
            "arxiv_names": {"datasets", "methods", "techniques", "urls"}}


def blind_sets() -> set[str]:
    """Names (file stems) of the sets not scored yet, one a line in ``BLIND`` (# comments)."""
    if not BLIND.is_file():
        return set()
    lines = (ln.split("#", 1)[0].strip() for ln in BLIND.read_text(encoding="utf-8").splitlines())
    return {ln for ln in lines if ln}


def label_sets(include_blind: bool = False) -> list[tuple[str, Path, list[str]]]:
    """(name, gold file, sources) for every set present, the blind ones only if asked."""
    blind = set() if include_blind else blind_sets()
    sets: list[tuple[str, Path, list[str]]] = []
    dev = SHARED / "gold" / "dev.json"
    if dev.is_file():
        sets.append(("dev (bundled corpus, 102 papers)", dev, []))
    for gold in sorted(HELDOUT.glob("arxiv_*.json")):
        src = gold.with_suffix(".jsonl")
        if src.is_file() and gold.stem not in blind:
            sets.append((gold.stem, gold, [str(src)]))
    return sets


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", help="comma-separated names (prefix match); default: all")
    ap.add_argument("--blind", action="store_true",
                    help="also score the sets listed in benchmarks/heldout/BLIND (once, at a round's end)")
    args = ap.parse_args()
    from kg.evaluate import evaluate, load_gold
    from kg.pipeline import extract_records

    wanted = [s.strip() for s in args.sets.split(",")] if args.sets else None
    print("| set | papers | " + " | ".join(f"{f} F1" for f in FIELDS) + " | hw role | method role |")
    print("|---|---:|" + "---:|" * (len(FIELDS) + 2))
    left_out = sorted(blind_sets()) if not args.blind else []
    if left_out:
        print(f"(blind, not scored: {', '.join(left_out)})", file=sys.stderr)
    for name, gold_path, sources in label_sets(args.blind):
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
