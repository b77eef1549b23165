"""Import the PETRARCH2 CAMEO verb dictionary into eventwire trigger entries (``cameo_triggers.jsonl``).

Usage::

    python training/import_cameo_verbs.py ../shared/data/petrarch/CAMEO.2.0.verbs.txt \
        ../shared/data/CAMEO2PLOVER-2021.txt src/eventwire/data/events/cameo_triggers.jsonl

The verb dictionary (MIT, Copyright (c) 2015 Open Event Data Alliance) lists verbs in synonym
blocks with a CAMEO code per verb or per block, and patterns ``- * OBJECT [code]`` or
``- * (PREP NOUN) [code]``. Codes become PLOVER types and modes through the CAMEO-to-PLOVER
table (CC BY-SA 4.0), with the PLOVER 2.0 changes written below: CAMEO 02x appeals are REQUEST,
03x stated intentions are the intended type with aux ``future``, 163 (embargo, sanctions) is
SANCTION, old mode names are renamed and modes that are not 2.0 modes of the type are dropped.

Only what eventwire's matcher can check is imported: a bare verb (its own or its block's code),
a verb with a particle or preposition ("+CALL_FOR"), and patterns whose part after the verb is
an object noun (a word or ``&SET``), a particle plus object, a prepositional phrase, or an
object plus a prepositional phrase. Patterns with words before the verb (subjects), with
multi-word ``{...}`` phrases, or on lemmas the hand-written ``triggers.jsonl`` already covers
are skipped: the hand lexicon stays authoritative for its lemmas. ``SKIP_LEMMAS`` lists verbs
whose everyday sense is not an event (a sense check made once, by hand, on the verb list).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

__all__ = ["build_entries", "main", "parse_plover_table", "parse_verbs"]

# modes renamed from the 2021 draft to PLOVER 2.0 (as in the dev-data conversion)
MODE_RENAME = {"assassinate": "targeted", "detain": "arrest", "confiscate": "seize", "demo-org": "demo",
               "demo-spon": "demo", "riot-spon": "riot", "strike-gen": "strike", "strike-hun": "hunger"}
# 2.0 decisions the 2021 table predates
CODE_OVERRIDE = {"163": ("SANCTION", None), "1712": ("ASSAULT", "destroy"), "171": ("COERCE", "seize")}
# CAMEO 02x appeals: REQUEST with the mode of the 10x code they mirror
APPEAL_MODE = {"021": "assist", "022": "assist", "023": "assist", "024": "change", "025": "yield",
               "026": "meet", "027": "meet", "028": "meet"}
# CAMEO 03x (intent to X) -> the code of X; the event gets aux future
INTENT_TARGET = {"030": "060", "031": "060", "0311": "061", "0312": "062", "0313": "063", "0314": "064",
                 "032": "050", "033": "070", "0331": "071", "0332": "072", "0333": "073", "0334": "074",
                 "034": "083", "0341": "0831", "0342": "0832", "0343": "0833", "0344": "0834",
                 "035": "080", "0351": "081", "0352": "082", "0353": "0841", "0354": "085", "0355": "086",
                 "0356": "087", "036": "040", "037": "AGREE", "038": "045", "039": "045"}
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "aside", "over", "in", "forward"})
PREPOSITIONS = frozenset({"for", "with", "to", "against", "at", "into", "from", "on", "of", "by", "about",
                          "upon", "over", "in", "toward", "towards", "across", "through", "under"})
# verbs whose usual newswire sense is no event (or is a statement, never coded alone)
SKIP_LEMMAS = frozenset({
    "be", "have", "do", "get", "go", "come", "make", "take", "give", "put", "set", "keep", "let", "see",
    "look", "say", "tell", "know", "think", "seem", "appear", "become", "leave", "turn", "run", "play",
    "move", "hold", "bring", "show", "try", "call", "work", "use", "find", "need", "feel", "want",
    "mean", "include", "continue", "start", "begin", "end", "stop", "follow", "add", "change", "open",
    "close", "pass", "report", "expect", "hope", "plan", "aim", "seek", "face", "lead", "raise", "fall",
    "rise", "drop", "grow", "cut", "hit", "catch", "miss", "lose", "win", "beat", "score", "kick",
    "fire", "shoot", "launch", "strike", "charge", "sentence", "rule", "order", "claim", "head", "host",
    "post", "place", "stage", "base", "station", "position", "line", "back", "press", "push", "pull",
    "draw", "return", "release", "free", "cover", "handle", "deal", "treat", "sign", "mark", "note",
    "clear", "check", "test", "touch", "reach", "meet", "visit", "join", "stand", "sit", "lie",
    "fly", "drive", "ride", "walk", "travel", "arrive", "depart", "land", "cross", "enter", "exit",
    "serve", "vote", "elect", "name", "appoint", "nominate", "cast", "count", "list", "book", "file",
    "table", "air", "broadcast", "publish", "print", "announce", "state", "declare", "confirm", "affirm", "deny", "admit", "believe", "doubt", "fear", "worry", "wonder", "question",
    "interview", "ask", "answer", "reply", "respond", "react", "comment", "remark", "express", "voice",
    "speak", "talk", "chat", "discuss", "debate", "argue", "agree", "accept", "like", "love", "hate",
    "enjoy", "prefer", "wish", "dream", "pray", "celebrate", "mourn", "remember", "forget", "learn",
    "teach", "study", "read", "write", "sing", "dance", "eat", "drink", "sleep", "wake", "live", "die",
    "survive", "recover", "heal", "suffer", "pay", "buy", "sell", "trade", "spend", "save", "earn",
    "invest", "borrow", "lend", "owe", "cost", "price", "value", "rate", "rank", "measure", "weigh",
    "build", "construct", "design", "develop", "produce", "create", "form", "shape", "fix", "repair",
    "improve", "boost", "increase", "decrease", "reduce", "expand", "extend", "spread", "shrink",
    "collapse", "crash", "break", "burst", "explode", "burn", "melt", "freeze", "boil", "cool", "heat",
    "warm", "dry", "wet", "wash", "clean", "fill", "empty", "pack", "load", "ship", "send", "receive",
    "deliver", "carry", "bear", "hand", "pick", "choose", "select", "decide", "determine", "settle",
    "resolve", "solve", "prove", "attempt", "manage", "control", "operate",
    "target", "point", "focus", "concentrate", "center", "centre", "gather", "collect", "round",
    "assemble", "mount", "rally", "march", "organize", "organise", "arrange", "prepare",
})
# bare verbs left by the code filter whose news sense is not their CAMEO code (checked by hand on
# the imported bare list: "consider" is no meeting, "delay" no accusation, "tend" no aid)
BARE_SKIP = frozenset({
    "consider", "hear", "notify", "cable", "influence", "import", "purchase", "merge", "link", "enact",
    "delay", "defer", "remit", "retard", "stymie", "hamper", "inhibit", "forestall", "procrastinate",
    "shelve", "override", "overrule", "compensate", "despair", "regret", "rejoice", "lament", "dismay",
    "provoke", "disturb", "tend", "render", "stock", "reside", "inhabit", "infest", "extract", "pluck",
    "revolutionise", "revolutionize", "tax", "spur", "rouse", "prize", "toast", "clap", "cheer", "bless",
    "sanctify", "esteem", "appreciate", "admire", "inspire", "enliven", "invigorate", "revitalize",
    "galvanize", "embolden", "reassure", "gear", "attire", "outfit", "furnish", "tender", "enlist",
    "facilitate", "guard", "ward", "shield", "protect", "safeguard", "stabilise", "subvert", "overturn",
    "pirate", "usurp", "abstain", "compromise", "bargain", "fail", "encircle", "rip", "parade", "brand",
    "mock", "curse", "crucify", "savage", "lecture", "search", "spy", "intervene", "attend", "disrupt",
    "undermine", "betray", "disassociate", "secede", "sponsor", "underwrite", "decree", "impel",
    "dishonor", "dishonour", "aid", "distrust", "appropriate", "reward", "reassert", "formalize",
    "declassify", "forgave", "forgiven", "punish", "scoff", "scorn", "jeer",
})


def _clean_word(w: str) -> str:
    return w.strip().strip("$^").lower().rstrip("_")


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ses") or w.endswith("xes") or w.endswith("ches") or w.endswith("shes"):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _nouns(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Lemmas for one object slot: a word or an ``&SET``; None when not importable."""
    token = token.strip("$^")
    if not token:
        return None
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_"))
        if not members:
            return None
        out = sorted({_singular(m) for m in members if "_" not in m and m.isalpha()} | {
            m for m in members if "_" not in m and m.isalpha()})
        return out or None
    if not re.fullmatch(r"[A-Za-z][A-Za-z-]*", token):
        return None
    w = token.lower()
    return sorted({w, _singular(w)})


