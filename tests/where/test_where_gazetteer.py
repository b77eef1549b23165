"""The gazetteer index: keys, building from (fake) GeoNames data plus curated and user files, caching."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.where import build
from eventwire.where.gazetteer import Gazetteer, data_dir
from eventwire.where.normalize import fold, is_latin_key

FAKE_CITIES = {
    "1": {"geonameid": 1, "name": "Rafaḩ", "latitude": 31.29, "longitude": 34.24, "countrycode": "PS",
          "population": 126305, "admin1code": "GZ", "alternatenames": ["Rafah", "رفح", "RF"]},
    "2": {"geonameid": 2, "name": "Rafaḩ", "latitude": 31.28, "longitude": 34.23, "countrycode": "EG",
          "population": 44215, "admin1code": "27", "alternatenames": ["Rafah"]},
    "3": {"geonameid": 3, "name": "Paris", "latitude": 33.66, "longitude": -95.55, "countrycode": "US",
          "population": 24782, "admin1code": "TX", "alternatenames": []},
    "4": {"geonameid": 4, "name": "Austin", "latitude": 30.27, "longitude": -97.74, "countrycode": "US",
          "population": 961855, "admin1code": "TX", "alternatenames": []},
}
FAKE_COUNTRIES = {
    "PS": {"geonameid": 6254930, "name": "Palestinian Territory", "iso": "PS", "iso3": "PSE", "capital": "East Jerusalem", "population": 1},
    "EG": {"geonameid": 357994, "name": "Egypt", "iso": "EG", "iso3": "EGY", "capital": "Cairo", "population": 1},
    "US": {"geonameid": 6252001, "name": "United States", "iso": "US", "iso3": "USA", "capital": "Washington", "population": 1},
}
FAKE_STATES = {"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}}


@pytest.fixture
def small_index(tmp_path, monkeypatch) -> Gazetteer:
    monkeypatch.setattr(build, "_load_geonames", lambda: (FAKE_CITIES, FAKE_COUNTRIES, FAKE_STATES))
    user = tmp_path / "mine.tsv"
    user.write_text("# my places\nZarqawa checkpoint\tZarqawa\t33.1\t44.2\tIRQ\tS\tPSTB\n", encoding="utf-8")
    path = build.build_index(tmp_path / "g.sqlite", data_dir() / "country_centroids.tsv",
                             [data_dir() / "conflict_places.tsv", data_dir() / "divisions.tsv", user],
                             data_dir() / "country_aliases.tsv")
    return Gazetteer(path)


def test_fold():
    assert fold("Rafaḩ") == "rafah"
    assert fold("Nagorno-Karabakh") == "nagorno karabakh"
    assert fold("Côte d’Ivoire") == "cote divoire"
    assert fold("  São   Paulo ") == "sao paulo"
    assert fold("Łódź") == "lodz"
    assert is_latin_key("gaza strip") and not is_latin_key("رفح")


def test_build_indexes_latin_alternate_names_only(small_index):
    names = {c.country_code for c in small_index.candidates("rafah")}
    assert names == {"PSE", "EGY"}
    assert small_index.candidates("رفح") == ()
    assert small_index.candidates("rf") == ()  # short upper-case codes are not names


def test_cities_take_the_name_of_their_linked_subdivision(small_index):
    gaza_rafah = next(c for c in small_index.candidates("rafah") if c.kind == "city" and c.country_code == "PSE")
    assert gaza_rafah.admin1 is not None
    paris = next(c for c in small_index.candidates("paris") if c.kind == "city")
    assert paris.admin1 == "Texas"


def test_countries_aliases_subdivisions_and_curated(small_index):
    assert small_index.candidates("us")[0].country_code == "USA"
    assert small_index.candidates("us")[0].kind == "country"
    texas = [c for c in small_index.candidates("texas") if c.kind == "admin1"]
    assert texas and texas[0].admin1code == "US.TX" and texas[0].lat is not None
    assert small_index.candidates("gaza strip")[0].kind == "curated"


def test_prefix_flags_allow_longest_match(small_index):
    assert small_index.is_prefix("kerem") and not small_index.is_name("kerem")
    assert small_index.is_name("kerem shalom crossing")
    assert small_index.is_prefix("gaza") and small_index.is_name("gaza")


def test_user_places_file_is_indexed_like_the_bundled_one(small_index):
    hit = small_index.candidates("zarqawa")
    assert hit and hit[0].name == "Zarqawa checkpoint" and hit[0].country_code == "IRQ"


def test_bundled_divisions_are_second_level_divisions(small_index):
    bara = [c for c in small_index.candidates("bara") if c.country_code == "NPL"]
    assert bara and bara[0].kind == "admin2" and 26.8 < bara[0].lat < 27.4  # Nepal's Bara district, not a curated place
    assert any(c.kind == "admin2" for c in small_index.candidates("chitwan"))  # an alias


def test_index_hash_changes_with_data(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_text("X\t\t1\t2\tIRQ\tL\tRGN\n", encoding="utf-8")
    h1 = build.index_hash([f])
    f.write_text("X\t\t1\t3\tIRQ\tL\tRGN\n", encoding="utf-8")
    assert build.index_hash([f]) != h1


def test_bad_places_file_names_the_line(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("Only\ttwo\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv: data line 1"):
        build.read_places_tsv(f)


def test_bundled_data_files_parse():
    rows = build.read_places_tsv(data_dir() / "conflict_places.tsv")
    assert len(rows) > 100
    districts = build.read_places_tsv(data_dir() / "divisions.tsv")
    assert len(districts) >= 75 and all((fc, code) == ("A", "ADM2") and len(cc3) == 3 for *_, cc3, fc, code in districts)
    rows += districts
    for name, _aliases, lat, lon, cc3, _fc, _code in rows:
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and len(cc3) in (0, 3), name  # oceans: no country
    centroids = [line.split("\t") for line in (data_dir() / "country_centroids.tsv").read_text().splitlines()
                 if line and not line.startswith("#")]
    assert len(centroids) > 200
    assert all(len(c[0]) == 3 and -90 <= float(c[3]) <= 90 for c in centroids)


def test_real_index_is_cached(pipeline):
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer
    assert Path(gaz.path).exists() and gaz.path.name.startswith("gazetteer-")
    stats = gaz.stats()
    assert stats["places"] > 200_000 and stats["names"] > stats["places"]


def test_gazetteer_pickles_for_worker_processes(small_index):
    import pickle

    copy = pickle.loads(pickle.dumps(small_index))
    assert copy.path == small_index.path
    assert [c.id for c in copy.candidates("rafah")] == [c.id for c in small_index.candidates("rafah")]


def test_division_stems_drop_transliterated_type_words():
    assert build._subdivision_stem("Anhui Sheng") == "anhui"
    assert build._subdivision_stem("Xinjiang Uygur Zizhiqu") == "xinjiang"
    assert build._subdivision_stem("Muhafazat Dimashq") == "dimashq"
    assert build._subdivision_stem("Changwat Chiang Mai") == "chiang mai"
    assert build._subdivision_stem("Sao Paulo") == "sao paulo"


def test_second_level_names_drop_compound_type_words():
    assert "Fraser Valley" in build._admin2_labels("Fraser Valley Regional District", "CA")
    assert "Capricorn" in build._admin2_labels("Capricorn District Municipality", "ZA")
    assert build._admin2_labels("Boone County", "US") == ["Boone County"]  # a US county's stem is a town elsewhere
    assert "West Coast" in build._admin2_labels("West Coast District Municipality", "ZA")  # two words still name it


def test_a_us_county_stem_only_when_no_town_is_called_so():
    towns = frozenset({"boone", "new york"})
    assert build._admin2_labels("DuPage County", "US", towns) == ["DuPage County", "DuPage"]
    assert build._admin2_labels("Avoyelles Parish", "US", towns) == ["Avoyelles Parish", "Avoyelles"]
    assert build._admin2_labels("Boone County", "US", towns) == ["Boone County"]
    assert build._admin2_labels("New York County", "US", towns) == ["New York County"]


def test_a_generic_word_alone_is_no_division_stem():
    assert not build._named_stem("federal") and not build._named_stem("northern")
    assert build._named_stem("west coast") and build._named_stem("nyanza")


def test_real_index_knows_provinces_islands_and_oceans(pipeline):
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer

    def kinds(key: str) -> set[tuple[str, str | None]]:
        return {(c.kind, c.country_code) for c in gaz.candidates(key)}

    assert ("admin1", "CHN") in kinds("anhui") and ("admin1", "CHN") in kinds("xinjiang")
    assert ("curated", "IDN") in kinds("java") and ("curated", "JPN") in kinds("honshu")
    assert ("curated", None) in kinds("indian ocean")


def test_division_point_is_not_its_biggest_town():
    # a package point within CITY_POINT_KM of the division's biggest town is that town's, not the middle's
    town = (8_000_000, 40.71, -74.01)
    assert build._middle_point((40.7128, -74.006), town) is None
    assert build._middle_point((42.9, -75.5), town) == (42.9, -75.5)
    assert build._middle_point(None, town) is None
    assert build._middle_point((42.9, -75.5), None) == (42.9, -75.5)


def test_events_in_a_division_go_to_its_populated_middle(pipeline):
    """Queensland's point is its geographic middle; an event known only to be in it goes where its towns are."""
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer
    qld = next(c for c in gaz.candidates("queensland") if c.kind == "admin1")
    middle = gaz.populated_middle(qld.name, "AUS")
    assert middle is not None and qld.lon is not None and middle[1] > qld.lon  # the towns lie east, on the coast
    ann = pipeline.annotate("Farmers marched through Queensland on Monday to protest the water plan.", date="2024-03-04")
    place = next(p for p in ann.places if p.extracted_place == "Queensland")
    assert (place.lat, place.lon) == (qld.lat, qld.lon)
    ev = next(e for e in ann.events if e.event_loc is not None)
    assert ev.event_loc is not None and (ev.event_loc.lat, ev.event_loc.lon) == middle
    assert (ev.event_loc.rule or "").endswith(";populated-middle")


