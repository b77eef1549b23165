// Grid clustering of map points in screen space: points whose projected positions fall in
// the same cell of a cellSize-pixel grid become one cluster at their mean position.

/**
 * Cluster points. project(p) returns [x, y] in pixels for point p.
 * Returns [{x, y, points: [...], quads: [n1, n2, n3, n4]}], largest first.
 */
export function gridCluster(points, project, cellSize) {
  const cells = new Map();
  for (const p of points) {
    const [x, y] = project(p);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const key = `${Math.floor(x / cellSize)}:${Math.floor(y / cellSize)}`;
    let c = cells.get(key);
    if (!c) {
      c = {sx: 0, sy: 0, points: [], quads: [0, 0, 0, 0]};
      cells.set(key, c);
    }
    c.sx += x;
    c.sy += y;
    c.points.push(p);
    if (p.quad >= 1 && p.quad <= 4) c.quads[p.quad - 1] += 1;
  }
  return [...cells.values()]
    .map((c) => ({x: c.sx / c.points.length, y: c.sy / c.points.length, points: c.points, quads: c.quads}))
    .sort((a, b) => b.points.length - a.points.length);
}

/** The quad class (1-4) most points of a cluster belong to (ties go to the more conflictual). */
export function dominantQuad(quads) {
  let best = 0;
  for (let i = 1; i < 4; i += 1) if (quads[i] >= quads[best]) best = i;
  return best + 1;
}