def parse_verbs(path: Path) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
    """Return the synonym sets and the verb blocks of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict[str, Any]] = []
    current_set: str | None = None
    block: dict[str, Any] | None = None
    in_patterns = False
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("####") else raw
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.strip()
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                synsets[current_set].append(_clean_word(line[1:]))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block = {"name": m.group(1), "code": m.group(2).strip(), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        code_m = re.search(r"\[([^\]]*)\]", line)
        code = code_m.group(1).strip() if code_m else None
        if line.lstrip().startswith("-"):
            body = line.lstrip()[1:]
            body = re.sub(r"\[[^\]]*\]", "", body).strip()
            origin = {_clean_word(v) for v in re.split(r"[ ,]+", comment) if v.strip()} if comment else set()
            block["patterns"].append({"body": body, "code": code, "origin": origin})
            continue
        head = re.sub(r"\{[^}]*\}", "", line)
        head = re.sub(r"\[[^\]]*\]", "", head).strip()
        if not head:
            continue
        word = head.split()[0]
        block["verbs"].append({"word": word, "code": code})
    return synsets, blocks


def parse_plover_table(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode or None) from the CAMEO2PLOVER table."""
    out: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?", line)
        if not m:
            continue
        mode = (m.group(3) or "").strip() or None
        if m.group(1) not in out:
            out[m.group(1)] = (m.group(2), mode)
    return out


