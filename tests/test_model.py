from kg.model import Paper, normalise_text, title_key


def test_normalise_text_folds_whitespace_and_controls():
    assert normalise_text("  a\u0000b\r\n\tc  ") == "a b c"
    assert normalise_text("Cafe\u0301") == "Café"  # NFC


def test_title_key_ignores_case_and_punctuation():
    assert title_key("BAE-Net: A Model") == title_key("bae net a model")


def test_paper_id_from_title_is_stable_and_distinct():
    a = Paper.id_from_title("A Title")
    assert a == Paper.id_from_title("a title!")
    assert a != Paper.id_from_title("Another Title")


def test_content_hash_changes_with_abstract_only_when_text_changes():
    p = Paper(id="1", title="T", abstract="A")
    assert p.content_hash == Paper(id="1", title="T", abstract="A").content_hash
    assert p.content_hash != Paper(id="1", title="T", abstract="B").content_hash


def test_text_puts_title_first():
    p = Paper(id="1", title="T", abstract="A b.")
    assert p.text.startswith("T\n") and p.year is None
    assert Paper(id="1", title="T", abstract="A", date="2024-05-01").year == 2024


def test_extraction_results_pickle_as_constructor_calls() -> None:
    # workers send these back to the parent; each restores through its constructor
    import pickle

    from kg.model import Claim, CodeUrl, Evidence, Mention

    ev = Evidence("We run on 8 A100 GPUs.", 9, 17, "kg_hardware.alias", 0.95)
    objs = [ev,
            Mention("hardware", "NVIDIA A100", "evaluated_on", "8 A100", ev, ("A100",),
                    {"quantity": 8, "broader": ["NVIDIA Ampere", "GPU"]}),
            Claim("3.2x faster", 3.2, "x", "speed", "NVIDIA A100", ev),
            CodeUrl("https://github.com/a/b", ev)]
    for obj in objs:
        assert type(obj).__reduce__(obj)[0] is type(obj)
        assert pickle.loads(pickle.dumps(obj)) == obj
