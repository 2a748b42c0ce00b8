from paths import HERE, REPO, SHARED, WORK  # noqa: F401
import json,sys,subprocess
sys.path.insert(0,str(SHARED / 'eval')); import score as S
H=str(REPO / 'benchmarks' / 'heldout') + '/'
def res(variant, hs):
    gold=[];pred=[]
    for h in hs:
        gold+=json.load(open(H+f'arxiv_names_H{h}.json'))
        pred+=S.load_pred(f'base_H{h}.jsonl' if variant=='base' else f'pred_{variant}_H{h}.jsonl')
    r,_=S.score(gold,pred); return r['fields']
groups=[x.split(',') for x in sys.argv[2].split(';')]
variants=sys.argv[1].split(',')
print(f"{'group':<10}{'variant':<6}{'field':<9}{'P':>7}{'R':>7}{'F1':>7}{'role':>7}  tp/fp/fn")
for g in groups:
    for v in variants:
        f=res(v,g)
        for fld in ('datasets','methods'):
            s=f[fld]; ra=f"{s['role_accuracy']:.3f}" if s['role_accuracy'] is not None else '-'
            print(f"{'H'+'+'.join(g):<10}{v:<6}{fld:<9}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}{ra:>7}  {s['tp']}/{s['fp']}/{s['fn']}")