def _plover(code: str | None, table: dict[str, tuple[str, str | None]],
            modes: dict[str, set[str]]) -> tuple[str, str | None, bool] | None:
    """(type, mode, intent) for a CAMEO code, or None when it is no PLOVER event."""
    if not code or code.startswith("---"):
        return None
    code = code.split(":")[0].strip()
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    intent = False
    if code.startswith("01"):
        return None  # public statements: never events on their own
    if code.startswith("02"):
        mode = APPEAL_MODE.get(code[:3])
        return "REQUEST", mode, False
    if code.startswith("03"):
        target = INTENT_TARGET.get(code) or INTENT_TARGET.get(code[:3])
        if target is None:
            return None
        if target == "AGREE":
            return "AGREE", None, True
        code, intent = target, True
    if code in CODE_OVERRIDE:
        event, mode = CODE_OVERRIDE[code]
    else:
        hit = table.get(code) or table.get(code[:3]) or table.get(code[:2])
        if hit is None:
            return None
        event, mode = hit
    mode = MODE_RENAME.get(mode or "", mode)
    if mode is not None and mode not in modes.get(event, set()):
        mode = None
    return event, mode, intent


def _specific_bare(verb: dict[str, Any], lemma: str, block: dict[str, Any], code: str | None) -> bool:
    """A bare verb is imported as its block's head verb, or with a specific (not X0) code.

    The generic X0 codes (040 consult, 060 cooperate, 110 disapprove, 190 use force...) spread
    over WordNet synonyms ("compete", "contrast" under VERBAL_CONFLICT) are too broad for a bare
    verb; they still count in object and preposition patterns.
    """
    if not code:
        return False
    if lemma == _clean_word(block["name"]):
        return True
    base = code.split(":")[0].strip()
    return not (len(base) == 3 and base.endswith("0"))


