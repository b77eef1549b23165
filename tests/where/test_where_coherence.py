"""Coherence: a small town placed abroad moves into the one country the rest of the text vouches for."""

from __future__ import annotations

from eventwire.where.consensus import cohere, countries_first
from eventwire.where.gazetteer import Candidate
from eventwire.where.recognize import Toponym


def _cand(i: int, cc: str, kind: str = "city", population: int = 5_000) -> Candidate:
    return Candidate(id=i, name=f"p{i}", lat=0.0, lon=0.0, country_code=cc, admin1=None, feature_class="P",
                     feature_code="PPL", population=population, kind=kind, geonameid=i, admin1code=None)


def _top(key: str, cands: list[Candidate], chosen: Candidate | None) -> Toponym:
    return Toponym(0, 1, 0, len(key), key, "ner-GPE", tuple(cands), chosen=chosen, rule="ner-GPE:ranker")


def _home(n: int) -> list[Toponym]:
    return [_top(f"division{i}", [_cand(100 + i, "NPL", kind="admin1")], _cand(100 + i, "NPL", kind="admin1"))
            for i in range(n)]


def test_stray_town_moves_to_its_namesake_at_home():
    abroad, home = _cand(1, "MNE"), _cand(2, "NPL", population=800)
    stray = _top("bara", [abroad, home], abroad)
    cohere([*_home(2), stray])
    assert stray.chosen is home and stray.rule == "ner-GPE:coherence"


def test_stray_town_with_no_namesake_is_left_unresolved():
    abroad = _cand(1, "LAO")
    stray = _top("seno", [abroad, _cand(3, "THA")], abroad)
    cohere([*_home(2), stray])
    assert stray.chosen is None


def test_one_voucher_is_not_enough():
    abroad = _cand(1, "MNE")
    stray = _top("bara", [abroad, _cand(2, "NPL")], abroad)
    cohere([*_home(1), stray])
    assert stray.chosen is abroad


def test_big_city_and_named_countries_stay():
    big = _cand(1, "FRA", population=2_000_000)
    city = _top("paris", [big], big)
    cohere([*_home(3), city])
    assert city.chosen is big
    other = _top("france", [_cand(5, "FRA", kind="country")], _cand(5, "FRA", kind="country"))
    abroad = _cand(6, "FRA")
    town = _top("lyon-la-petite", [abroad], abroad)
    cohere([*_home(3), other, town])
    assert town.chosen is abroad  # the text names France too: two countries, no pull


def test_a_one_country_name_is_no_evidence_for_itself():
    # "in Kani township (Yinmarbin district, Sagaing region)": the gazetteer's only Kani is in Japan
    abroad = _cand(1, "JPN")
    stray = _top("kani", [abroad], abroad)
    cohere([*_home(2), stray])
    assert stray.chosen is None and stray.rule == "ner-GPE:coherence"


def test_two_names_abroad_vouch_for_each_other():
    laos, laos2 = _cand(1, "LAO"), _cand(2, "LAO")
    seno, other = _top("seno", [laos], laos), _top("pakse", [laos2], laos2)
    cohere([*_home(2), seno, other])
    assert seno.chosen is laos and other.chosen is laos2  # the text vouches for two countries: no pull


def test_a_stray_vote_does_not_stop_the_pull():
    # Kenya's districts listed with a province the ranker put in Rwanda ("Western"): "Suba" is no Suva in Fiji
    rwanda = _cand(7, "RWA", kind="admin1")
    western = _top("western", [rwanda], rwanda)
    fiji = _cand(1, "FJI", population=77_000)
    stray = _top("suba", [fiji, _cand(2, "PHL")], fiji)
    cohere([*_home(3), western, stray])
    assert stray.chosen is None and stray.rule == "ner-GPE:coherence"


def test_a_second_country_with_a_fair_share_of_votes_stops_the_pull():
    rwanda = [_top(f"r{i}", [_cand(7 + i, "RWA", kind="admin1")], _cand(7 + i, "RWA", kind="admin1")) for i in range(2)]
    fiji = _cand(1, "FJI", population=77_000)
    stray = _top("suba", [fiji], fiji)
    cohere([*_home(4), *rwanda, stray])
    assert stray.chosen is fiji  # four votes against two: not more than twice the others


def test_a_dateline_is_not_pulled():
    abroad = _cand(1, "USA")
    filed = _top("cromwell", [abroad], abroad)
    filed.dateline = True
    cohere([*_home(2), filed])
    assert filed.chosen is abroad


def test_a_countrys_own_name_is_the_country_unless_the_text_vouches_for_the_town():
    town, country = _cand(1, "CRI", population=60_000), _cand(2, "LBR", kind="country")
    country = Candidate(**{**country.__dict__, "name": "Liberia"})
    liberia = _top("liberia", [town, country], town)
    countries_first([liberia])
    assert liberia.chosen is country and liberia.rule == "ner-GPE:country-name"
    town2 = _cand(3, "CRI", population=60_000)
    again = _top("liberia", [town2, country], town2)
    costa_rica = _top("costa rica", [_cand(4, "CRI", kind="country")], _cand(4, "CRI", kind="country"))
    countries_first([again, costa_rica])
    assert again.chosen is town2  # "Liberia, in Costa Rica's Guanacaste": the text names the town's country
