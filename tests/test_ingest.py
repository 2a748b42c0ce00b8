"""Readers on small fixtures (cut from real files, plus hand-written malformed records)."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kg.errors import InputError, KGError, RecordError
from kg.ingest import READERS, Skip, detect_format, read_source, read_sources
from kg.ingest.base import dedupe, get_reader
from kg.model import Paper

DATA = Path(__file__).resolve().parent / "data" / "formats"


def items(name: str, fmt: str | None = None) -> tuple[list[Paper], list[RecordError]]:
    got = list(read_source(str(DATA / name), fmt))
    return ([p for p in got if isinstance(p, Paper)], [e for e in got if isinstance(e, RecordError)])


def line_of(err: RecordError) -> int:
    return int(err.location.rsplit(":", 1)[1])


# --- detection -------------------------------------------------------------------------

@pytest.mark.parametrize("name,fmt", [
    ("arxiv-small.atom.xml", "arxiv-atom"), ("arxiv-new.atom.xml", "arxiv-atom"),
    ("oai-small.jsonl", "arxiv-oai"), ("zotero-small.bib", "bibtex"), ("tricky.bib", "bibtex"),
    ("ieee-small.csv", "csv"), ("scopus-small.csv", "csv"), ("generic.csv", "csv"),
    ("papers.tsv", "tsv"), ("hf-daily-small.json", "hf-daily"), ("openalex-small.json", "openalex"),
    ("s2-batch-small.json", "s2"), ("s2-search.json", "s2"), ("generic.jsonl", "jsonl"),
    ("generic-array.json", "json"), ("trending-crlf.txt", "trending"),
])
def test_detect_format(name: str, fmt: str) -> None:
    head = (DATA / name).read_text(encoding="utf-8-sig", errors="replace")[:8192]
    assert detect_format(name, head) == fmt


def test_detect_by_content_not_extension() -> None:
    assert detect_format("papers.txt", "@article{x, title={T}}\n") == "bibtex"
    assert detect_format("x.json", '{"title": "a", "abstract": "b"}\n{"title": "c"}\n') == "jsonl"
    assert detect_format("noext", "Title,Abstract\nT,A\n") == "csv"
    assert detect_format("noext", "title\tabstract\nT\tA\n") == "tsv"
    assert detect_format("x.dat", "just some words\n") is None
    assert detect_format("x.xml", "<rss><channel/></rss>") is None


def test_every_format_has_a_reader() -> None:
    assert set(READERS) == {"trending", "jsonl", "json", "csv", "tsv", "arxiv-atom", "arxiv-oai",
                            "bibtex", "openalex", "s2", "hf-daily"}
    for fmt in READERS:
        assert callable(get_reader(fmt))


# --- trending --------------------------------------------------------------------------

def test_trending_crlf_glued_subscribe_and_dangling_title() -> None:
    papers, errors = items("trending-crlf.txt")
    assert [p.title for p in papers] == ["First Glued Title", "Second Title"]
    assert papers[0].abstract == "First abstract with trailing spaces."
    assert papers[0].id == Paper.id_from_title("First Glued Title")
    assert [(line_of(e), e.reason) for e in errors] == [(9, "title with no abstract")]


def test_bundled_trending_corpus_reads() -> None:
    from kg.pipeline import bundled_corpus

    papers = list(read_sources([bundled_corpus()]))
    assert len(papers) > 100
    assert all(p.title and p.abstract for p in papers)


# --- arXiv Atom ------------------------------------------------------------------------

def test_atom_old_format() -> None:
    papers, errors = items("arxiv-small.atom.xml")
    assert errors == []
    assert [p.id for p in papers] == ["1501.05039", "1503.01162", "quant-ph/0210005"]
    p = papers[1]
    assert "\n" not in p.title and p.title.startswith("Report on a Boston University Conference")
    assert p.authors == ("Peter Garik", "Yann Benétreau-Dupin")
    assert p.date == "2015-03-03"
    assert p.doi == "10.1007/s11191-014-9716-8"
    assert p.categories[0] == "physics.ed-ph"
    assert p.url == "http://arxiv.org/abs/1503.01162v1"
    assert papers[0].abstract.startswith("Data science is gaining more")
    assert papers[2].source and papers[2].source.endswith(":80")


def test_atom_new_format_keeps_latex() -> None:
    (p, q), errors = items("arxiv-new.atom.xml")
    assert errors == []
    assert p.id == "2603.25938"
    assert p.categories == ("gr-qc", "astro-ph.HE")
    assert len(p.authors) == 2 and p.doi == "10.3847/1538-4357/ae77fc"
    assert q.title.startswith("Measurement of transverse $Λ$ and $\\barΛ$ hyperon polarization")
    assert "$\\sqrt{s_{NN}} = 5.02$" in q.title


def test_atom_broken_entry_is_reported_and_reading_goes_on() -> None:
    papers, errors = items("broken.atom.xml")
    assert [p.id for p in papers] == ["2101.00001", "math/0601001"]
    assert papers[0].title == "A Good Entry with & and $\\alpha$"
    assert papers[0].abstract == "We show that R&D on $O(n \\log n)$ sorting works."
    assert papers[0].categories == ("cs.DS",)
    assert [line_of(e) for e in errors] == [17, 20]
    assert errors[0].reason.startswith("broken XML entry")
    assert errors[1].reason.startswith("no abstract")


def test_atom_refuses_doctype_entities() -> None:
    with pytest.raises(InputError, match="DOCTYPE"):
        items("bomb.atom.xml")


def test_atom_not_a_feed() -> None:
    reader = get_reader("arxiv-atom")
    with pytest.raises(InputError, match="not an Atom"):
        list(reader(io.StringIO("<rss><item/></rss>"), "x.xml"))
    assert list(reader(io.StringIO("<feed xmlns='http://www.w3.org/2005/Atom'/>"), "x")) == []


def test_atom_entry_never_closed() -> None:
    src = "<feed xmlns='http://www.w3.org/2005/Atom'>\n<entry><id>x</id><title>t</title>"
    (err,) = list(get_reader("arxiv-atom")(io.StringIO(src), "x.xml"))
    assert isinstance(err, RecordError) and "never closed" in err.reason


# --- arXiv OAI snapshot ----------------------------------------------------------------

def test_oai_snapshot() -> None:
    papers, errors = items("oai-small.jsonl")
    assert errors == []
    p = papers[0]
    assert p.id == "0704.0001"
    assert p.title == ("Calculation of prompt diphoton production cross sections at Tevatron and "
                       "LHC energies")
    assert p.authors[:2] == ("C. Balázs", "E. L. Berger")
    assert p.date == "2007-04-02"  # first version's created date, not update_date
    assert p.doi == "10.1103/physrevd.76.013009"
    assert p.categories == ("hep-ph",)
    assert not p.abstract.startswith(" ") and "\n" not in p.abstract
    assert papers[1].categories == ("math.CO", "cs.CG")
    assert "$(k,\\ell)$" in papers[1].abstract


def test_oai_old_style_id_suffix_and_fallbacks() -> None:
    line = {"id": "math/0601001", "title": "T", "abstract": "A", "authors": "X. Y and Z. W",
            "categories": "math.AG math.NT", "versions": [], "update_date": "2008-11-13",
            "authors_parsed": [["Smith", "John", "II"], ["Doe", "", ""]]}
    (p,) = list(get_reader("arxiv-oai")(io.StringIO(json.dumps(line) + "\n"), "o"))
    assert isinstance(p, Paper)
    assert (p.id, p.date, p.authors) == ("math/0601001", "2008-11-13", ("John Smith II", "Doe"))
    assert p.categories == ("math.AG", "math.NT")


# --- BibTeX ----------------------------------------------------------------------------

def test_bibtex_zotero() -> None:
    papers, errors = items("zotero-small.bib")
    assert errors == []
    assert papers[0].title == "Adult Immigrant Learners' Perspectives of Language Learning Experiences"
    assert papers[0].authors == ("Merih Ugural Kamisli",)
    assert papers[0].date == "2023"  # month without day: the year only
    assert papers[0].url == "https://eric.ed.gov/?id=EJ1392927"
    assert papers[1].authors == ("Melissa Lisseth González Reséndez",)
    assert papers[0].id == Paper.id_from_title(papers[0].title)


def test_bibtex_latex_decoding_macros_and_broken_entries() -> None:
    papers, errors = items("tricky.bib")
    p = papers[0]
    assert p.title == "Fast GPU Sorting for García's Über Method"
    assert p.authors == ("María García", "Jörg Müller")
    assert p.abstract == ("We sort 50% faster on an A100 & H100, with p=<0.01 and >2x speed-up. "
                          "Math $O(n \\log n)$ stays.")
    assert (p.id, p.doi, p.date) == ("doi:10.1000/gpu.sort", "10.1000/gpu.sort", "2020-04-07")
    assert p.url == "https://example.org/a%20b~c"
    assert papers[1].id == "2105.00001"
    assert papers[2].title == "Quoted Title After a Broken Entry"
    assert [(line_of(e), e.reason.split(" (")[0]) for e in errors] == [
        (25, "no abstract"), (30, "broken BibTeX entry: Unexpectedly reached end of file.")]


# --- CSV / TSV -------------------------------------------------------------------------

def test_csv_ieee() -> None:
    papers, errors = items("ieee-small.csv")
    assert errors == []
    p = papers[0]
    assert p.title == 'Exascale Computing Trends: Adjusting to the "New Normal"\' for Computer Architecture'
    assert p.authors == ("P. Kogge", "J. Shalf")
    assert (p.id, p.date) == ("doi:10.1109/mcse.2013.95", "2013")
    assert p.url and p.url.startswith("https://ieeexplore.ieee.org/")
    assert "J. -P. Nominé" in papers[1].authors


def test_csv_scopus_bom_ragged_placeholder_and_notice() -> None:
    papers, errors = items("scopus-small.csv")
    assert [p.id for p in papers] == ["doi:10.1002/jcc.20289", "doi:10.1038/s41598-022-04849-0"]
    assert papers[0].authors[0] == "Phillips J.C."
    assert papers[0].abstract.endswith("www.ks.uiuc.edu.")  # "(c) 2005 Wiley..." cut
    assert papers[1].date == "2022"  # a ragged (46-field) row still reads its columns
    assert [(line_of(e), e.reason.split(" (")[0]) for e in errors] == [(5, "no abstract")]


def test_csv_generic_quotes_newlines_ragged_rows() -> None:
    papers, errors = items("generic.csv")
    assert papers[0].title == 'Commas, "quotes" and newlines'
    assert papers[0].abstract == "An abstract, with a comma and a line break."
    assert papers[0].authors == ("A. One", "B. Two")
    assert [p.id for p in papers] == ["1", "2", "4"]
    assert [p.source.rsplit(":", 1)[1] for p in papers if p.source] == ["2", "5", "7"]
    assert [line_of(e) for e in errors] == [6]


def test_tsv() -> None:
    papers, errors = items("papers.tsv")
    assert errors == []
    assert papers[0].abstract == "An abstract in a TSV file, with a comma."
    assert papers[0].authors == ("A. One", "B. Two")
    assert papers[0].id == "doi:10.1000/tsv.1"


def test_csv_without_title_column_is_reported() -> None:
    (err,) = list(get_reader("csv")(io.StringIO("a,b\n1,2\n"), "x.csv"))
    assert isinstance(err, RecordError) and "no title and abstract columns" in err.reason


# --- JSON family -----------------------------------------------------------------------

def test_jsonl_key_variants_and_bad_lines() -> None:
    papers, errors = items("generic.jsonl")
    a, b, c = papers
    assert (a.id, a.title, a.abstract, a.date) == ("2401.00001", "Key Variants One",
                                                   "Uses summary and arxiv_id.", "2024")
    assert a.authors == ("A. One", "B. Two") and a.categories == ("cs.LG", "cs.AI")
    assert (b.id, b.doi, b.date, b.url) == ("p-42", "10.1000/abc.42", "2023-05-06",
                                            "https://example.org/p42")
    assert b.authors == ("Smith, J.", "Doe, A.")
    assert (c.id, c.title, c.abstract) == ("doi:10.1000/xyz", "Café latte with spaces",
                                           "Text with control chars.")
    assert [(line_of(e), e.reason.split(":")[0]) for e in errors] == [
        (4, "broken JSON line"), (5, "not a JSON object (list)"), (6, "no abstract (title 'No abstract here')")]


def test_json_array_pretty_printed() -> None:
    papers, errors = items("generic-array.json")
    assert [p.title for p in papers] == ["Array Element One", "Array Element Three"]
    assert papers[0].date == "2024-02-01" and papers[0].id == "2402.00002"
    assert papers[1].abstract == "Uses description as the abstract."
    assert [(line_of(e), e.reason) for e in errors] == [(8, "element 1: not a JSON object (null)")]
    assert [p.source.rsplit(":", 1)[1] for p in papers if p.source] == ["2", "9"]


def test_hf_daily() -> None:
    papers, errors = items("hf-daily-small.json")
    assert errors == []
    p = papers[0]
    assert p.id == "2410.17243"
    assert p.title == ("Breaking the Memory Barrier: Near Infinite Batch Size Scaling for "
                       "Contrastive Loss")
    assert p.abstract.startswith("Contrastive loss is a powerful approach")
    assert p.authors == ("Zesen Cheng", "Hang Zhang")
    assert p.date == "2024-10-22"


def test_openalex_page() -> None:
    papers, errors = items("openalex-small.json")
    (p,) = papers
    assert p.id == "W3122893125"
    assert p.abstract.startswith("We endow categories of nonsymmetric operads with natural model")
    assert p.authors == ("Fernando Muro",) and p.date == "2011-01-01"
    assert [e.reason.split(" (")[0] for e in errors] == ["element 1: no abstract", "element 2: no abstract"]


def test_openalex_single_work_list_and_doi_id() -> None:
    work = {"title": "W", "doi": "https://doi.org/10.1000/X", "publication_year": 2020,
            "abstract_inverted_index": {"b": [1], "a": [0], "c.": [2]}}
    reader = get_reader("openalex")
    (p,) = list(reader(io.StringIO(json.dumps(work, indent=1)), "w.json"))
    assert isinstance(p, Paper)
    assert (p.id, p.abstract, p.date, p.doi) == ("doi:10.1000/x", "a b c.", "2020", "10.1000/x")
    (q,) = list(reader(io.StringIO(json.dumps([dict(work, id="https://openalex.org/W9")])), "l.json"))
    assert isinstance(q, Paper) and q.id == "W9"
    (bad,) = list(reader(io.StringIO(json.dumps(dict(work, abstract_inverted_index={"a": [-1]}))), "b"))
    assert isinstance(bad, RecordError)


def test_s2_batch_search_and_single() -> None:
    papers, errors = items("s2-batch-small.json")
    (p,) = papers
    assert p.id == "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"
    assert p.doi == "10.2139/ssrn.288970" and p.date == "2001-10-01"
    assert p.authors == ("Marianne Bertrand", "E. Duflo", "S. Mullainathan")
    assert [e.reason for e in errors] == ["element 0: null (paper not found)"]
    papers, errors = items("s2-search.json")
    assert [p.id for p in papers] == ["abc123"] and len(errors) == 1
    single = {"paperId": "z", "title": "T", "abstract": "A", "year": 1999}
    (s,) = list(get_reader("s2")(io.StringIO(json.dumps(single)), "s"))
    assert isinstance(s, Paper) and (s.id, s.date) == ("z", "1999")


def test_json_auto_dispatch_by_record_shape() -> None:
    # --from json on an HF daily file still uses the HF mapping (unwrapped title, paper.id).
    papers, _ = items("hf-daily-small.json", fmt="json")
    assert papers[0].id == "2410.17243"
    papers, _ = items("oai-small.jsonl", fmt="jsonl")
    assert papers[0].date == "2007-04-02"


def test_broken_json_document_reports_and_stops() -> None:
    src = '[{"title": "ok", "abstract": "fine"},\n {"title": "bad" "abstract": 1},\n {"title": "x"}]'
    got = list(get_reader("json")(io.StringIO(src), "b.json"))
    assert isinstance(got[0], Paper)
    assert isinstance(got[1], RecordError) and line_of(got[1]) == 2
    assert "broken JSON" in got[1].reason and len(got) == 2


def test_non_utf8_bytes_are_replaced() -> None:
    (p,), errors = items("non-utf8.jsonl")
    assert errors == [] and "\ufffd" in p.title


class CountingStream(io.StringIO):
    """A text stream that records how much was read from it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.consumed = 0

    def read(self, n: int | None = -1) -> str:
        data = super().read(n)
        self.consumed += len(data)
        return data

    def readline(self, limit: int | None = -1) -> str:
        data = super().readline(limit)
        self.consumed += len(data)
        return data


