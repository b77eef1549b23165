// Split a text into segments at every annotation boundary, so overlapping annotations can
// be shown together. Pure: no DOM.

/**
 * spans: [{start, end, kind, label, events?: [eventId]}], offsets into text.
 * Returns [{start, end, marks: [span...]}] covering text[from:to] without gaps.
 */
export function segment(spans, from, to) {
  const cuts = new Set([from, to]);
  const inside = spans.filter((sp) => sp.end > from && sp.start < to && sp.end > sp.start);
  for (const sp of inside) {
    cuts.add(Math.max(from, sp.start));
    cuts.add(Math.min(to, sp.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    out.push({start, end, marks: inside.filter((sp) => sp.start <= start && sp.end >= end)});
  }
  return out;
}
