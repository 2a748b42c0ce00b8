# paired bootstrap over papers: delta F1 (variant - base), 95% CI
from paths import HERE, REPO, SHARED, WORK  # noqa: F401
import json,sys,random
sys.path.insert(0,str(SHARED / 'eval')); import score as S
H=str(REPO / 'benchmarks' / 'heldout') + '/'
def per_paper(pred_path, h, fld):
    gold=json.load(open(H+f'arxiv_names_H{h}.json'))
    by={S.norm(p['title']):p for p in S.load_pred(pred_path)}
    out=[]
    for g in gold:
        p=by.get(S.norm(g['title']),{})
        tp,fp,fn,*_=S.match_field(fld,g.get(fld) or [],p.get(fld) or [])
        out.append((tp,fp,fn))
    return out
def f1(rows):
    tp=sum(r[0] for r in rows); fp=sum(r[1] for r in rows); fn=sum(r[2] for r in rows)
    return 2*tp/(2*tp+fp+fn) if tp else 0.0
variant=sys.argv[1]; hs=sys.argv[2].split(',')
rng=random.Random(0)
for fld in ('datasets','methods'):
    A=[];Bv=[]
    for h in hs:
        A+=per_paper(f'base_H{h}.jsonl',h,fld); Bv+=per_paper(f'pred_{variant}_H{h}.jsonl',h,fld)
    d0=f1(Bv)-f1(A); ds=[]
    for _ in range(2000):
        idx=[rng.randrange(len(A)) for _ in A]
        ds.append(f1([Bv[i] for i in idx])-f1([A[i] for i in idx]))
    ds.sort()
    print(f"H{'+'.join(hs)} {variant} {fld}: dF1={d0:+.3f} 95%CI [{ds[50]:+.3f},{ds[1949]:+.3f}] P(d>0)={sum(d>0 for d in ds)/len(ds):.2f}")
