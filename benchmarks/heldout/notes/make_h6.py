"""Reproducible sampler for arxiv_names_H6 and arxiv_hw_H6 (benchmarks/heldout).

Exclusion list = ids of every benchmarks/heldout/*.jsonl EXCEPT the *_H6.jsonl files themselves
(set 2 additionally excludes the set-1 ids computed here), plus exact dev-gold titles.
Writes /tmp/kgperf/h6work/{names_H6,hw_H6}.jsonl (id, title, abstract; json.dumps default).
"""
import glob, json, random, re, sys

CORPUS = '/work/shared/bench/arxiv_cs/corpus.jsonl'
HELD = '/work/main/benchmarks/heldout'
OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/kgperf/h6work'

rows = [json.loads(l) for l in open(CORPUS) if l.strip()]
files = sorted(f for f in glob.glob(HELD + '/*.jsonl') if not f.endswith('_H6.jsonl'))
seen = set()
for f in files:
    for l in open(f):
        if l.strip():
            seen.add(json.loads(l)['id'])
dev_titles = {p['title'] for p in json.load(open('/work/shared/gold/dev.json'))}
print(f'corpus rows {len(rows)}; heldout files {len(files)}; excluded ids {len(seen)}; dev titles {len(dev_titles)}')

def dump(path, pick):
    with open(path, 'w') as fh:
        for r in pick:
            fh.write(json.dumps({'id': r['id'], 'title': r['title'], 'abstract': r['abstract']}) + '\n')

# ---- set 1: arxiv_names_H6 ------------------------------------------------------------
sh = list(rows)
random.Random(59).shuffle(sh)
cnt, kept = {}, []
scanned = skip_id = skip_t = skip_cap = 0
for r in sh:
    scanned += 1
    if r['id'] in seen:
        skip_id += 1; continue
    if r['title'] in dev_titles:
        skip_t += 1; continue
    c = r['categories'][0]
    if cnt.get(c, 0) >= 6:
        skip_cap += 1; continue
    cnt[c] = cnt.get(c, 0) + 1
    kept.append(r)
    if len(kept) == 40:
        break
print(f'names_H6: scanned {scanned}, skip_id {skip_id}, skip_devtitle {skip_t}, skip_cap {skip_cap}, kept {len(kept)}')
print('  categories:', ', '.join(f'{k} {v}' for k, v in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))))
dump(f'{OUT}/names_H6.jsonl', kept)

# ---- set 2: arxiv_hw_H6 ---------------------------------------------------------------
PAT = re.compile(r'\b(?:A100|H100|H800|H200|V100|L40S?|T4|RTX ?\d{4}|GPU|CPU|FPGA|NPU|TPU|Jetson|Raspberry|'
                 r'Snapdragon|smartphone|mobile device|edge device|microcontroller|ASIC|Ascend|MI\d{3}|Gaudi|Xeon|'
                 r'EPYC|Apple M\d)')  # case-sensitive, word-start anchored only
seen2 = seen | {r['id'] for r in kept}
cand = []
nmatch = s_id = s_names = s_t = 0
for r in rows:  # corpus file order
    if not PAT.search(r['title'] + ' ' + r['abstract']):
        continue
    nmatch += 1
    if r['id'] in seen:
        s_id += 1; continue
    if r['id'] in seen2:
        s_names += 1; continue
    if r['title'] in dev_titles:
        s_t += 1; continue
    cand.append(r)
print(f'hw_H6: matching {nmatch}, skip_id(existing files) {s_id}, skip_id(names_H6) {s_names}, '
      f'skip_devtitle {s_t}, candidates {len(cand)}')
pick = random.Random(61).sample(cand, 40)
dump(f'{OUT}/hw_H6.jsonl', pick)
print('names_H6 ids:', [r['id'] for r in kept])
print('hw_H6 ids:', [r['id'] for r in pick])
