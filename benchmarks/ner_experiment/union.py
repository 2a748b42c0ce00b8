"""Union of kg baseline + NER spans; variants: all, filtered (F1/F2/F3)."""
from paths import HERE, REPO, SHARED, WORK  # noqa: F401
import json, re, sys, copy, time
import spacy
H=str(REPO / 'benchmarks' / 'heldout') + '/'
STOP_ACR={s.lower() for s in """LLM LLMs VLM VLMs MLLM MLLMs LVLM LVLMs LM LMs AI NLP CV GPU GPUs CPU RL DNN DNNs CNN CNNs RNN RNNs
GAN GANs ML SOTA API APIs IoT MLP MLPs ViT ViTs NN NNs DL LLM-based QA VQA ASR TTS MT NMT KG KGs RAG MoE LoRA-based
SFT DPO RLHF CoT Transformer Transformers AUC F1 BLEU ROUGE FID PSNR SSIM""".split()}
# NB: stop-acronym list is for generic technique words / metrics that the guideline excludes as method names
STOP_ACR -= {'sft','dpo','rlhf','cot','rag','moe'}  # these may be named methods in gold; keep
def text_of(p):
    t=p['title'].strip()
    return t + ('' if t.endswith(('.','?','!')) else '.') + ' ' + p['abstract']
def clean(s):
    s=s.strip().strip('.,;:()[]{}"\'')
    s=re.sub(r'^(the|a|an|our|their|its)\s+','',s,flags=re.I)
    return s.strip()
def f_base(s):   # F1
    return 2<=len(s)<=40 and bool(re.search(r'[A-Z0-9]',s))
def f_stop(s):   # F2
    return f_base(s) and len(s.split())<=4 and s.lower() not in STOP_ACR
def f_namey(s):  # F3: a token that is an acronym/CamelCase/has digit (not just Title Case)
    if not f_stop(s): return False
    return any(re.search(r'[0-9]',w) or re.search(r'.[A-Z]',w) for w in s.split())
def f_short(s):  # F4: F3 and at most 2 whitespace tokens
    return f_namey(s) and len(s.split())<=2
FILTERS={'all':lambda s: len(s)>0,'F1':f_base,'F2':f_stop,'F3':f_namey,'F4':f_short}
def run(model, hs, outdir='.'):
    nlp=spacy.load(model)
    for h in hs:
        papers=[json.loads(l) for l in open(H+f'arxiv_names_H{h}.jsonl')]
        base={}
        for l in open(f'base_H{h}.jsonl'):
            b=json.loads(l); base[b['title']]=b
        docs=list(nlp.pipe([text_of(p) for p in papers]))
        nerdump=[]
        for fname,flt in FILTERS.items():
            out=open(f'{outdir}/pred_{fname}_H{h}.jsonl','w')
            for p,doc in zip(papers,docs):
                b=copy.deepcopy(base[p['title']])
                seen={n.lower() for f in ('datasets','methods') for e in b[f] for n in [e['name']]+list(e.get('aliases') or [])}
                for ent in doc.ents:
                    s=clean(ent.text)
                    if not s or s.lower() in seen or not flt(s): continue
                    seen.add(s.lower())
                    fld='datasets' if ent.label_=='DATASET' else 'methods'
                    b[fld].append({'name':s,'aliases':[],'role':'used','source':'ner'})
                out.write(json.dumps(b)+'\n')
            out.close()
        with open(f'{outdir}/ner_spans_H{h}.jsonl','w') as fh:
            for p,doc in zip(papers,docs):
                fh.write(json.dumps({'title':p['title'],'ents':[(e.text,e.label_) for e in doc.ents]})+'\n')
if __name__=='__main__':
    run(sys.argv[1], sys.argv[2].split(','))
