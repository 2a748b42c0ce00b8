import pytest

from kg.graph import iri


def test_slug_merges_spelling_variants_but_not_cpp():
    assert iri.slug("GPT-2") == iri.slug("gpt 2") == "gpt-2"
    assert iri.slug("C++") != iri.slug("C")
    assert iri.slug("NVIDIA RTX 4090") == "nvidia-rtx-4090"


def test_slug_of_symbols_only_or_long_text_is_hashed():
    assert iri.slug("???")
    long = iri.slug("x" * 200)
    assert len(long) < 100


def test_paper_iri_is_injective_for_arxiv_ids():
    a = iri.paper_iri("math/0601001")
    b = iri.paper_iri("math-0601001")
    assert a != b and "/" not in a.rsplit("paper/", 1)[1]


def test_iris_are_deterministic():
    assert iri.entity_iri("hardware", "NVIDIA A100") == iri.entity_iri("hardware", "NVIDIA A100")
    assert iri.claim_iri("p", "3x faster", 3.0, "x") == iri.claim_iri("p", "3x faster", 3, "x")


@pytest.mark.parametrize("pid", ["2401.00001", "cs/0101001", "doi:10.1000/x y%z", "t-2e29e4a0", "Ünïcode id", "a%2Fb"])
def test_paper_id_is_read_back_from_its_iri(pid: str) -> None:
    from kg.graph.iri import paper_id_of, paper_iri

    assert paper_id_of(paper_iri(pid)) == pid
    assert paper_id_of("https://example.org/paper/x") is None
    assert paper_id_of(paper_iri(pid).replace("%2F", "%2f")) in (None, pid)  # not minted so: no guess


@pytest.mark.parametrize("pid", ["2401.00001", "cs/0101001", "a%2Fb"])
@pytest.mark.parametrize("etype,name", [("hardware", "NVIDIA A100"), ("method", "C++ Net"),
                                        ("dataset", "x" * 200)])
def test_a_link_is_named_from_its_paper_and_entity(pid: str, etype: str, name: str) -> None:
    from kg.graph import iri

    assert iri.link_iri_of(iri.paper_iri(pid), iri.entity_iri(etype, name)) == iri.link_iri(pid, etype, name)


def test_no_link_is_guessed_for_iris_the_project_did_not_mint() -> None:
    from kg.graph import iri

    paper = iri.paper_iri("p1")
    assert iri.link_iri_of("https://example.org/paper/p1", iri.entity_iri("task", "x")) is None
    assert iri.link_iri_of(paper, "https://example.org/hardware/x") is None
    assert iri.link_iri_of(paper, iri.author_iri("Ada")) is None  # not an entity type
    assert iri.link_iri_of(paper, iri.entity_iri("task", "x") + "/more") is None
