"""Containment: the qualifier of a name the gazetteer lacks is read as a division (issue 15)."""

from __future__ import annotations


def _place(ann, text):
    hits = [p for p in ann.places if p.extracted_place == text]
    assert hits, [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    return hits[0]


def test_qualifier_of_unknown_village_is_a_department_not_a_capital_abroad(pipeline):
    ann = pipeline.annotate("On 2 July 2022, in Pileta (Sucre), gunmen shot a shopkeeper.")
    sucre = _place(ann, "Sucre")
    assert sucre.country_code != "BOL" and sucre.resolution == "admin1", sucre


def test_qualifier_of_unknown_village_keeps_the_division_namesake_town(pipeline):
    ann = pipeline.annotate("Artillery hit Derhachi, Kharkiv, on Thursday morning.")
    kharkiv = _place(ann, "Kharkiv")
    assert kharkiv.country_code == "UKR", kharkiv


def test_known_town_qualified_by_a_division_stays_the_town(pipeline):
    ann = pipeline.annotate("In Rosario (Santa Fe), nurses marched to the hospital on Monday.")
    assert _place(ann, "Rosario").resolution == "point"
    assert _place(ann, "Santa Fe").resolution == "admin1"
