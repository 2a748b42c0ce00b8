"""Where one core's time goes, on the same texts: the bare tokenizer and kg's stages.

    python benchmarks/bench_extract.py --size 20k [--sample 2000]

* ``tokenizer``: ``spacy.blank("en").pipe(texts)``, the yardstick kg's throughput is
  reported against;
* ``read``: the JSONL reader (parse, normalise, hash, dedupe);
* ``extract``: :class:`kg.extract.extractor.Extractor` (one process), on the first
  ``--sample`` texts;
* ``quads``: writing those extractions' quads as N-Quads text (what a build does);
* ``load``: ``Store.bulk_load`` of that text into an empty store, in the build's batches;
* ``components``: time per pipeline component over the same sample.

The tokenizer and the reader run over all texts; every stage runs once, in this order, in
one process; texts are the ones ``kg build`` analyses (title + newline + abstract).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import corpus, distinct_texts, emit, log, size_n  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1k")
    ap.add_argument("--sample", type=int, default=2000)
    a = ap.parse_args()
    n = size_n(a.size)
    src = corpus(n)
    if src is None:
        emit({"skipped": "../shared/bench/arxiv_cs/corpus.jsonl not found"})
        return
    import spacy

    from kg.extract.extractor import Extractor
    from kg.extract.nlp import MAX_TEXT_CHARS
    from kg.graph.triples import DescribedOnce, extraction_nquads
    from kg.ingest import read_sources

    res: dict = {"size": a.size, "n": n, "distinct_texts": distinct_texts(n)}
    t = time.perf_counter()
    papers = list(read_sources([str(src)], fmt="jsonl"))
    res["read_s"] = round(time.perf_counter() - t, 3)
    texts = [p.text[:MAX_TEXT_CHARS] for p in papers]
    res["papers"] = len(papers)
    res["chars"] = sum(map(len, texts))

    nlp = spacy.blank("en")
    t = time.perf_counter()
    ntok = sum(len(d) for d in nlp.pipe(texts))
    res["tokenizer_s"] = round(time.perf_counter() - t, 3)
    res["tokens"] = ntok
    log(f"tokenizer: {len(texts) / res['tokenizer_s']:.0f} texts/s")

    sample = papers[:a.sample]
    res["sample"] = len(sample)
    ex = Extractor()
    t = time.perf_counter()
    exs = list(ex.pipe(sample))
    res["extract_s"] = round(time.perf_counter() - t, 3)
    log(f"extract: {len(sample) / res['extract_s']:.0f} texts/s")

    t = time.perf_counter()
    described = DescribedOnce()
    texts_nq = [extraction_nquads(e, described).encode("utf-8") for e in exs]
    res["quads_s"] = round(time.perf_counter() - t, 3)
    res["quads"] = sum(b.count(b"\n") for b in texts_nq)

    from pyoxigraph import RdfFormat, Store

    from kg.pipeline import NQUADS_BATCH

    with tempfile.TemporaryDirectory() as d:
        store = Store(d)
        t = time.perf_counter()
        batch: list[bytes] = []
        size = 0
        for b in texts_nq:
            batch.append(b)
            size += len(b)
            if size >= NQUADS_BATCH:
                store.bulk_load(b"".join(batch), RdfFormat.N_QUADS)
                batch, size = [], 0
        if batch:
            store.bulk_load(b"".join(batch), RdfFormat.N_QUADS)
        store.flush()
        res["load_s"] = round(time.perf_counter() - t, 3)
        del store
    del texts_nq, exs

    # Per component, over the sample: tokenise all, then run each component over all docs.
    k = len(sample)
    nlp2 = Extractor().nlp
    t = time.perf_counter()
    docs = [nlp2.make_doc(x) for x in texts[:k]]
    comp = {"tokenizer": time.perf_counter() - t}
    for name, proc in nlp2.pipeline:
        t = time.perf_counter()
        for i, d in enumerate(docs):
            docs[i] = proc(d)
        comp[name] = time.perf_counter() - t
    res["components_ms_per_1k"] = {name: round(s / k * 1e6, 1) for name, s in comp.items()}
    for name, v in sorted(res["components_ms_per_1k"].items(), key=lambda kv: -kv[1]):
        log(f"  {name:22s} {v:9.1f} ms per 1k texts")

    per = lambda s, n=len(sample): round(n / s, 1) if s else None  # noqa: E731
    res.update(tokenizer_per_s=per(res["tokenizer_s"], len(texts)),
               read_per_s=per(res["read_s"], len(texts)), extract_per_s=per(res["extract_s"]),
               quads_per_s=per(res["quads_s"]), load_per_s=per(res["load_s"]))
    emit(res)


if __name__ == "__main__":
    main()
