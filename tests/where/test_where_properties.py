"""Properties: every place span slices the original text to the place's recorded text; no two places overlap."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = ["Belgrade, Minn.", "FAIRFIELD, Conn. --", "Democratic Republic of the Congo", "Cairo", "Gaza Strip", "Rafah crossing", "São Paulo", "Kyiv", "KYIV", "Paris, Texas", "Nagorno-Karabakh",
         "al-Bureij", "the Red Sea", "Deir al-Balah", "Zaporizhzhia", "U.S.", "Côte d'Ivoire", "Khan Younis"]
WORDS = ["troops", "entered", "in", "near", "said", "on", "Monday", "the", "Minister", "Jordan", "Ahmed", ",", ".",
         "—", "(Reuters)", "“", "”", "\u00a0", "  ", "\n", "Mr.", "Egyptian", "army", "of", "crossing"]

pieces = st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS),
                            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6)),
                  min_size=1, max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=pieces)
def test_place_spans_slice_to_their_text(pipeline, parts):
    text = " ".join(parts)
    ann = pipeline.annotate(text)
    for p in ann.places:
        assert ann.article.text[p.span[0]:p.span[1]] == p.extracted_place
        assert p.extracted_place.strip() == p.extracted_place and p.extracted_place
        assert p.resolution in {"point", "admin1", "country", "unresolved"}
        if p.resolution != "unresolved":
            assert p.country_code is not None and len(p.country_code) == 3
    spans = sorted(p.span for p in ann.places)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), spans  # one place per stretch of text
