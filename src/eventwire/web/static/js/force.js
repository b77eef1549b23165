// A small force-directed layout (spring-electric, with cooling), deterministic for a given
// input: nodes start on a circle in the order given.

/**
 * Lay out nodes ([{id, weight}]) and edges ([{source, target, weight}]) in a width x height box.
 * Returns a Map id -> {x, y}.
 */
export function forceLayout(nodes, edges, width, height, iterations = 300) {
  const n = nodes.length;
  const pos = new Map();
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width, height) * 0.35;
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    pos.set(node.id, {x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a), dx: 0, dy: 0});
  });
  if (n < 2) {
    if (n === 1) pos.set(nodes[0].id, {x: cx, y: cy});
    return pos;
  }
  const k = Math.sqrt((width * height) / n) * 0.55;
  const links = edges.filter((e) => pos.has(e.source) && pos.has(e.target) && e.source !== e.target);
  let temperature = Math.min(width, height) / 8;
  const cooling = temperature / (iterations + 1);
  const list = nodes.map((node) => pos.get(node.id));
  const r0 = 0.35 * Math.min(width, height);
  const gravity = (n * k * k) / (r0 * r0);
  for (let it = 0; it < iterations; it += 1) {
    for (const p of list) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      const a = list[i];
      for (let j = i + 1; j < n; j += 1) {
        const b = list[j];
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        a.dx += dx * f; a.dy += dy * f;
        b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of links) {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d * (1 + Math.log1p(e.weight || 1) * 0.3)) / k;
      a.dx -= dx * f; a.dy -= dy * f;
      b.dx += dx * f; b.dy += dy * f;
    }
    for (const p of list) {
      // gravity, balanced so that a node repelled by all the others settles about
      // 0.35 of the box from the centre: disconnected parts stay together on screen
      p.dx += (cx - p.x) * gravity;
      p.dy += (cy - p.y) * gravity;
      const d = Math.sqrt(p.dx * p.dx + p.dy * p.dy) || 1;
      const step = Math.min(d, temperature);
      p.x = Math.min(width - 20, Math.max(20, p.x + (p.dx / d) * step));
      p.y = Math.min(height - 20, Math.max(20, p.y + (p.dy / d) * step));
    }
    temperature = Math.max(0.5, temperature - cooling);
  }
  fitToBox(list, width, height);
  return pos;
}

/** Scale and centre positions to fill the box (dense graphs otherwise bunch up in the middle). */
function fitToBox(list, width, height) {
  const mx = 70;
  const my = 40;
  const xs = list.map((p) => p.x);
  const ys = list.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 > x0 ? (width - 2 * mx) / (x1 - x0) : 1;
  const sy = y1 > y0 ? (height - 2 * my) / (y1 - y0) : 1;
  for (const p of list) {
    p.x = x1 > x0 ? mx + (p.x - x0) * sx : width / 2;
    p.y = y1 > y0 ? my + (p.y - y0) * sy : height / 2;
  }
}
