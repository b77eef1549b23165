"""Generate a deterministic benchmark corpus of realistic-length news articles (JSONL).

Every sentence template below was written for this project; articles combine them with a
seeded random generator, so the same seed always gives byte-identical output.

    python benchmarks/corpus.py --n 400 --seed 7 --out benchmarks/corpus.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

__all__ = ["generate", "main"]

COUNTRIES = [
    ("Egypt", "Egyptian", "Cairo", "Abdel Fattah al-Sisi", "president"),
    ("Kenya", "Kenyan", "Nairobi", "William Ruto", "president"),
    ("France", "French", "Paris", "Emmanuel Macron", "president"),
    ("Germany", "German", "Berlin", "Olaf Scholz", "chancellor"),
    ("Japan", "Japanese", "Tokyo", "Fumio Kishida", "prime minister"),
    ("Brazil", "Brazilian", "Brasilia", "Luiz Inacio Lula da Silva", "president"),
    ("India", "Indian", "New Delhi", "Narendra Modi", "prime minister"),
    ("Turkey", "Turkish", "Ankara", "Recep Tayyip Erdogan", "president"),
    ("Nigeria", "Nigerian", "Abuja", "Bola Tinubu", "president"),
    ("Indonesia", "Indonesian", "Jakarta", "Joko Widodo", "president"),
    ("Mexico", "Mexican", "Mexico City", "Andres Manuel Lopez Obrador", "president"),
    ("Poland", "Polish", "Warsaw", "Donald Tusk", "prime minister"),
    ("South Africa", "South African", "Pretoria", "Cyril Ramaphosa", "president"),
    ("Qatar", "Qatari", "Doha", "Tamim bin Hamad Al Thani", "emir"),
    ("Ukraine", "Ukrainian", "Kyiv", "Volodymyr Zelensky", "president"),
    ("Colombia", "Colombian", "Bogota", "Gustavo Petro", "president"),
]
GROUPS = ["opposition supporters", "students", "farmers", "union members", "residents",
          "taxi drivers", "teachers", "health workers"]
ISSUES = ["fuel prices", "a disputed election", "water shortages", "new border controls",
          "the cost of bread", "a proposed tax on mobile payments", "delayed salaries",
          "the arrest of a journalist"]
TOPICS = ["trade", "security cooperation", "the ceasefire", "energy supplies",
          "grain exports", "refugee returns", "debt relief", "maritime borders"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
        "on Saturday", "on Sunday", "last week", "earlier this month", "yesterday"]

LEADS = [
    "{L1}, the {O1} of {C1}, met {L2} in {K2} {day} to discuss {topic}, officials said.",
    "{C1} and {C2} signed an agreement on {topic} {day}, according to a joint statement released in {K1}.",
    "Police in {K1} fired tear gas at hundreds of {group} who were protesting against {issue} {day}.",
    "{C1} accused {C2} {day} of violating an accord on {topic}, and summoned its ambassador.",
    "The foreign minister of {C1} travelled to {K2} {day} for talks with {N2} officials on {topic}.",
    "{L1} called on {C2} to release detained {N1} citizens, in a speech in {K1} {day}.",
]
BODY = [
    "The meeting lasted about two hours, and both delegations described it as constructive.",
    "{L1} said the two countries would keep working together on {topic} in the coming months.",
    "A spokesman for the {N2} foreign ministry said {C2} was ready to host a second round of talks.",
    "\"We have agreed to set up a joint committee that will report back by the end of the year,\" {L1} told reporters.",
    "{N1} troops were deployed along the border after clashes left three people dead, the army said.",
    "Human rights groups criticised the government of {C1} for the detention of dozens of {group}.",
    "The {N2} central bank announced a loan of $2 billion to {C1} to support its currency.",
    "Analysts in {K1} said the talks were the most serious attempt in years to resolve the dispute over {topic}.",
    "{L2} threatened to impose sanctions if {C1} did not withdraw its forces from the contested area.",
    "Officials in {K2} rejected the accusation and said the report was based on false information.",
    "The United Nations urged both sides to show restraint and to return to negotiations on {topic}.",
    "Hundreds of {group} marched through the centre of {K1} {day}, chanting slogans against {issue}.",
    "Security forces arrested at least 40 people during the protests, a police spokesman said.",
    "{C2} expelled two {N1} diplomats {day}, saying they had engaged in activities incompatible with their status.",
    "The {N1} parliament voted to approve the agreement on {topic} by a large majority.",
    "Ministers from both countries will meet again in {K1} next month, according to the statement.",
    "{L1} promised to investigate the deaths and to punish those responsible.",
    "The European Union said it would send humanitarian aid worth 50 million euros to {C2}.",
    "Rebels attacked a military post near the border {day}, killing four soldiers, local officials said.",
    "{N2} officials denied that any agreement had been reached and said discussions would continue.",
    "The government of {C2} praised the decision and thanked {L1} for his leadership.",
    "Opposition leaders in {C1} demanded the resignation of the interior minister over the crackdown.",
    "The talks in {K2} followed weeks of tension over {topic} and {issue}.",
    "{L2} said {C2} would not accept any conditions that threatened its sovereignty.",
    "Trade between {C1} and {C2} reached $12 billion last year, according to official figures.",
    "The two leaders also discussed the situation in the region and agreed to cooperate on counterterrorism.",
    "Witnesses said police beat several protesters and detained a photographer working for a local newspaper.",
    "A court in {K1} sentenced three activists to five years in prison for organising the demonstrations.",
    "{N1} officials said they expected the first shipments under the deal to arrive within weeks.",
    "{C1} recalled its ambassador from {K2} for consultations, the foreign ministry said in a statement.",
]


def _slots(rng: random.Random) -> dict[str, str]:
    a, b = rng.sample(COUNTRIES, 2)
    return {
        "C1": a[0], "N1": a[1], "K1": a[2], "L1": a[3], "O1": a[4],
        "C2": b[0], "N2": b[1], "K2": b[2], "L2": b[3],
        "topic": rng.choice(TOPICS), "issue": rng.choice(ISSUES), "group": rng.choice(GROUPS),
        "day": rng.choice(DAYS),
    }


def _article(rng: random.Random, n: int, start: dt.date) -> dict[str, str]:
    slots = _slots(rng)
    date = (start + dt.timedelta(days=rng.randrange(7))).isoformat()
    lead = rng.choice(LEADS).format(**slots)
    paragraphs = [lead]
    order = rng.sample(BODY, len(BODY))  # each template at most once per article
    for _ in range(rng.randint(8, 12)):
        sentences = [order.pop().format(**{**slots, "day": rng.choice(DAYS)})
                     for _ in range(min(len(order), rng.randint(2, 3)))]
        if sentences:
            paragraphs.append(" ".join(sentences))
    title = f"{slots['C1']} and {slots['C2']}: {slots['topic'].capitalize()}"
    return {"id": f"bench-{n:06d}", "date": date, "title": title, "text": "\n\n".join(paragraphs)}


def generate(n: int, seed: int = 7, start: str = "2024-06-03") -> list[dict[str, str]]:
    """Return ``n`` articles generated deterministically from ``seed``."""
    rng = random.Random(seed)
    first = dt.date.fromisoformat(start)
    return [_article(rng, i, first) for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    """Write the corpus as JSONL."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(Path(__file__).with_name("corpus.jsonl")))
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for art in generate(args.n, args.seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
