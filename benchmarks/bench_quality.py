"""Precision / recall of our dataset and method mentions against public span-level gold sets.

    python benchmarks/bench_quality.py [--shared ../shared] [--limit N]

Sources (see ``../shared/bench/*/README.md``): TDMSci test ``DATASET`` (NLP paper sentences),
SciERC test ``Method`` and CS-NER PwC / FTD test abstracts ``METHOD``. Those projects label
spans under their own guidelines (SciERC and CS-NER also mark generic phrases such as "our
approach"), while we extract named entities only, so recall against them is expected to be
low and precision is the more telling number.

Matching is lenient: every occurrence in the text of a predicted name (its written forms) is
a predicted span, and a predicted span and a gold span match when their characters overlap.
Precision = predicted spans overlapping a gold span of the mapped type / predicted spans;
recall = gold spans overlapped by a predicted span / gold spans. Prints a Markdown table;
skips with a message when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

#: (label, file under bench/, gold type, our mention type)
SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("TDMSci test", "tdmsci/test.jsonl", "DATASET", "dataset"),
    ("SciERC test", "scierc/test.jsonl", "Method", "method"),
    ("CS-NER PwC test", "csner/pwc_abstracts_test.jsonl", "METHOD", "method"),
    ("CS-NER FTD test", "csner/ftd_abstracts_test.jsonl", "METHOD", "method"),
)


def predicted_spans(text: str, forms: set[str]) -> list[tuple[int, int]]:
    """Every occurrence of any written form, as (start, end) character spans."""
    spans: list[tuple[int, int]] = []
    for f in sorted(forms, key=len, reverse=True):
        if not f:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append(m.span())
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_source(nlp, path: Path, gold_type: str, our_type: str, limit: int | None) -> dict[str, float]:
    from kg.extract import doc_ext

    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if limit:
        docs = docs[:limit]
    tp_p = n_p = tp_g = n_g = 0
    t0 = time.perf_counter()
    texts = [d["text"] for d in docs]
    for d, doc in zip(docs, nlp.pipe(texts, batch_size=64)):
        gold = [(e["start"], e["end"]) for e in d["entities"] if e["type"] == gold_type]
        forms: set[str] = set()
        for m in doc_ext.mentions(doc):
            if m.type == our_type:
                forms.update([m.text, m.name, *m.aliases])
        pred = predicted_spans(d["text"], forms)
        n_p += len(pred)
        tp_p += sum(1 for p in pred if any(overlaps(p, g) for g in gold))
        n_g += len(gold)
        tp_g += sum(1 for g in gold if any(overlaps(p, g) for p in pred))
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"docs": len(docs), "gold": n_g, "pred": n_p, "P": prec, "R": rec, "F1": f1,
            "sec": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=here.parent.parent / "shared",
                    help="the shared folder holding bench/ (default: ../shared next to the repo)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents per source")
    a = ap.parse_args(argv)
    bench = a.shared / "bench"
    if not bench.is_dir():
        print(f"skipped: {bench} not found (the shared benchmark data is not available here)")
        return 0
    from kg.extract.nlp import build_nlp

    nlp = build_nlp()
    print("| source | gold type | ours | docs | gold spans | pred spans | P | R | F1 |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for label, rel, gold_type, our_type in SOURCES:
        path = bench / rel
        if not path.is_file():
            print(f"| {label} | {gold_type} | {our_type} | - | - | - | skipped: {rel} missing | | |")
            continue
        r = score_source(nlp, path, gold_type, our_type, a.limit)
        print(f"| {label} | {gold_type} | {our_type} | {r['docs']} | {r['gold']} | {r['pred']} | "
              f"{r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