def test_an_unlinked_division_keeps_the_package_point_only_near_its_country():
    cells = build._town_cells({"AF.18": [(34.0, 69.0), (33.9, 69.1)], "FR.11": [(48.85, 2.35)]})
    assert cells["AF"] == {(34, 69), (33, 69)}
    assert build._checked_point((33.9, 69.2), cells["AF"]) == (33.9, 69.2)  # Logar, among Afghan towns
    assert build._checked_point((35.1, 70.9), cells["AF"]) == (35.1, 70.9)  # a neighbouring cell
    assert build._checked_point((16.0, 61.0), cells["FR"]) == (None, None)  # Martinique: no French town near
    assert build._checked_point(None, cells["AF"]) == (None, None)


def test_real_index_places_iso_divisions_geonames_does_not_link(pipeline):
    """ISO divisions no GeoNames town links to ("Lōgar", "Ituri", "Sud-Kivu") have a point in their country."""
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer
    boxes = {"logar": ("AFG", 33.0, 35.0, 68.0, 70.5), "ituri": ("COD", 0.0, 3.5, 27.0, 31.5),
             "sud kivu": ("COD", -5.0, -1.5, 26.5, 29.5)}
    for key, (iso3, lat0, lat1, lon0, lon1) in boxes.items():
        divisions = [c for c in gaz.candidates(key) if c.kind == "admin1" and c.country_code == iso3]
        assert divisions and all(c.lat is not None for c in divisions), key
        assert all(lat0 < c.lat < lat1 and lon0 < c.lon < lon1 for c in divisions if c.lat is not None), key


def test_second_level_iso_divisions_fill_gaps_under_their_first_level(pipeline):
    """Provinces of Burkina Faso are ISO second-level subdivisions GeoNames' extracts do not name."""
    assert build._top_subdivision("BF-TAP") == "BF-08"  # Tapoa lies in the Est region
    assert build._top_subdivision("BF-08") == "BF-08"
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer
    tapoa = [c for c in gaz.candidates("tapoa") if c.kind == "admin2"]
    assert tapoa and tapoa[0].country_code == "BFA" and tapoa[0].lat is not None
    assert 11.0 < tapoa[0].lat < 13.5 and 0.5 < tapoa[0].lon < 2.5
    # a name GeoNames already has in that country is not added twice
    assert sum(1 for c in gaz.candidates("birbhum") if c.kind == "admin2" and c.country_code == "IND") == 1
