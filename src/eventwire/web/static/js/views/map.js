// Event locations on the offline world map, grid-clustered, coloured by quad class, with a
// popup per event. Plate carree projection: x = longitude, y = -latitude, in an SVG viewBox.

import {get} from '../api.js';
import {QUADS, quadColor} from '../colors.js';
import {gridCluster} from '../cluster.js';
import {fmt, h, replace, s} from '../dom.js';
import {currentFilters} from '../filters.js';
import {clip, entityList, eventLabel, placeName, quadBadge} from '../format.js';
import {navigate} from '../nav.js';

let basemapCache = null;

async function basemap() {
  if (!basemapCache) {
    const response = await fetch('/basemap/world.json');
    if (!response.ok) throw new Error(`base map unavailable (${response.status})`);
    basemapCache = await response.json();
  }
  return basemapCache;
}

function countryPaths(geo) {
  const g = s('g', {class: 'countries'});
  for (const f of geo.features) {
    const d = f.geometry.coordinates.map((ring) => `M${ring.map(([x, y]) => `${x},${-y}`).join('L')}Z`).join('');
    g.append(s('path', {d, class: 'country', 'fill-rule': 'evenodd'}, s('title', {}, f.properties.name)));
  }
  return g;
}

function donut(cx, cy, r, quads) {
  const total = quads.reduce((a, b) => a + b, 0);
  const circ = 2 * Math.PI * r;
  const g = s('g', {});
  let offset = 0;
  quads.forEach((n, i) => {
    if (!n) return;
    const len = (circ * n) / total;
    g.append(s('circle', {
      cx, cy, r, fill: 'none', stroke: quadColor(i + 1), 'stroke-width': r * 0.7,
      'stroke-dasharray': `${len} ${circ - len}`, 'stroke-dashoffset': -offset,
      transform: `rotate(-90 ${cx} ${cy})`,
    }));
    offset += len;
  });
  return g;
}

async function eventPopup(ids) {
  const data = await get('events', {id: ids.slice(0, 25).join(','), limit: '25'});
  return data.events.map((ev) => h('div', {class: 'popup-event'},
    h('div', {}, quadBadge(ev.quad_code), ' ', eventLabel(ev), ' ', h('span', {class: 'muted'}, ev.date || '')),
    h('div', {}, entityList(ev.actor), ' → ', entityList(ev.recipient)),
    h('div', {class: 'muted'}, placeName(ev.event_loc)),
    h('div', {class: 'sentence'}, clip(ev.text, 220)),
    h('a', {href: `/articles/${encodeURIComponent(ev.article_id)}#event-${encodeURIComponent(ev.id)}`, class: 'article-link'}, 'open article')));
}

