"""The stage chain and the public API."""

from __future__ import annotations

import pickle

from eventwire import Annotation, Article, to_dict
from eventwire.pipeline import PRE_PARSE, STAGES


def test_stage_chain_has_no_problems(pipeline):
    analysis = pipeline.analyze()
    assert {k: v for k, v in analysis["problems"].items() if v} == {}
    names = pipeline.nlp.pipe_names
    pre = {name for name, _, _ in PRE_PARSE}
    assert [n for n in names if n.startswith("eventwire_") and n not in pre] == [s for s, _ in STAGES]
    assert names.index("eventwire_paragraphs") < names.index("parser")


def test_annotation_spans_slice_the_original_text(cairo):
    text = cairo.article.text
    for ent in cairo.entities:
        assert text[ent.span[0]:ent.span[1]] == ent.entity_text
    for s, e in cairo.sentences:
        assert text[s:e].strip() == text[s:e]


def test_records_pickle_for_workers(cairo):
    assert isinstance(cairo, Annotation)
    again = pickle.loads(pickle.dumps(cairo))
    assert again == cairo
    assert to_dict(again)["article_id"] == "cairo-2024-06-10"


def test_article_id_defaults_to_content_hash():
    a, b = Article(text="x", date="2024-01-01"), Article(text="x", date="2024-01-01")
    assert a.id == b.id and len(a.id) == 16
    assert Article(text="y").id != a.id


def test_slow_article_times_out_and_the_batch_goes_on(pipeline):
    from eventwire import Pipeline

    pipe = Pipeline(settings=pipeline.settings.replace(article_timeout_s=0.05))
    pipe._nlp = pipeline.nlp  # share the loaded model
    big = Article(text="The president met the king in Paris on Monday. " * 400, id="big", position="t:1")
    small = Article(text="Small one.", id="small", position="t:2")
    results = list(pipe.annotate_many([big, small]))
    assert [type(r).__name__ for r in results] == ["Failure", "Annotation"]
    assert results[0].stage == "timeout"
    assert "article big (t:1)" in results[0].reason and "article_timeout_s" in results[0].reason


def test_timeout_holds_in_a_worker_thread(pipeline):
    """No SIGALRM outside the main thread: the stages' cooperative checks stop the slow article."""
    from concurrent.futures import ThreadPoolExecutor

    from eventwire import Pipeline

    pipe = Pipeline(settings=pipeline.settings.replace(article_timeout_s=0.05))
    pipe._nlp = pipeline.nlp
    big = Article(text="The president met the king in Paris on Monday. " * 400, id="big", position="t:1")
    small = Article(text="Small one.", id="small", position="t:2")
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(lambda: list(pipe.annotate_many([big, small]))).result()
    assert [type(r).__name__ for r in results] == ["Failure", "Annotation"]
    assert results[0].stage == "timeout" and "article big (t:1)" in results[0].reason


def test_too_large_article_is_refused_with_the_limit_named(pipeline):
    from eventwire import Pipeline

    pipe = Pipeline(settings=pipeline.settings.replace(max_article_chars=100))
    pipe._nlp = pipeline.nlp
    results = list(pipe.annotate_many([Article(text="x " * 100, id="long", position="f.txt")]))
    assert results[0].stage == "limits"
    assert "article long (f.txt)" in results[0].reason and "max_article_chars=100" in results[0].reason


def test_empty_article_gives_no_events_and_a_warning(pipeline):
    ann = pipeline.annotate("   \n ", id="blank")
    assert ann.events == ()
    assert any("empty text" in w for w in ann.warnings)


FRENCH = (
    "Le ministre des affaires étrangères a rencontré hier son homologue dans la capitale pour "
    "discuter de la situation à la frontière et des négociations qui doivent reprendre la semaine "
    "prochaine avec les représentants des deux pays."
)


def test_non_english_article_gets_a_warning_and_no_events_from_every_entry_point(pipeline):
    ann = pipeline.annotate(FRENCH, id="fr-1")
    assert ann.events == () and ann.sentences == ()
    assert any("does not look like English" in w for w in ann.warnings)
    declared = pipeline.annotate("Police arrested protesters in Nairobi on Monday.", id="sw-1", language="sw")
    assert declared.events == () and "language 'sw' is not English" in declared.warnings[0]
    [batched] = list(pipeline.annotate_many([Article(text=FRENCH, id="fr-2")]))
    assert isinstance(batched, type(ann)) and batched.events == ()


def test_skip_non_english_off_parses_everything(pipeline):
    from eventwire import Pipeline

    pipe = Pipeline(settings=pipeline.settings.replace(skip_non_english=False))
    pipe._nlp = pipeline.nlp
    ann = pipe.annotate(FRENCH, id="fr-3")
    assert ann.sentences and not any("English" in w for w in ann.warnings)


def test_model_called_directly_like_spacy_codes_the_text(pipeline):
    doc = pipeline.nlp("Police arrested three protesters in Nairobi.")
    assert doc._.article is not None and doc._.article.text == doc.text
    assert [e.event for e in doc._.ew_events] == ["COERCE"]