def test_json_array_is_streamed_not_loaded() -> None:
    rec = json.dumps({"title": "T", "abstract": "A" * 100})
    text = "[" + ",".join(rec.replace('"T"', f'"T{i}"') for i in range(20000)) + "]"  # ~2.5 MB
    stream = CountingStream(text)
    it = get_reader("json")(stream, "big.json")
    first = next(it)
    assert isinstance(first, Paper) and first.title == "T0"
    assert stream.consumed < 1_000_000 < len(text)


def test_openalex_results_page_is_streamed() -> None:
    work = {"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": {"x": [0]}}
    text = json.dumps({"meta": {"count": 5000}, "results": [work] * 20000}, indent=2)
    stream = CountingStream(text)
    assert isinstance(next(get_reader("openalex")(stream, "p.json")), Paper)
    assert stream.consumed < 1_000_000 < len(text)


# --- read_sources: dedupe, skips, strict, errors, stdin ------------------------------------

def test_read_sources_reports_skips() -> None:
    skips: list[Skip] = []
    papers = list(read_sources([str(DATA / "generic.jsonl")], report=skips.append))
    assert len(papers) == 3
    assert [str(s).split(": ", 1)[0].rsplit(":", 1)[1] for s in skips] == ["4", "5", "6"]
    assert all(isinstance(s, Skip) and s.reason for s in skips)


