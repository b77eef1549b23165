"""``eventwire actors``: explain actor resolutions and import PETRARCH/TABARI dictionaries."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run_import", "run_lookup"]

EXAMPLES = """\
examples:
  eventwire actors lookup "Mr. Sisi" --date 2024-06-10
  eventwire actors lookup "the head of American diplomacy" --date 2026-11-01
  eventwire actors lookup "Thai police" --json
  eventwire actors lookup "Kyiv accused Moscow of shelling Kharkiv." --events
  eventwire actors lookup "Jane Roe" --actors my-actors.tsv
  eventwire actors import Phoenix.Countries.actors.txt --out my-actors.tsv
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``actors`` command with its ``lookup`` and ``import`` subcommands."""
    p = sub.add_parser("actors", help="explain actor resolution; import .actors dictionaries",
                       description="Look up how a phrase resolves to an actor (code, sector, office) "
                                   "on a date, or convert PETRARCH/TABARI .actors dictionaries to the "
                                   "eventwire actor TSV format.",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    asub = p.add_subparsers(dest="actors_command", metavar="SUBCOMMAND")
    lk = asub.add_parser("lookup", help="resolve a phrase and explain which rule and which row decided")
    lk.add_argument("text", help='a phrase or sentence, e.g. "Mr. Sisi" or "Egyptian intelligence chief"')
    lk.add_argument("--date", help="the article date (YYYY-MM-DD); default: the latest office")
    lk.add_argument("--actors", action="append", default=[], metavar="FILE",
                    help="a user actor file (TSV/YAML) applied over the bundled knowledge base (repeatable)")
    lk.add_argument("--json", action="store_true", help="print JSON instead of text")
    lk.add_argument("--events", action="store_true",
                    help="also run the whole pipeline and show each event's actor and recipient (who acted on whom)")
    lk.set_defaults(func=run_lookup)
    im = asub.add_parser("import", help="convert PETRARCH/TABARI .actors files to an actor TSV")
    im.add_argument("files", nargs="+", help=".actors dictionary files")
    im.add_argument("--out", "-o", required=True, help="output TSV path (load it with --actors)")
    im.set_defaults(func=run_import)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def run_lookup(args: argparse.Namespace) -> int:
    """Resolve ``args.text`` with the actors stage alone and explain each entity."""
    from ..actors.stage import ActorStage
    from ..config import load_settings
    from ..nlp import load_model
    from ..records import Article, to_dict

    try:
        settings = load_settings()
        if args.actors:
            settings = settings.replace(actors_files=(*settings.actors_files, *[
                a for a in args.actors if a not in settings.actors_files]))
        model, _ = load_model(settings.model)
        stage = ActorStage(model, "eventwire_actors")
        stage.initialize(settings=settings)
    except (FileNotFoundError, ValueError) as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    article = Article(text=args.text, date=args.date)
    doc = model(args.text)
    doc._.article = article
    stage(doc)
    entities = list(doc._.ew_entities or [])
    assert stage.resources is not None
    kb = stage.resources.kb
    events = _events(args, settings) if args.events else None
    if args.json:
        out = [to_dict(e) for e in entities]
        print(json.dumps(out if events is None else {"entities": out, "events": [to_dict(e) for e in events]},
                         ensure_ascii=False, indent=2))
        return 0 if entities else 1
    if not entities:
        print(f"no actor found in {args.text!r}")
        return 1
    for e in entities:
        print(f"{e.entity_text!r} [{e.span[0]}:{e.span[1]}]")
        for key in ("name", "code", "sector", "country", "kind", "office", "identifier_id", "cluster"):
            value = getattr(e, key)
            if value is not None:
                print(f"  {key:<13} {value}")
        print(f"  {'rule':<13} {e.rule}")
        if e.kind == "person" and e.name:
            for actor in kb.find(e.name)[:1]:
                print("  rows:")
                for r in sorted(actor.records, key=lambda r: r.start or ""):
                    mark = "*" if r.covers(args.date) and args.date else " "
                    print(f"   {mark} {r.start or '…'} → {r.end or 'now'}  {r.code}/{r.sector or '-'}  "
                          f"{r.office or ''}  ({r.source})")
    for ev in events or ():
        def who(ents: tuple[Any, ...]) -> str:
            return ", ".join(f"{e.entity_text!r} {e.code or '-'}/{e.sector or '-'}" for e in ents) or "-"
        print(f"event {ev.event}{'/' + ev.mode if ev.mode else ''} {ev.event_text!r}: "
              f"actor {who(ev.actor)} -> recipient {who(ev.recipient)}")
    return 0


def _events(args: argparse.Namespace, settings: Any) -> list[Any]:
    """Run the whole pipeline on ``args.text`` and return its events."""
    from ..pipeline import Pipeline
    from ..records import Article, Failure

    ann = Pipeline(settings).annotate(Article(text=args.text, date=args.date, id="lookup"))
    return [] if isinstance(ann, Failure) else list(ann.events)


def run_import(args: argparse.Namespace) -> int:
    """Convert ``.actors`` files to one actor TSV."""
    from ..actors.importer import ImportedActor, parse_actors, write_tsv

    entries: list[ImportedActor] = []
    for f in args.files:
        path = Path(f)
        if not path.is_file():
            print(f"eventwire: error: file not found: {f}", file=sys.stderr)
            return 2
        with path.open(encoding="utf-8", errors="replace") as fh:
            entries.extend(parse_actors(fh, path.name))
    out = Path(args.out)
    n = write_tsv(entries, out)
    print(f"wrote {n} rows for {len(entries)} actors to {out}", file=sys.stderr)
    return 0
