"""The event scorer lists actor/recipient misses on matched events (``eventwire.evaluate.errors``)."""

from __future__ import annotations

from eventwire.evaluate import GoldArticle, score_articles
from eventwire.records import Annotation, Article, Entity, Event


def _entity(text: str, code: str | None, sector: str | None) -> Entity:
    return Entity(text, (0, len(text)), code=code, sector=sector, rule="test")


def _event(actor: Entity, recipient: Entity) -> Event:
    return Event(id="e1", article_id="a1", event="ACCUSE", mode=None, aux_mode=(), context=(), quad_code=3,
                 cameo_root="11", date=None, date_precision=None, date_text=None, actor=(actor,),
                 recipient=(recipient,), event_loc=None, event_text="accused", span=(10, 17),
                 sentence_index=0, text="", confidence=1.0)


def test_errors_list_code_and_sector_misses_only():
    art = Article(text="Ruritanian police accused the Freedonian army.", id="a1")
    gold = GoldArticle(art, [{"event": "ACCUSE", "event_text": "accused",
                              "actor": [{"entity_text": "Ruritanian police", "code": "RUR", "sector": "COP"}],
                              "recipient": [{"entity_text": "Freedonian army", "code": "FRE", "sector": "MIL"}]}])
    ann = Annotation(art, sentences=((0, len(art.text)),),
                     events=(_event(_entity("Ruritanian police", "RUR", "COP"), _entity("army", None, "MIL")),))
    result = score_articles([(gold, ann)])
    assert result["matched"]["actor_code"]["accuracy"] == 1.0
    assert result["matched"]["recipient_code"]["accuracy"] == 0.0
    assert len(result["errors"]) == 1
    err = result["errors"][0]
    assert err["id"] == "a1" and err["role"] == "recipient" and err["wrong"] == ["code"]
    assert err["predicted"][0]["entity_text"] == "army" and err["gold"][0]["code"] == "FRE"