def test_read_sources_strict_raises() -> None:
    with pytest.raises(RecordError, match=r"generic\.jsonl:4: broken JSON line"):
        list(read_sources([str(DATA / "generic.jsonl")], strict=True))


def test_missing_unrecognised_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.jsonl: no such file"):
        list(read_sources([str(DATA / "nope.jsonl")]))
    with pytest.raises(InputError, match="is a directory"):
        list(read_sources([str(DATA)]))
    with pytest.raises(InputError, match=r"not a recognised format \(tried: trending, jsonl"):
        notes = tmp_path / "notes.dat"
        notes.write_text("just some words\n")
        list(read_sources([str(notes)]))
    with pytest.raises(InputError, match="unknown format 'yaml'"):
        list(read_sources([str(DATA / "generic.jsonl")], fmt="yaml"))


def test_gzip_source(tmp_path: Path) -> None:
    import gzip

    gz = tmp_path / "oai.jsonl.gz"
    gz.write_bytes(gzip.compress((DATA / "oai-small.jsonl").read_bytes()))
    assert [p.id for p in read_sources([str(gz)])] == ["0704.0001", "0704.0002", "0704.0003"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "oai-small.jsonl").read_bytes()
    fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert [p.id for p in read_sources(["-"])] == ["0704.0001", "0704.0002", "0704.0003"]
    assert not fake.buffer.closed  # stdin is not closed by reading it
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"title": "T", "abstract": "A"}\n'))
    assert [p.title for p in read_sources(["-"], fmt="jsonl")] == ["T"]


