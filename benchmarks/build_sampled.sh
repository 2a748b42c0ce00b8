#!/bin/bash
# A long `kg build` sampled every 30 s, for runs too long to wait for in bench_build.py:
#   benchmarks/build_sampled.sh CORPUS OUT_DIR WORKERS LOG
# Each LOG line: epoch seconds, bytes of CORPUS read so far (the reader's file offset), RSS of
# the process tree in KiB, store size in MiB. The first line gives the start time and pid, the
# last the end time and exit code; the build's own report goes to LOG.out.
set -u
CORPUS=$1; OUT=$2; WORKERS=$3; LOG=$4
cd "$(dirname "$0")/.."
rm -rf "$OUT"
: > "$LOG"
KG=${KG:-$(command -v kg || echo .venv/bin/kg)}
"$KG" build "$CORPUS" --out "$OUT" --from jsonl --workers "$WORKERS" --no-turtle --no-html \
  > "$LOG.out" 2>&1 &
PID=$!
echo "start $(date +%s) pid $PID" >> "$LOG"
name=$(basename "$CORPUS")
while kill -0 $PID 2>/dev/null; do
  sleep 30
  fd=$(ls -l /proc/$PID/fd 2>/dev/null | grep -F "$name" | awk '{print $9}' | head -1)
  pos=0
  [ -n "$fd" ] && pos=$(awk '/^pos:/ {print $2}' /proc/$PID/fdinfo/$fd 2>/dev/null || echo 0)
  rss=$(ps -o rss= --ppid $PID -p $PID | awk '{s+=$1} END {print s}')
  st=$(du -sm "$OUT" 2>/dev/null | cut -f1)
  echo "$(date +%s) ${pos:-0} $rss ${st:-0}" >> "$LOG"
done
wait $PID; echo "end $(date +%s) rc $?" >> "$LOG"
