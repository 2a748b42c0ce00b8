import json, re, random, glob
PAT = re.compile(r'\b(?:GPUs?|CPUs?|FPGAs?|NPUs?|TPUs?|A100|H100|V100|RTX|Jetson|edge devices?|smartphones?|Raspberry|Snapdragon|accelerators?|ASICs?|microcontrollers?|in-memory computing)\b', re.I)
rows = [json.loads(l) for l in open('/work/shared/bench/arxiv_cs/corpus.jsonl') if l.strip()]
seen = set(); files = sorted(glob.glob('/work/main/benchmarks/heldout/*.jsonl'))
for f in files:
    if f.endswith('arxiv_hw_H5.jsonl'): continue
    for l in open(f):
        if l.strip(): seen.add(json.loads(l)['id'])
dev_titles = {p['title'] for p in json.load(open('/work/shared/gold/dev.json'))}
cand = []; nmatch = skip_id = skip_t = 0
for r in rows:
    if not (PAT.search(r['title']) or PAT.search(r['abstract'])): continue
    nmatch += 1
    if r['id'] in seen: skip_id += 1; continue
    if r['title'] in dev_titles: skip_t += 1; continue
    cand.append(r)
print('files', len(files), 'corpus', len(rows), 'matching', nmatch, 'skip_id', skip_id, 'skip_devtitle', skip_t, 'candidates', len(cand), 'seen ids', len(seen))
random.Random(59).shuffle(cand)
pick = cand[:40]
with open('H5.jsonl', 'w') as f:
    for r in pick:
        f.write(json.dumps({'id': r['id'], 'title': r['title'], 'abstract': r['abstract']}) + '\n')
print([r['id'] for r in pick])
