"""Build ``src/eventwire/data/actors/phoenix_people.tsv`` from the Phoenix country actor dictionary.

The Phoenix ``Phoenix.Countries.actors.txt`` (MIT, Copyright (c) 2014 Open Event Data Alliance;
generated from CountryInfo.140130.txt) lists office holders of every country with the dates of
each office. This script keeps the people whose offices reach 2000 or later (the years news is
coded in) and writes them in the eventwire actor TSV format; the bundled hand-written files load
after it and win for every name they define.

Run: ``python training/build_phoenix_people.py ../shared/data/petrarch/Phoenix.Countries.actors.txt``
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.actors.importer import parse_actors, people_since, write_tsv
from eventwire.actors.kb import bundled_dir, load_countries

HEADER = """# Office holders 2000-2014 (and their later open-ended codes) imported from the Phoenix country
# actor dictionary Phoenix.Countries.actors.txt (MIT licence, Copyright (c) 2014 Open Event Data
# Alliance; https://github.com/openeventdata), by training/build_phoenix_people.py: people only,
# codes ending before {since} dropped. Loaded first: the hand-written files shadow it.
"""


def main() -> None:
    """Convert the dictionary given on the command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    ap.add_argument("source", help="Phoenix.Countries.actors.txt")
    ap.add_argument("--since", default="2000-01-01", help="drop codes that ended before this date")
    ap.add_argument("--out", default=str(bundled_dir() / "phoenix_people.tsv"))
    args = ap.parse_args()
    countries = load_countries(bundled_dir() / "countries.tsv")
    exclude = {n.lower() for c in countries for n in (c.name, *c.aliases, *c.demonyms)}
    with open(args.source, encoding="utf-8", errors="replace") as fh:
        people = list(people_since(parse_actors(fh, Path(args.source).name), args.since, exclude))
    out = Path(args.out)
    n = write_tsv(people, out)
    out.write_text(HEADER.format(since=args.since) + out.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {n} rows for {len(people)} people to {out}")


if __name__ == "__main__":
    main()
