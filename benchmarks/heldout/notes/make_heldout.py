"""Reproducible sampler for a new pair of blind sets arxiv_names_TAG and arxiv_hw_TAG.

    python make_heldout.py TAG NAMES_SEED HW_SEED OUT [--install] [--names-only]
    (H7 was: H7 67 71; H8: H8 83 89; ... H14: H14 151 157)

--names-only draws arxiv_names_TAG alone: after H16 the corpus has no hardware candidates left
(H16's hardware set was assembled by hand from the last 13 and ../shared/formats).

--install also copies the two sets into benchmarks/heldout as arxiv_{names,hw}_TAG.jsonl and
lists both in benchmarks/heldout/BLIND at once, so no routine table run scores them before
their one scoring (H14 was scored early because that line was forgotten).

H7 was drawn by this code with the tag and seeds written in (make_h7.py, since replaced);
the arguments let the next set be drawn without another copy of it.
Exclusion list = ids of every benchmarks/heldout/*.jsonl EXCEPT the *_TAG.jsonl files themselves
(set 2 additionally excludes the set-1 ids computed here), plus exact dev-gold titles.
Set 1 additionally skips papers whose abstract has no capitalised token of 2+ letters other than
the first word of a sentence (the set measures named methods/datasets).
Writes OUT/{names_TAG,hw_TAG}.jsonl (id, title, abstract; json.dumps default).
"""
import glob, json, random, re, sys

CORPUS = '/work/shared/bench/arxiv_cs/corpus.jsonl'
HELD = '/work/main/benchmarks/heldout'
INSTALL = '--install' in sys.argv[5:]
NAMES_ONLY = '--names-only' in sys.argv[5:]
TAG, NAMES_SEED, HW_SEED, OUT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

rows = [json.loads(l) for l in open(CORPUS) if l.strip()]
files = sorted(f for f in glob.glob(HELD + '/*.jsonl') if not f.endswith(f'_{TAG}.jsonl'))
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


SENT = re.compile(r'(?<=[.!?])\s+')
LETTERS = re.compile(r'[A-Za-z]')


def has_inner_capital(abstract):
    """True if some whitespace token that is not the first of a sentence starts with an
    upper-case letter (after stripping leading punctuation) and has 2+ letters."""
    for sent in SENT.split(abstract.strip()):
        toks = sent.split()
        for t in toks[1:]:
            t = t.lstrip('([{"\'`*_$')
            if t[:1].isupper() and len(LETTERS.findall(t)) >= 2:
                return True
    return False


# ---- set 1: arxiv_names_{TAG} ------------------------------------------------------------
sh = list(rows)
random.Random(NAMES_SEED).shuffle(sh)
cnt, kept = {}, []
scanned = skip_id = skip_t = skip_cap = skip_nocap = 0
for r in sh:
    scanned += 1
    if r['id'] in seen:
        skip_id += 1; continue
    if r['title'] in dev_titles:
        skip_t += 1; continue
    if not has_inner_capital(r['abstract']):
        skip_nocap += 1; continue
    c = r['categories'][0]
    if cnt.get(c, 0) >= 6:
        skip_cap += 1; continue
    cnt[c] = cnt.get(c, 0) + 1
    kept.append(r)
    if len(kept) == 40:
        break
print(f'names_{TAG}: scanned {scanned}, skip_id {skip_id}, skip_devtitle {skip_t}, '
      f'skip_no_capitalised_token {skip_nocap}, skip_cap {skip_cap}, kept {len(kept)}')
print('  categories:', ', '.join(f'{k} {v}' for k, v in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))))
dump(f'{OUT}/names_{TAG}.jsonl', kept)

if NAMES_ONLY:
    if INSTALL:
        import shutil
        shutil.copyfile(f'{OUT}/names_{TAG}.jsonl', f'{HELD}/arxiv_names_{TAG}.jsonl')
        with open(f'{HELD}/BLIND', 'a', encoding='utf-8') as fh:
            fh.write(f'# {TAG} drawn with `notes/make_heldout.py {TAG} {NAMES_SEED} {HW_SEED} --names-only`: '
                     f'score once.\narxiv_names_{TAG}\n')
        print(f'installed arxiv_names_{TAG}.jsonl; listed in BLIND')
    sys.exit(0)

# ---- set 2: arxiv_hw_{TAG} ---------------------------------------------------------------
PAT = re.compile(r'\b(?:A100|H100|H800|H200|V100|L40S?|T4|RTX ?\d{4}|GPU|CPU|FPGA|NPU|TPU|Jetson|Raspberry|'
                 r'Snapdragon|smartphone|mobile device|edge device|microcontroller|ASIC|Ascend|MI\d{3}|Gaudi|Xeon|'
                 r'EPYC|Apple M\d)')  # case-sensitive, word-start anchored only
names_ids = {r['id'] for r in kept}
cand = []
nmatch = s_id = s_names = s_t = 0
for r in rows:  # corpus file order
    if not PAT.search(r['title'] + ' ' + r['abstract']):
        continue
    nmatch += 1
    if r['id'] in seen:
        s_id += 1; continue
    if r['id'] in names_ids:
        s_names += 1; continue
    if r['title'] in dev_titles:
        s_t += 1; continue
    cand.append(r)
print(f'hw_{TAG}: matching {nmatch}, skip_id(existing files) {s_id}, skip_id(names_{TAG}) {s_names}, '
      f'skip_devtitle {s_t}, candidates {len(cand)}')
pick = random.Random(HW_SEED).sample(cand, 40)
dump(f'{OUT}/hw_{TAG}.jsonl', pick)
print(f'names_{TAG} ids:', [r['id'] for r in kept])
print(f'hw_{TAG} ids:', [r['id'] for r in pick])

if INSTALL:
    import shutil
    for kind in ('names', 'hw'):
        shutil.copyfile(f'{OUT}/{kind}_{TAG}.jsonl', f'{HELD}/arxiv_{kind}_{TAG}.jsonl')
    with open(f'{HELD}/BLIND', 'a', encoding='utf-8') as fh:
        fh.write(f'# {TAG} drawn with `notes/make_heldout.py {TAG} {NAMES_SEED} {HW_SEED}`: score once, '
                 f'at the end of the next round.\narxiv_names_{TAG}\narxiv_hw_{TAG}\n')
    print(f'installed arxiv_names_{TAG}.jsonl and arxiv_hw_{TAG}.jsonl; both listed in BLIND')