def _verb_parts(word: str) -> tuple[str, dict[str, Any]] | None:
    """Lemma and particle/preposition constraint of a dictionary verb ("+CALL_FOR")."""
    multi = word.startswith("+")
    parts = [p for p in _clean_word(word.lstrip("+")).split("_") if p]
    if not parts or not all(p.isalpha() or "-" in p for p in parts):
        return None
    if not multi or len(parts) == 1:
        return parts[0], {}
    if len(parts) != 2:
        return None
    lemma, second = parts
    if second in PARTICLES and second not in ("in", "over"):
        return lemma, {"prt": [second]}
    if second in PREPOSITIONS:
        return lemma, {"prep": [second]}
    return None


def _put_nouns(cons: dict[str, Any], key: str, word: str, synsets: dict[str, list[str]]) -> bool:
    """Set ``cons[key]`` to the nouns ``word`` stands for (a noun or ``&SET``); False when not importable."""
    nouns = _nouns(word, synsets)
    if nouns is None:
        return False
    cons[key] = nouns
    return True


def _pattern(body: str, synsets: dict[str, list[str]]) -> dict[str, Any] | None:
    """Constraints for a pattern body like ``* AID`` or ``* (TO BORDER)``; None when not importable."""
    if "{" in body or "|" in body or "%" in body:
        return None
    if not body.startswith("*"):
        return None  # words before the verb: a subject pattern
    rest = body[1:].strip()
    preps = re.findall(r"\(([^)]*)\)", rest)
    outside = re.sub(r"\([^)]*\)", " ", rest).split()
    outside = [w for w in outside if w.strip("$^")]
    cons: dict[str, Any] = {}
    if len(preps) > 1:
        return None
    if preps:
        words = preps[0].split()
        words = [w for w in words if w.strip("$^")]
        if not words or words[0].lower() not in PREPOSITIONS:
            return None
        cons["prep"] = [words[0].lower()]
        if len(words) > 2 or (len(words) == 2 and not _put_nouns(cons, "prep_obj", words[1], synsets)):
            return None
    if len(outside) == 2 and outside[0].lower() in PARTICLES:
        cons["prt"] = [outside[0].lower()]
        outside = outside[1:]
    if len(outside) > 1:
        return None
    if len(outside) == 1:
        if outside[0].lower() in PREPOSITIONS - PARTICLES:
            return None  # a bare preposition outside brackets: not a form the matcher checks
        if outside[0].lower() in PARTICLES and "prep" not in cons:
            cons["prt"] = [outside[0].lower()]
        elif not _put_nouns(cons, "obj", outside[0], synsets):
            return None
    return cons or None


