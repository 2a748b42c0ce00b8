#!/usr/bin/env bash
# Reproduces README.md here: converts the open labelled corpora (train splits), trains the
# NER (~15 min on one core), adds its names to kg's output on the held-out names sets H12-H16
# and scores every variant. Needs ../shared (skips without it). Outputs: benchmarks/.work/ner.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
if [ ! -d "$REPO/../shared/bench" ]; then
  echo "skipped: needs ../shared/bench"; exit 0
fi
WORK="$REPO/benchmarks/.work/ner"
mkdir -p "$WORK" && cd "$WORK"
python "$HERE/convert.py"
OMP_NUM_THREADS=1 python -m spacy train "$HERE/cfg.cfg" --paths.train train.spacy \
  --paths.dev dev.spacy --output out --training.max_steps 8000
for h in 12 13 14 15 16; do
  python -m kg extract "$REPO/benchmarks/heldout/arxiv_names_H$h.jsonl" --format jsonl \
    --workers 1 > "base_H$h.jsonl"
done
python "$HERE/union.py" out/model-best 12,13,14,15,16
python "$HERE/scoreall.py" base,all,F1,F2,F3,F4 "12,13,14;15,16;15;16"
python "$HERE/boot.py" F4 15,16
python "$HERE/boot.py" F4 12,13,14
python "$HERE/timing.py" out/model-best
