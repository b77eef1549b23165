// Events per day stacked by quad class (SVG), with the counts by type and country beside it.

import {get} from '../api.js';
import {QUADS, quadColor} from '../colors.js';
import {fmt, h, replace, s} from '../dom.js';
import {currentFilters} from '../filters.js';
import {navigate} from '../nav.js';

const DAY = 86400000;

function parseDay(day) {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function dayString(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Group day rows into bins: days when the range is short, else weeks (Monday) or months.
 * Returns {unit, bins: [{start, end, counts: [q1..q4], total}]} with empty bins filled in.
 */
export function binDays(rows) {
  const days = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.day));
  if (!days.length) return {unit: 'day', bins: []};
  const times = days.map((r) => parseDay(r.day));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = (last - first) / DAY;
  const unit = span > 1100 ? 'month' : span > 150 ? 'week' : 'day';
  const keyOf = (ms) => {
    const d = new Date(ms);
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (unit === 'week') return ms - ((d.getUTCDay() + 6) % 7) * DAY;
    return ms;
  };
  const nextOf = (ms) => {
    const d = new Date(ms);
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return ms + (unit === 'week' ? 7 : 1) * DAY;
  };
  const bins = new Map();
  for (let t = keyOf(first); t <= last; t = nextOf(t)) bins.set(t, {start: t, end: nextOf(t) - DAY, counts: [0, 0, 0, 0], total: 0});
  days.forEach((r, i) => {
    const bin = bins.get(keyOf(times[i]));
    QUADS.forEach((q, j) => { bin.counts[j] += r[`q${q.code}`] || 0; });
    bin.total += r.n || 0;
  });
  return {unit, bins: [...bins.values()]};
}

function niceMax(value) {
  if (value <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= value) return m * p;
  return 10 * p;
}

function chart(binned, width) {
  const height = 300;
  const m = {top: 16, right: 16, bottom: 42, left: 48};
  const w = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const bins = binned.bins;
  const max = niceMax(Math.max(1, ...bins.map((b) => b.counts.reduce((a, c) => a + c, 0))));
  const bw = w / Math.max(1, bins.length);
  const y = (v) => ih - (v / max) * ih;
  const g = s('g', {transform: `translate(${m.left},${m.top})`});
  for (let i = 0; i <= 5; i += 1) {
    const v = (max / 5) * i;
    g.append(s('line', {x1: 0, x2: w, y1: y(v), y2: y(v), class: 'grid'}),
      s('text', {x: -6, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end'}, fmt(Math.round(v))));
  }
  const labelEvery = Math.max(1, Math.ceil(bins.length / Math.max(1, Math.floor(w / 80))));
  bins.forEach((bin, i) => {
    let acc = 0;
    const label = binned.unit === 'month' ? dayString(bin.start).slice(0, 7) : dayString(bin.start);
    const bar = s('g', {class: 'bar', dataset: {day: dayString(bin.start)}});
    bin.counts.forEach((c, j) => {
      if (!c) return;
      bar.append(s('rect', {x: i * bw + 1, width: Math.max(1, bw - 2), y: y(acc + c), height: y(acc) - y(acc + c), fill: quadColor(j + 1)}));
      acc += c;
    });
    const span = binned.unit === 'day' ? label : `${label} – ${dayString(bin.end)}`;
    bar.append(s('title', {}, `${span}: ${fmt(acc)} events (${bin.counts.map((c, j) => `Q${j + 1} ${c}`).join(', ')})`));
    bar.append(s('rect', {x: i * bw, width: bw, y: 0, height: ih, class: 'hit'}));
    bar.addEventListener('click', () => {
      const params = new URLSearchParams(window.location.search);
      params.set('date_from', dayString(bin.start));
      params.set('date_to', dayString(bin.end));
      params.delete('cursor');
      navigate(`/?${params.toString()}`);
    });
    g.append(bar);
    if (i % labelEvery === 0) {
      // labels near the right edge end at their bar so they are not clipped
      const nearEnd = (bins.length - i) * bw < 50;
      g.append(s('text', {x: nearEnd ? i * bw + bw : i * bw + bw / 2, y: ih + 16, class: 'axis-label', 'text-anchor': nearEnd ? 'end' : 'middle'}, label));
    }
  });
  g.append(s('line', {x1: 0, x2: w, y1: ih, y2: ih, class: 'axis'}));
  return s('svg', {class: 'timeline', id: 'timeline-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `events per ${binned.unit} by quad class`}, g);
}

function legend() {
  return h('div', {class: 'legend'}, QUADS.map((q) => {
    const swatch = h('span', {class: 'swatch'});
    swatch.style.background = q.color;
    return h('span', {class: 'legend-item'}, swatch, `${q.code} ${q.label}`);
  }));
}

function barList(title, rows, key, linkParam) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return h('section', {class: 'panel'}, h('h3', {}, title),
    rows.length ? h('ol', {class: 'bar-list'}, rows.map((r) => {
      const fill = h('span', {class: 'fill'});
      fill.style.width = `${(100 * r.n) / max}%`;
      const params = new URLSearchParams(window.location.search);
      params.set(linkParam, r[key]);
      params.delete('cursor');
      return h('li', {}, h('a', {href: `/?${params.toString()}`}, r[key] || '—'), fill, h('span', {class: 'num'}, fmt(r.n)));
    })) : h('p', {class: 'muted'}, 'none'));
}

export async function renderTimeline(container, _arg, isCurrent) {
  const stats = await get('stats', currentFilters());
  if (!isCurrent()) return;
  const binned = binDays(stats.by_day);
  const width = Math.max(480, (container.clientWidth || 1000) - 40);
  const undated = stats.undated_events ? h('span', {class: 'muted'}, ` · ${fmt(stats.undated_events)} event${stats.undated_events === 1 ? ' has' : 's have'} no day-precision date and ${stats.undated_events === 1 ? 'is' : 'are'} not drawn`) : null;
  replace(container,
    h('div', {class: 'toolbar'}, h('span', {class: 'count'}, `${fmt(stats.total_events)} events in ${fmt(stats.total_articles)} articles, per ${binned.unit}`), undated),
    legend(),
    binned.bins.length ? chart(binned, width) : h('p', {class: 'notice'}, 'No dated events match these filters.'),
    h('div', {class: 'panels'},
      barList('By event type', stats.by_type, 'event', 'event'),
      barList('By country (event location)', stats.by_country.filter((r) => r.country_code), 'country_code', 'country')));
}
