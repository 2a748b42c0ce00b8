"""`kg add` of papers already in the graph: unchanged ones skipped, changed ones replaced.

    python benchmarks/bench_add.py --size 1k

Builds a graph of the corpus (one worker), then adds the same corpus again and reports
both wall times and the manifest's counts: with the skip working, the add costs reading
and hashing only, a small fraction of the build. Then it adds the corpus with 1% of its
papers changed (each abstract cut to its first sentence): those are replaced, and what a
replacement costs shows (their removal, orphaned entities included, and re-extraction).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, corpus, emit, kg_cmd, run_measured, size_n  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1k")
    a = ap.parse_args()
    src = corpus(size_n(a.size))
    if src is None:
        emit({"skipped": "../shared/bench/arxiv_cs/corpus.jsonl not found"})
        return
    out = WORK / f"graph-add-{a.size}"
    shutil.rmtree(out, ignore_errors=True)
    common = ["--from", "jsonl", "--workers", "1", "--no-turtle", "--no-html"]
    b = run_measured([*kg_cmd(), "build", str(src), "--out", str(out), *common],
                     stdout_path=WORK / f"add-build-{a.size}.out")
    if b["rc"]:
        emit({"size": a.size, "error": "build failed", "stderr": b["stderr_tail"]})
        return
    r = run_measured([*kg_cmd(), "add", str(src), "--graph", str(out), *common],
                     stdout_path=WORK / f"add-{a.size}.out")
    if r["rc"]:
        emit({"size": a.size, "error": "add failed", "stderr": r["stderr_tail"]})
        return
    m = json.loads((out / "manifest.json").read_text())
    changed = WORK / f"changed-{a.size}.jsonl"
    n_changed = _write_changed(src, changed, size_n(a.size) // 100)
    c = run_measured([*kg_cmd(), "add", str(changed), "--graph", str(out), *common],
                     stdout_path=WORK / f"add-changed-{a.size}.out")
    mc = json.loads((out / "manifest.json").read_text()) if not c["rc"] else {}
    emit({"size": a.size, "build_s": b["wall_s"], "add_unchanged_s": r["wall_s"],
          "papers_read": m.get("papers_read"), "papers_unchanged": m.get("papers_unchanged"),
          "papers_added": m.get("papers_added"), "papers_replaced": m.get("papers_replaced"),
          "add_over_build": round(r["wall_s"] / b["wall_s"], 3),
          "changed": n_changed, "add_changed_s": None if c["rc"] else c["wall_s"],
          "changed_replaced": mc.get("papers_replaced"),
          "changed_error": c["stderr_tail"] if c["rc"] else None})
    shutil.rmtree(out, ignore_errors=True)


def _write_changed(src: Path, target: Path, n: int) -> int:
    """``src`` with the abstracts of its first ``n`` records cut to their first sentence."""
    with open(src, encoding="utf-8") as fh, open(target, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            if i < n:
                rec["abstract"] = rec["abstract"].split(". ")[0] + "."
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


if __name__ == "__main__":
    main()
