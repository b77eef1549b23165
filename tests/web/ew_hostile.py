"""An article carrying markup in every field the dashboard shows (text, title, url, names, places)."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from ew_sample import ACTORS, PLACES, VERBS, Actor, make_annotation  # noqa: E402

__all__ = ["IMG", "SCRIPT", "hostile_annotation"]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'


def hostile_annotation():
    """An article whose text, title, url, names and places carry markup that must never run."""
    evil_actor = Actor(IMG, "<script>window.__pwned=5</script>", "XSS", "GOV", "person")
    evil_place = ("<svg onload=window.__pwned=6>", 10.0, 20.0, "ATA")
    ann = make_annotation(
        "xss", date(2024, 6, 3),
        [(evil_actor, VERBS[0], ACTORS[0], evil_place, 0), (ACTORS[1], VERBS[7], evil_actor, PLACES[0], 1)],
        title='<img src=x onerror="window.__pwned=3">Hostile title', extra_text=f"Then {SCRIPT} happened.",
        quote=(evil_actor, "<b onmouseover=window.__pwned=7>bold</b>"),
    )
    article = dataclasses.replace(ann.article, url="javascript:window.__pwned=4")
    return dataclasses.replace(ann, article=article)