def P(id: str, title: str, abstract: str = "abs", **kw: object) -> Paper:
    return Paper(id=id, title=title, abstract=abstract, **kw)  # type: ignore[arg-type]


def test_dedupe_by_id_title_and_doi() -> None:
    out = list(dedupe([P("a", "Same Title"), P("a", "Other"), P("b", "same  title!"),
                       P("c", "C", doi="10.1/x"), P("d", "D", doi="10.1/x"), P("e", "E")]))
    assert [p.id for p in out] == ["a", "c", "e"]


def test_dedupe_richer_duplicate_replaces_under_first_id() -> None:
    first = P("t-1", "A Paper")
    richer = P("2401.00001", "A paper", abstract="a longer abstract", authors=("X",), date="2024")
    poorer = P("W5", "A PAPER")
    out = list(dedupe([first, richer, poorer]))
    assert [p.id for p in out] == ["t-1", "t-1"]
    assert out[1].authors == ("X",) and out[1].abstract == "a longer abstract"


def test_dedupe_keeps_distinct_arxiv_papers_with_one_title() -> None:
    out = list(dedupe([P("0808.0631", "Comment: The Lecture"), P("0808.0638", "Comment: The Lecture")]))
    assert [p.id for p in out] == ["0808.0631", "0808.0638"]


def test_dedupe_across_sources() -> None:
    srcs = [str(DATA / "oai-small.jsonl"), str(DATA / "oai-small.jsonl")]
    assert len(list(read_sources(srcs))) == 3


def test_titles_without_ascii_get_distinct_ids() -> None:
    reader = get_reader("jsonl")
    src = '{"title": "深度学习", "abstract": "一"}\n{"title": "图神经网络", "abstract": "二"}\n'
    a, b = list(reader(io.StringIO(src), "zh.jsonl"))
    assert isinstance(a, Paper) and isinstance(b, Paper) and a.id != b.id
    assert len(list(dedupe([a, b]))) == 2


def test_errors_are_kg_errors() -> None:
    assert issubclass(RecordError, KGError) and issubclass(InputError, KGError)
