"""User actor files override the bundled knowledge base; the loader and keys behave."""

from __future__ import annotations

import pytest
from actors_helpers import covering, run_actors

from eventwire.actors.kb import (
    KnowledgeBase,
    bundled_dir,
    fuzzy_key,
    load_actor_file,
    load_countries,
)
from eventwire.config import Settings

OVERRIDE_TSV = (
    "name\taliases\tcode\tsector\tcountry\tkind\toffice\trole\tstart\tend\tqid\tgender\tnote\n"
    "Abbas Kamel\tKamel\tEGY\tGOV\tEGY\tperson\tSpecial envoy\t\t2018-01-18\t\t\tm\ttest override\n"
    "Zara Okonkwo-Ville\tOkonkwo-Ville\tNGA\tLEG\tNGA\tperson\tSenator\t\t2019-06-11\t\t\tf\tinvented person\n"
)

OVERRIDE_YAML = """\
- name: Zara Okonkwo-Ville
  aliases: [Okonkwo-Ville]
  code: NGA
  sector: JUD
  country: NGA
  kind: person
  office: Judge
  start: "2019-06-11"
"""


def test_fuzzy_key_spelling_variants():
    assert fuzzy_key("Abdel Fattah al-Sisi") == fuzzy_key("Abdel Fattah el-Sissi")
    assert fuzzy_key("Sissi") == fuzzy_key("Sisi")
    assert fuzzy_key("Erdoğan") == fuzzy_key("Erdogan")
    assert fuzzy_key("Blinken") != fuzzy_key("Biden")


def test_bundled_files_load_through_the_user_loader():
    kb = KnowledgeBase()
    kb.add_countries(load_countries(bundled_dir() / "countries.tsv"))
    kb.add_records(load_actor_file(bundled_dir() / "people.tsv"))
    assert len(kb.countries) >= 249
    sisi = kb.find("Sissi")
    assert sisi and sisi[0].name == "Abdel Fattah al-Sisi"
    rec, _ = sisi[0].at("2013-01-01")
    assert rec.sector == "MIL"
    rec, _ = sisi[0].at("2020-01-01")
    assert rec.sector == "GOV"
    holder = kb.holder("USA", "fm", "2024-06-10")
    assert holder is not None and holder[0].name == "Antony Blinken"


def test_later_file_shadows_earlier(tmp_path):
    kb = KnowledgeBase()
    kb.add_records(load_actor_file(bundled_dir() / "people.tsv"))
    user = tmp_path / "mine.tsv"
    user.write_text(OVERRIDE_TSV, encoding="utf-8")
    kb.add_records(load_actor_file(user))
    kamel = kb.find("Abbas Kamel")
    assert len(kamel) == 1
    rec, _ = kamel[0].at("2024-06-10")
    assert (rec.sector, rec.office) == ("GOV", "Special envoy")
    # an unrelated bundled actor is untouched
    assert kb.find("Antony Blinken")


def test_user_override_changes_resolution(pipeline, tmp_path):
    text = "Egyptian intelligence chief Abbas Kamel met Senator Zara Okonkwo-Ville in Abuja."
    before = run_actors(pipeline, text, "2024-06-10")
    kamel = covering(before, text.index("Kamel"), text.index("Kamel") + 5)
    assert kamel is not None and kamel.sector == "SPY"
    user = tmp_path / "mine.tsv"
    user.write_text(OVERRIDE_TSV, encoding="utf-8")
    after = run_actors(pipeline, text, "2024-06-10", Settings(actors_files=(str(user),)))
    kamel = covering(after, text.index("Kamel"), text.index("Kamel") + 5)
    assert kamel is not None and (kamel.code, kamel.sector, kamel.office) == ("EGY", "GOV", "Special envoy")
    zara = covering(after, text.index("Zara"), text.index("Ville"))
    assert zara is not None and (zara.code, zara.sector, zara.name) == ("NGA", "LEG", "Zara Okonkwo-Ville")


def test_yaml_user_file(pipeline, tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(OVERRIDE_YAML, encoding="utf-8")
    text = "Zara Okonkwo-Ville adjourned the hearing."
    ents = run_actors(pipeline, text, "2024-06-10", Settings(actors_files=(str(user),)))
    zara = covering(ents, 0, 4)
    assert zara is not None and (zara.code, zara.sector) == ("NGA", "JUD")


def test_missing_user_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="actor file not found"):
        load_actor_file(tmp_path / "nope.tsv")


def test_optional_cameo_eur_file_restores_eur(pipeline):
    """The bundled EU rows are IGO (PLOVER's non-state codes); the optional file gives CAMEO's EUR."""
    text = "The European Commission fined the company, and Donald Tusk criticised the ruling."
    default = run_actors(pipeline, text, "2025-03-02")
    start = text.index("Commission")
    ent = covering(default, start, start + 10)
    assert ent is not None and ent.code == "IGO"
    eur = bundled_dir() / "optional" / "cameo-eur.tsv"
    ents = run_actors(pipeline, text, "2025-03-02", Settings(actors_files=(str(eur),)))
    ent = covering(ents, start, start + 10)
    assert ent is not None and ent.code == "EUR"
    tusk = covering(ents, text.index("Tusk"), text.index("Tusk") + 4)
    assert tusk is not None and tusk.code == "POL"  # his later national office survives the override
    ents = run_actors(pipeline, "Donald Tusk chaired the summit.", "2016-03-02", Settings(actors_files=(str(eur),)))
    assert ents and ents[0].code == "EUR"
