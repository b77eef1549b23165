"""Plain-text tables of ``eventwire eval`` results."""

from __future__ import annotations

from typing import Any

__all__ = ["format_events_report"]

_LABELS = {
    "mode": "mode (gold mode not null)",
    "actor_code": "actor code",
    "actor_sector": "actor sector",
    "recipient_code": "recipient code",
    "recipient_sector": "recipient sector",
    "date": "date",
    "location": "location",
}


def _f(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def format_events_report(r: dict[str, Any]) -> str:
    """Return the event evaluation ``r`` (from :func:`evaluate_events`) as aligned text tables."""
    lines = []
    m = r["event_type"]["micro"]
    lines.append(f"{r['articles']} gold articles, {r['sentences']} sentences, {r['gold_events']} gold events, "
                 f"{r['predicted_events']} predicted ({r['failures']} failed)")
    lines.append("")
    lines.append(f"{'event type':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    lines.append(f"{'micro':<12} {_f(m['precision'])} {_f(m['recall'])} {_f(m['f1'])} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4}")
    for t, v in r["event_type"]["per_type"].items():
        lines.append(f"{t:<12} {_f(v['precision'])} {_f(v['recall'])} {_f(v['f1'])} {v['tp']:>4} {v['fp']:>4} {v['fn']:>4}")
    lines.append("")
    lines.append(f"{'on type-matched events':<28} {'accuracy':>8} {'n':>5}")
    for k, v in r["matched"].items():
        lines.append(f"{_LABELS.get(k, k):<28} {_f(v['accuracy']):>8} {v['n']:>5}")
    lines.append("")
    lines.append(f"events per sentence: predicted {r['events_per_sentence']:.3f}, gold {r['gold_events_per_sentence']:.3f}")
    lines.append("")
    conf = r["confusion"]
    cols = sorted({c for row in conf.values() for c in row} | set(conf))
    cols = [c for c in cols if c != "NONE"] + ["NONE"]
    short = {c: c[:4] for c in cols}
    lines.append("confusion (rows gold, columns predicted; NONE = unmatched)")
    lines.append(f"{'':<10}" + "".join(f"{short[c]:>5}" for c in cols))
    for g in cols:
        row = conf.get(g, {})
        if not row:
            continue
        lines.append(f"{g:<10}" + "".join(f"{(row.get(c) or '.')!s:>5}" for c in cols))
    lines.append("")
    for note in r.get("notes", []):
        lines.append("note: " + note)
    return "\n".join(lines)
