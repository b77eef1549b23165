"""Write ``src/eventwire/data/where/english_common.txt``: the spaCy model's lemma-index words common in English.

Recognition treats a capitalised word that is also an English word ("Mission", "Human", "Rapid")
as a word first and a small town second. Its word list is the lemma index of the spaCy model,
which comes from WordNet and so also holds many place names ("youngstown", "carthage", "roselle",
"canaan"). This script keeps the words whose frequency in English text is at least
:data:`ZIPF` on the Zipf scale (3 = once per million words) according to the ``wordfreq`` package
(Apache-2.0 code; word frequencies CC BY-SA 4.0 from public corpora), so that rare words, mostly
names, are no longer taken for common ones. The threshold was chosen on the tune halves.

Run (needs ``pip install wordfreq``, not a runtime dependency):
``python training/make_common_english.py`` (deterministic for a given model and wordfreq version).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "src/eventwire/data/where/english_common.txt"
ZIPF = 3.0


def main() -> int:
    """Filter the model's English words by frequency and write the list."""
    from wordfreq import zipf_frequency

    from eventwire.pipeline import Pipeline
    from eventwire.where.places import english_words

    words = english_words(Pipeline().nlp)
    keep = sorted(w for w in words if zipf_frequency(w, "en") >= ZIPF)
    header = (f"# Words of the spaCy model's lemma index with a wordfreq Zipf frequency of at least {ZIPF}\n"
              "# (written by training/make_common_english.py; frequencies: wordfreq, CC BY-SA 4.0)\n")
    OUT.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} of {len(words)} words kept", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