export async function renderMap(container, _arg, isCurrent) {
  const filters = currentFilters();
  const [geo, data] = await Promise.all([basemap(), get('events/points', {...filters, limit: '20000'})]);
  if (!isCurrent()) return;
  const width = Math.max(480, (container.clientWidth || 1000) - 40);
  const height = Math.round(width * 0.5);
  let view = {x: -180, y: -90, w: 360, h: 180};
  const svg = s('svg', {class: 'map', id: 'map-svg', width, height, viewBox: `${view.x} ${view.y} ${view.w} ${view.h}`, role: 'img', 'aria-label': 'map of event locations'});
  const markers = s('g', {class: 'markers'});
  svg.append(s('rect', {x: -180, y: -90, width: 360, height: 180, class: 'ocean'}), countryPaths(geo), markers);
  const popup = h('div', {class: 'popup', id: 'map-popup', hidden: true});
  const wrap = h('div', {class: 'map-wrap'}, svg, popup);

  const scale = () => width / view.w;
  const points = data.points.map((p) => ({id: p.id, lat: p.lat, lon: p.lon, quad: p.quad_code}));

  async function openPopup(cluster, px, py) {
    replace(popup, h('p', {class: 'loading'}, 'Loading…'));
    popup.hidden = false;
    popup.style.left = `${Math.min(width - 340, Math.max(0, px + 12))}px`;
    popup.style.top = `${Math.max(0, Math.min(height - 120, py - 20))}px`;
    const ids = cluster.points.map((p) => p.id);
    const close = h('button', {type: 'button', class: 'close', 'aria-label': 'close', onclick: () => { popup.hidden = true; }}, '×');
    const more = ids.length > 25 ? h('p', {class: 'muted'}, `first 25 of ${fmt(ids.length)} events here`) : null;
    replace(popup, close, more, await eventPopup(ids));
  }

  function draw() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    const k = scale();
    const clusters = gridCluster(points, (p) => [(p.lon - view.x) * k, (-p.lat - view.y) * k], 44);
    markers.replaceChildren();
    for (const c of clusters) {
      const cx = c.x / k + view.x;
      const cy = c.y / k + view.y;
      const n = c.points.length;
      const rPx = n === 1 ? 6 : Math.min(28, 9 + 3 * Math.sqrt(n));
      const r = rPx / k;
      const g = s('g', {class: n === 1 ? 'marker single' : 'marker cluster', tabindex: 0});
      if (n === 1) {
        g.append(s('circle', {cx, cy, r, fill: quadColor(c.points[0].quad), class: 'dot'}));
      } else {
        g.append(s('circle', {cx, cy, r, class: 'cluster-bg'}), donut(cx, cy, r * 0.8, c.quads),
          s('text', {x: cx, y: cy, 'font-size': 11 / k, dy: 3.8 / k, 'text-anchor': 'middle', class: 'cluster-count'}, String(n)));
      }
      g.append(s('title', {}, `${n} event${n > 1 ? 's' : ''}`));
      g.addEventListener('click', (event) => {
        event.stopPropagation();
        const lons = c.points.map((p) => p.lon);
        const lats = c.points.map((p) => p.lat);
        const spread = Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats));
        if (n > 1 && spread > 0.05 && view.w > 2) {
          zoomAt(cx, cy, 0.35);
        } else {
          openPopup(c, c.x, c.y);
        }
      });
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          g.dispatchEvent(new MouseEvent('click'));
        }
      });
      markers.append(g);
    }
  }

  function zoomAt(cx, cy, factor) {
    const w = Math.min(360, Math.max(0.5, view.w * factor));
    const hh = w / 2;
    view = {x: cx - (cx - view.x) * (w / view.w), y: cy - (cy - view.y) * (hh / view.h), w, h: hh};
    clamp();
    popup.hidden = true;
    draw();
  }

  function clamp() {
    view.x = Math.min(180 - view.w, Math.max(-180, view.x));
    view.y = Math.min(90 - view.h, Math.max(-90, view.y));
  }

  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const k = scale();
    zoomAt(view.x + (event.clientX - rect.left) / k, view.y + (event.clientY - rect.top) / k, event.deltaY < 0 ? 0.8 : 1.25);
  }, {passive: false});
  let drag = null;
  svg.addEventListener('pointerdown', (event) => { drag = {x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false}; });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    const k = scale();
    view.x = drag.vx - dx / k;
    view.y = drag.vy - dy / k;
    clamp();
    draw();
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('pointerleave', () => { drag = null; });

  const button = (label, title, fn) => h('button', {type: 'button', title, onclick: fn}, label);
  const controls = h('div', {class: 'map-controls'},
    button('+', 'zoom in', () => zoomAt(view.x + view.w / 2, view.y + view.h / 2, 0.5)),
    button('−', 'zoom out', () => zoomAt(view.x + view.w / 2, view.y + view.h / 2, 2)),
    button('World', 'show the whole world', () => { view = {x: -180, y: -90, w: 360, h: 180}; popup.hidden = true; draw(); }),
    button('Filter to this area', 'set the bounding-box filter to the visible area', () => {
      const params = new URLSearchParams(window.location.search);
      const r = (v) => Math.round(v * 100) / 100;
      params.set('bbox', [r(view.x), r(-(view.y + view.h)), r(view.x + view.w), r(-view.y)].join(','));
      navigate(`/map?${params.toString()}`);
    }));
  const legend = h('div', {class: 'legend'}, QUADS.map((q) => {
    const swatch = h('span', {class: 'swatch round'});
    swatch.style.background = q.color;
    return h('span', {class: 'legend-item'}, swatch, `${q.code} ${q.label}`);
  }));
  const shown = data.points.length < data.total ? ` (showing ${fmt(data.points.length)})` : '';
  replace(container,
    h('div', {class: 'toolbar'}, h('span', {class: 'count'}, `${fmt(data.total)} located events${shown}`), controls),
    legend, wrap,
    h('p', {class: 'attribution muted'}, geo.attribution || ''));
  draw();
}