def build_entries(verbs_path: Path, table_path: Path, hand_lemmas: set[str],
                  modes: dict[str, set[str]]) -> list[dict[str, Any]]:
    """All importable entries, one per (lemma, constraints, type, mode), sorted for stable output."""
    synsets, blocks = parse_verbs(verbs_path)
    table = parse_plover_table(table_path)
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    sources: dict[tuple[Any, ...], set[str]] = defaultdict(set)

    def add(lemma: str, cons: dict[str, Any], coded: tuple[str, str | None, bool], code: str, block: str) -> None:
        if lemma in hand_lemmas or lemma in SKIP_LEMMAS:
            return
        event, mode, intent = coded
        key = (lemma, json.dumps(cons, sort_keys=True), event, mode, intent)
        if key not in seen:
            # like PETRARCH, an imported pattern codes an event only between known (coded) actors
            entry: dict[str, Any] = {"lemma": lemma, "event": event, "need_coded_actor": True}
            if mode:
                entry["mode"] = mode
            entry.update(cons)
            if intent:
                entry["aux"] = ["future"]
            if event in ("REQUEST", "THREATEN", "REJECT", "ACCUSE") or intent:
                entry["content"] = "suppress"
            seen[key] = entry
        sources[key].add(f"{block}:{code}")

    for block in blocks:
        verb_parts = [(v, _verb_parts(v["word"])) for v in block["verbs"]]
        for v, parts in verb_parts:
            if parts is None:
                continue
            lemma, cons = parts
            code = v["code"] or block["code"]
            if not _specific_bare(v, lemma, block, code) or (not cons and lemma in BARE_SKIP):
                continue
            coded = _plover(code, table, modes)
            if coded is not None and coded[2] and not cons:
                continue  # a bare intent verb ("intend", "strive") governs another verb: no event alone
            if coded is not None:
                add(lemma, cons, coded, code, block["name"])
        for pat in block["patterns"]:
            coded = _plover(pat["code"], table, modes)
            if coded is None:
                continue
            pcons = _pattern(pat["body"], synsets)
            if pcons is None:
                continue
            for _v, parts in verb_parts:
                if parts is None or parts[1]:
                    continue
                lemma = parts[0]
                # a pattern belongs to the verb(s) its comment names, else to the block's head verb
                origin = pat["origin"] or {_clean_word(block["name"])}
                if lemma not in origin:
                    continue
                add(lemma, pcons, coded, pat["code"], block["name"])
    out = []
    for key in sorted(seen, key=lambda k: (k[0], k[1], k[2], str(k[3]), k[4])):
        entry = seen[key]
        cons_tag = "_".join(f"{k}-{'-'.join(v)}" for k, v in sorted(entry.items())
                            if k in ("prt", "prep", "prep_obj", "obj"))[:60]
        rid = f"cameo:{entry['lemma']}:{entry['event'].lower()}" + (f":{cons_tag}" if cons_tag else "")
        rid += ":future" if key[4] else ""
        out.append({"id": rid, **entry, "cameo_codes": sorted(sources[key])})
    # ids must be unique: number the rare clashes
    counts: dict[str, int] = defaultdict(int)
    for e in out:
        counts[e["id"]] += 1
        if counts[e["id"]] > 1:
            e["id"] = f"{e['id']}#{counts[e['id']]}"
    return out


def main(argv: list[str]) -> int:
    """Write the imported entries to the output file; print counts."""
    if len(argv) != 3:
        print(__doc__)
        return 2
    verbs_path, table_path, out_path = (Path(a) for a in argv)
    here = out_path.parent
    hand: set[str] = set()
    for line in (here / "triggers.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "//")):
            d = json.loads(line)
            if d.get("pos", "verb") == "verb":
                lem = d["lemma"]
                hand.update([lem] if isinstance(lem, str) else lem)
    import yaml

    types = yaml.safe_load((here / "types.yaml").read_text(encoding="utf-8"))["types"]
    modes = {name: set(v.get("modes") or ()) for name, v in types.items()}
    entries = build_entries(verbs_path, table_path, hand, modes)
    with out_path.open("w", encoding="utf-8") as fh:
        fh.write("// Generated by training/import_cameo_verbs.py from the PETRARCH2 CAMEO verb dictionary (MIT,\n")
        fh.write("// Copyright (c) 2015 Open Event Data Alliance) and CAMEO2PLOVER-2021 (CC BY-SA 4.0). Do not edit.\n")
        for e in entries:
            codes = e.pop("cameo_codes")
            e["note"] = "CAMEO " + ", ".join(codes[:4])
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    by_type: dict[str, int] = defaultdict(int)
    for e in entries:
        by_type[e["event"]] += 1
    print(len(entries), "entries;", dict(sorted(by_type.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
