// The actor network: actors as nodes sized by activity, events as edges coloured by quad class.

import {get} from '../api.js';
import {QUADS, quadColor} from '../colors.js';
import {dominantQuad} from '../cluster.js';
import {fmt, h, replace, s} from '../dom.js';
import {currentFilters} from '../filters.js';
import {forceLayout} from '../force.js';
import {navigate} from '../nav.js';

// A node lists exactly the events it counts: filter_param is party (an actor) or party_country.
function openNode(node) {
  const params = new URLSearchParams(window.location.search);
  params.set(node.filter_param, node.filter);
  params.delete('cursor');
  params.delete('level');
  params.delete('nodes');
  navigate(`/?${params.toString()}`);
}

function levelSwitch(level) {
  const link = (value, label) => {
    const params = new URLSearchParams(window.location.search);
    if (value === 'actor') params.delete('level'); else params.set('level', value);
    return h('a', {href: `/network?${params.toString()}`, class: `button${level === value ? ' active' : ''}`, id: `network-${value}`}, label);
  };
  return h('span', {class: 'segmented'}, link('actor', 'Actors'), link('country', 'Countries'));
}

function nodeRadius(n, max) {
  return 5 + 20 * Math.sqrt(n / Math.max(1, max));
}

export async function renderNetwork(container, _arg, isCurrent) {
  const filters = currentFilters();
  const search = new URLSearchParams(window.location.search);
  const limit = search.get('nodes') || '60';
  const level = search.get('level') === 'country' ? 'country' : 'actor';
  const data = await get('network', {...filters, limit, level});
  if (!isCurrent()) return;
  // actors without a link among the shown ones add nothing to a network: list them apart
  const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
  const isolated = data.edges.length ? data.nodes.filter((n) => !linked.has(n.id)) : [];
  if (isolated.length) data.nodes = data.nodes.filter((n) => linked.has(n.id));
  const width = Math.max(480, (container.clientWidth || 1000) - 40);
  const height = Math.max(420, Math.min(640, Math.round(width * 0.55)));
  const maxN = Math.max(1, ...data.nodes.map((n) => n.n_events));
  const pos = forceLayout(data.nodes.map((n) => ({id: n.id, weight: n.n_events})),
    data.edges.map((e) => ({source: e.source, target: e.target, weight: e.n})), width, height);
  const maxE = Math.max(1, ...data.edges.map((e) => e.n));
  const defs = s('defs', {}, QUADS.map((q) => s('marker', {
    id: `arrow-${q.code}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 11, markerHeight: 11, orient: 'auto-start-reverse',
  }, s('path', {d: 'M0,0L10,5L0,10z', fill: q.color}))));
  const edgeLayer = s('g', {class: 'edges'});
  const nodeLayer = s('g', {class: 'nodes'});
  const radius = new Map(data.nodes.map((n) => [n.id, nodeRadius(n.n_events, maxN)]));
  const edgeEls = [];
  for (const e of data.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const q = dominantQuad(e.quads);
    const line = s('line', {class: 'edge', stroke: quadColor(q), 'stroke-width': 1 + 5 * (e.n / maxE), 'marker-end': `url(#arrow-${q})`},
      s('title', {}, `${e.source_label} → ${e.target_label}: ${e.n} events (${e.quads.map((c, i) => `Q${i + 1} ${c}`).join(', ')})`));
    edgeEls.push({line, e});
    edgeLayer.append(line);
  }
  function placeEdges() {
    for (const {line, e} of edgeEls) {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const rb = radius.get(e.target) + 2;
      line.setAttribute('x1', a.x);
      line.setAttribute('y1', a.y);
      line.setAttribute('x2', b.x - (dx / d) * rb);
      line.setAttribute('y2', b.y - (dy / d) * rb);
    }
  }
  const nodeEls = new Map();
  for (const node of data.nodes) {
    const p = pos.get(node.id);
    const r = radius.get(node.id);
    const q = dominantQuad(node.quads);
    const circle = s('circle', {r, fill: quadColor(q), class: 'node-circle'});
    const g = s('g', {class: 'node', transform: `translate(${p.x},${p.y})`, tabindex: 0, dataset: {id: node.id}},
      circle,
      s('text', {y: r + 12, 'text-anchor': 'middle', class: 'node-label'}, node.label),
      s('title', {}, `${level === 'country' && node.name ? `${node.name} (${node.label})` : node.label}${level === 'actor' && node.code ? ` (${[node.code, node.sector].filter(Boolean).join(' ')})` : ''}: ${node.n_events} events, ${node.n_as_actor} as actor, ${node.n_as_recipient} as recipient`));
    nodeEls.set(node.id, g);
    let drag = null;
    g.addEventListener('pointerdown', (event) => {
      drag = {x: event.clientX, y: event.clientY, px: p.x, py: p.y, moved: false};
      g.setPointerCapture(event.pointerId);
    });
    g.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      p.x = drag.px + dx;
      p.y = drag.py + dy;
      g.setAttribute('transform', `translate(${p.x},${p.y})`);
      placeEdges();
    });
    g.addEventListener('pointerup', () => {
      const moved = drag && drag.moved;
      drag = null;
      if (!moved) {
        openNode(node);
      }
    });
    g.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      openNode(node);
    });
    g.addEventListener('mouseenter', () => {
      svg.classList.add('focus');
      g.classList.add('hl');
      for (const {line, e} of edgeEls) {
        const on = e.source === node.id || e.target === node.id;
        line.classList.toggle('hl', on);
        if (on) nodeEls.get(e.source === node.id ? e.target : e.source)?.classList.add('hl');
      }
    });
    g.addEventListener('mouseleave', () => {
      svg.classList.remove('focus');
      for (const el of svg.querySelectorAll('.hl')) el.classList.remove('hl');
    });
    nodeLayer.append(g);
  }
  const svg = s('svg', {class: 'network', id: 'network-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'actor network'}, defs, edgeLayer, nodeLayer);
  placeEdges();
  const legend = h('div', {class: 'legend'}, QUADS.map((q) => {
    const swatch = h('span', {class: 'swatch'});
    swatch.style.background = q.color;
    return h('span', {class: 'legend-item'}, swatch, `${q.code} ${q.label}`);
  }), h('span', {class: 'muted'}, ' · node size: events; click a node to list exactly its events; drag to move'));
  replace(container,
    h('div', {class: 'toolbar'}, h('span', {class: 'count'}, `${fmt(data.nodes.length)} linked ${level === 'country' ? 'countries' : 'actors'}, ${fmt(data.edges.length)} links (among the ${limit} most active)`), levelSwitch(level)),
    legend,
    data.nodes.length ? svg : h('p', {class: 'notice'}, 'No actors match these filters.'),
    isolated.length ? h('p', {class: 'muted', id: 'isolated-actors'}, `Not drawn (no link to the actors above): ${isolated.map((n) => n.label).join(', ')}`) : null);
}
