from paths import HERE, REPO, SHARED, WORK  # noqa: F401
import json,time,sys,spacy
sys.path.insert(0,str(HERE)); from union import text_of
H=str(REPO / 'benchmarks' / 'heldout') + '/'
texts=[text_of(json.loads(l)) for h in (12,13,14,15,16) for l in open(H+f'arxiv_names_H{h}.jsonl')]
nlp=spacy.load(sys.argv[1]); blank=spacy.blank('en')
for t in texts[:5]: nlp(t); blank(t)  # warm-up
res={}
for name,fn in [('blank_tokenizer',lambda: [blank(t) for t in texts]),
                ('ner_pipeline_loop',lambda: [nlp(t) for t in texts]),
                ('ner_pipeline_pipe',lambda: list(nlp.pipe(texts,batch_size=64)))]:
    best=[]
    for rep in range(3):
        t0=time.process_time(); fn(); best.append(time.process_time()-t0)
    res[name]={'n':len(texts),'ms_per_abstract_min':1000*min(best)/len(texts),'ms_per_abstract_all':[round(1000*b/len(texts),3) for b in best]}
t0=time.process_time(); spacy.load(sys.argv[1]); res['model_load_s']=time.process_time()-t0
res['mean_chars']=sum(map(len,texts))/len(texts)
print(json.dumps(res,indent=1))
