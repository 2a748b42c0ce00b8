from paths import HERE, REPO, SHARED, WORK  # noqa: F401
if not (SHARED / "bench").is_dir():
    raise SystemExit(f"needs {SHARED / 'bench'} (the labelled corpora; not in a user's clone)")
WORK.mkdir(parents=True, exist_ok=True)
import json, random, re, collections, sys
import spacy
from spacy.tokens import DocBin, Span
B=str(SHARED / 'bench') + '/'
nlp=spacy.blank("en")
def load(p): return [json.loads(l) for l in open(p)]
LANGS=set("english chinese german french japanese arabic spanish korean hindi russian italian".split())
def looks_named(t):
    return any(c.isdigit() for c in t) or any(c.isupper() for c in t)
def map_ent(src, e):
    t, x = e['type'], e['text']
    if src=='tdmsci':
        return 'DATASET' if t=='DATASET' else 'O'
    if src=='scierc':
        if t=='Method': return 'METHOD'
        if t=='Material':
            if looks_named(x) and x.lower().strip() not in LANGS: return 'DATASET'
            return 'MISSING'
        return 'O'
    if src=='acl':
        if t=='DATASET': return 'DATASET'
        if t in ('METHOD','TOOL'): return 'METHOD'
        if t=='SOLUTION':
            s=x.rstrip(':').strip()
            if ' ' not in s and looks_named(s[1:] if len(s)>1 else s): return 'METHOD'
            return 'MISSING'
        if t=='RESOURCE': return 'MISSING'
        return 'O'
    if src=='scinlp':
        if t=='dataset': return 'DATASET'
        if t in ('method','tool'): return 'METHOD'
        return 'O'
counts=collections.Counter()
def make_doc(src, text, ents, split):
    doc=nlp.make_doc(text)
    spans=[]; miss=[]
    for e in ents:
        lab=map_ent(src,e)
        counts[(split,src,e['type'],lab)]+=1
        if lab=='O': continue
        sp=doc.char_span(e['start'],e['end'],label=lab if lab!='MISSING' else 'X',alignment_mode='expand')
        if sp is None or len(sp)==0: continue
        (miss if lab=='MISSING' else spans).append(sp)
    spans.sort(key=lambda s:-(s.end-s.start))
    taken=set(); keep=[]
    for s in spans:
        if any(i in taken for i in range(s.start,s.end)): continue
        keep.append(s); taken.update(range(s.start,s.end))
    mk=[]
    for s in miss:
        if any(i in taken for i in range(s.start,s.end)): continue
        mk.append(Span(doc,s.start,s.end)); taken.update(range(s.start,s.end))
    doc.set_ents(keep, missing=mk, default='outside')
    for s in keep: counts[(split,src,'KEPT',s.label_)]+=1
    return doc
def chunks(d, maxlen=700):
    """split a long scinlp doc at '. ' boundaries not inside entities"""
    text=d['text']; ents=sorted(d['entities'],key=lambda e:e['start'])
    inside=set()
    for e in ents: inside.update(range(e['start'],e['end']))
    cuts=[0]
    for m in re.finditer(r'[.!?] ', text):
        p=m.end()
        if p-cuts[-1]>=maxlen and p not in inside and (p-1) not in inside: cuts.append(p)
    cuts.append(len(text))
    for a,b in zip(cuts,cuts[1:]):
        es=[dict(e,start=e['start']-a,end=e['end']-a) for e in ents if e['start']>=a and e['end']<=b]
        yield text[a:b], es
train=[]; dev=[]
random.seed(13)
td=load(B+'tdmsci/train.jsonl'); random.shuffle(td)
ntd=len(td)//10
for i,d in enumerate(td):
    (dev if i<ntd else train).append(make_doc('tdmsci',d['text'],d['entities'],'dev' if i<ntd else 'train'))
for split,lst in (('train',train),('dev',dev)):
    for d in load(B+f'scierc/{split}.jsonl'): lst.append(make_doc('scierc',d['text'],d['entities'],split))
    for d in load(B+f'csner/acl_titles_{split}.jsonl'): lst.append(make_doc('acl',d['text'],d['entities'],split))
trkeys=set()
for d in load(B+'scinlp/fulltext_train.jsonl'):
    trkeys.add(d['id'])
    for t,es in chunks(d): train.append(make_doc('scinlp',t,es,'train'))
for d in load(B+'scinlp/fulltext_dev.jsonl'):
    if d['id'] in trkeys: continue  # 2 papers overlap train/dev in the source
    for t,es in chunks(d): dev.append(make_doc('scinlp',t,es,'dev'))
random.shuffle(train)
DocBin(docs=train).to_disk(str(WORK / 'train.spacy')); DocBin(docs=dev).to_disk(str(WORK / 'dev.spacy'))
print('train docs',len(train),'dev docs',len(dev))
print('train tokens',sum(len(d) for d in train),'dev tokens',sum(len(d) for d in dev))
json.dump({'|'.join(k):v for k,v in sorted(counts.items())}, open(str(WORK / 'map_counts.json'),'w'), indent=0)
agg=collections.Counter()
for (split,src,t,lab),v in counts.items():
    if t=='KEPT': agg[(split,src,'kept '+lab)]+=v
    else: agg[(split,src,f'{t}->{lab}')]+=v
for k in sorted(agg): print(k, agg[k])
