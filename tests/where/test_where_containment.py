"""Containment: the qualifier of a name the gazetteer lacks is read as a division (issue 15)."""

from __future__ import annotations


def _place(ann, text):
    hits = [p for p in ann.places if p.extracted_place == text]
    assert hits, [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    return hits[0]


def test_qualifier_of_unknown_village_is_a_department_not_a_capital_abroad(pipeline):
    ann = pipeline.annotate("On 2 July 2022, in Pileta (Sucre), gunmen shot a shopkeeper.")
    sucre = _place(ann, "Sucre")
    # the department (or a town of that department named after it), never Bolivia's capital
    assert sucre.country_code != "BOL" and sucre.admin1 == "Sucre", sucre


def test_qualifier_of_unknown_village_keeps_the_division_namesake_town(pipeline):
    ann = pipeline.annotate("Artillery hit Derhachi, Kharkiv, on Thursday morning.")
    kharkiv = _place(ann, "Kharkiv")
    assert kharkiv.country_code == "UKR", kharkiv


def test_known_town_qualified_by_a_division_stays_the_town(pipeline):
    ann = pipeline.annotate("In Rosario (Santa Fe), nurses marched to the hospital on Monday.")
    assert _place(ann, "Rosario").resolution == "point"
    assert _place(ann, "Santa Fe").resolution == "admin1"


def test_name_abroad_takes_the_smallest_place_of_its_bracketed_chain(pipeline):
    # the gazetteer's only Shangi is in Rwanda; the chain opens with a name it lacks (Bwisha)
    ann = pipeline.annotate("On 20 June 2023, M23 militants shelled army positions in Shangi (Bwisha, Rutshuru, Nord-Kivu).")
    shangi = _place(ann, "Shangi")
    assert shangi.country_code == "COD" and shangi.resolved_place == "Rutshuru", shangi
    assert shangi.rule and shangi.rule.endswith("enclosing")


def test_place_noun_and_unknown_names_between_a_name_and_its_division(pipeline):
    # "community" and the unknown "Ahoada West" come between Oshie (a Cameroonian namesake) and Rivers State
    ann = pipeline.annotate("On 2 March 2023, gunmen invaded Oshie community (Ahoada West, Rivers) and killed three.")
    assert _place(ann, "Oshie").country_code == "NGA"


def test_unknown_township_takes_its_district_town_before_the_region(pipeline):
    ann = pipeline.annotate("On 8 May 2023, soldiers detained three men in Myaing township (Pakokku district, Magway region).")
    myaing = _place(ann, "Myaing")
    assert myaing.country_code == "MMR" and myaing.resolved_place == "Pakokku", myaing


def test_a_bracketed_aside_is_no_chain(pipeline):
    # words that are not names inside the bracket: no qualifier, the town keeps its own place
    ann = pipeline.annotate("Police in Rosario (the third city of the country, in Santa Fe) arrested two men.")
    assert _place(ann, "Rosario").country_code == "ARG"


def test_division_name_tagged_as_an_adjective_is_still_a_place(pipeline):
    # the model reads "Aleppo" before "province" as an adjective (NORP): the division word makes it a name
    ann = pipeline.annotate("On 12 May 2022, fighters shelled army positions in Al Kawukli village, Aleppo province.")
    assert _place(ann, "Aleppo").country_code == "SYR"
    assert _place(ann, "Al Kawukli").country_code == "SYR"


def test_city_dash_district_is_a_place_not_an_organisation(pipeline):
    # the model reads "Donetsk - Voroshilovsky" as an organisation; the district the gazetteer lacks takes the city
    ann = pipeline.annotate("On 18 June 2022, Ukrainian forces shelled DPR positions in Donetsk - Voroshilovsky.")
    donetsk = _place(ann, "Donetsk")
    assert donetsk.country_code == "UKR" and not (donetsk.rule or "").endswith("in-actor"), donetsk
    district = _place(ann, "Voroshilovsky")
    assert district.resolved_place == donetsk.resolved_place and district.rule.endswith("enclosing"), district
    events = [e for e in ann.events if e.event_loc is not None]
    assert events and events[0].event_loc.country_code == "UKR"


def test_a_dash_between_two_countries_is_no_containment(pipeline):
    ann = pipeline.annotate("Talks on the Armenia - Azerbaijan border resumed on Monday.")
    assert _place(ann, "Azerbaijan").country_code == "AZE"
