"""Event places the gazetteer lacks or puts abroad take the place the text names around them (resolution ``enclosing``)."""

from __future__ import annotations

import dataclasses

from eventwire.records import Place
from eventwire.where.fallbacks import ENCLOSING_RULES, enclosed, is_stray


def _place(name: str, start: int, resolution: str, country: str | None = None, code: str | None = None,
           rule: str = "ner-GPE:ranker") -> Place:
    known = resolution != "unresolved"
    return Place(extracted_place=name, span=(start, start + len(name)), resolved_place=name if known else None,
                 lat=1.0 if known else None, lon=2.0 if known else None, country_code=country,
                 feature_code=code, resolution=resolution, sentence_index=0, rule=rule)


# "On 9 May 2023, in Juticalpa, Olancho, drivers protested near the Canal Seco bridge."
JUTICALPA = _place("Juticalpa", 19, "point", "HND", "PPLA")
OLANCHO = _place("Olancho", 30, "admin1", "HND", "ADM1")
CANAL = _place("Canal Seco", 67, "unresolved", rule="ner-FAC:only")


def test_unknown_place_takes_the_opening_scene():
    loc = enclosed(CANAL, [JUTICALPA, OLANCHO, CANAL], opening=JUTICALPA)
    assert loc is not None and loc.extracted_place == "Canal Seco" and loc.span == CANAL.span
    assert (loc.country_code, loc.resolved_place) == ("HND", "Juticalpa")
    assert loc.rule and loc.rule.startswith(ENCLOSING_RULES) and loc.resolution != "unresolved"
    assert loc.rule and loc.rule.startswith("event-loc:enclosing-opening")


def test_a_known_place_right_after_comes_first():
    # "... near the Canal Seco in Catacamas": the nearer name qualifies the unknown one
    catacamas = _place("Catacamas", 81, "point", "HND", "PPL")
    loc = enclosed(CANAL, [JUTICALPA, OLANCHO, CANAL, catacamas], opening=JUTICALPA)
    assert loc is not None and loc.resolved_place == "Catacamas" and loc.rule and loc.rule.startswith(ENCLOSING_RULES)
    assert loc.rule and loc.rule.startswith("event-loc:enclosing-in-sentence")


def test_a_far_point_after_is_no_qualifier():
    far = _place("Catacamas", 67 + len("Canal Seco") + 60, "point", "HND", "PPL")
    loc = enclosed(CANAL, [CANAL, far])
    assert loc is None


def test_sentences_naming_two_countries_give_no_enclosing_place():
    tegucigalpa = _place("Managua", 90, "point", "NIC", "PPLC")
    assert enclosed(CANAL, [JUTICALPA, CANAL, tegucigalpa], opening=JUTICALPA) is None


def test_a_country_named_before_the_unknown_place_does_not_spoil_its_enclosure():
    # "On 9 May 2023, police clashed with the Nicaragua army near the Canal Seco, Olancho."
    nicaragua = _place("Nicaragua", 45, "country", "NIC", "PCLI")
    olancho = _place("Olancho", 79, "admin1", "HND", "ADM1")
    loc = enclosed(CANAL, [nicaragua, CANAL, olancho])
    assert loc is not None and (loc.resolved_place, loc.country_code) == ("Olancho", "HND")
    assert enclosed(CANAL, [CANAL, olancho, _place("Managua", 95, "point", "NIC", "PPLC")]) is None


def test_a_town_abroad_named_nowhere_else_is_a_stray():
    morro = _place("Morro", 70, "point", "USA", "PPL")
    assert is_stray(morro, JUTICALPA, [JUTICALPA, OLANCHO, morro])


def test_a_town_in_a_country_the_text_names_is_no_stray():
    rafah = _place("Rafah", 70, "point", "PSE", "PPL")
    gaza = _place("Gaza", 90, "admin1", "PSE", "ADM1")
    washington = _place("Washington", 3, "point", "USA", "PPLC")
    assert not is_stray(rafah, washington, [washington, rafah, gaza])
    assert not is_stray(_place("Catacamas", 70, "point", "HND", "PPL"), JUTICALPA, [JUTICALPA])


def test_a_town_straying_from_the_texts_one_country_takes_the_place_that_contains_it():
    from eventwire.where.eventloc import _strays_from

    text = "Nurses rallied at Harbour Park in Tacoma (Washington) for better pay."
    harbour = _place("Harbour", text.index("Harbour"), "point", "AUS", "PPL")
    tacoma = _place("Tacoma", text.index("Tacoma"), "point", "USA", "PPL")
    state = _place("Washington", text.index("Washington"), "admin1", "USA", "ADM1")
    assert _strays_from(harbour, [harbour, tacoma, state], text) == tacoma
    # one name alone does not make the text's country, and a town in that country is no stray
    assert _strays_from(harbour, [harbour, tacoma], text) is None
    assert _strays_from(dataclasses.replace(harbour, country_code="USA"), [harbour, tacoma, state], text) is None


def test_a_place_after_a_stray_must_contain_it():
    from eventwire.where.eventloc import _strays_from

    text = "Nurses rallied in Harbour to call for peace in Tacoma and Seattle."
    harbour = _place("Harbour", text.index("Harbour"), "point", "AUS", "PPL")
    tacoma = _place("Tacoma", text.index("Tacoma"), "point", "USA", "PPL")
    seattle = _place("Seattle", text.index("Seattle"), "point", "USA", "PPL")
    assert _strays_from(harbour, [harbour, tacoma, seattle], text) is None
