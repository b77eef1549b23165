// Events per day stacked by quad class (SVG), with the counts by type and country beside it.

import {get} from '../api.js';
import {countryName, quadDefinition, typeDefinition} from '../codebook.js';
import {QUADS, quadColor} from '../colors.js';
import {fmt, h, replace, s} from '../dom.js';
import {currentFilters} from '../filters.js';
import {navigate} from '../nav.js';
import {saveDownload} from '../download.js';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const MAX_LINES = 8;
const BY = [['event', 'event type'], ['quad', 'quad class'], ['country', 'country (place)'], ['dyad', 'dyad (actor → recipient country)']];
// the events filter that lists the events of one series key
const KEY_FILTER = {event: 'event', quad: 'quad', country: 'country'};

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

// The inner width and height of a chart with margins m, and its group translated by them.
function frame(width, height, m) {
  return {w: width - m.left - m.right, ih: height - m.top - m.bottom,
    g: s('g', {transform: `translate(${m.left},${m.top})`})};
}

// Horizontal grid lines with value labels at steps + 1 even values from 0 to max.
function grid(g, w, y, max, steps) {
  for (let i = 0; i <= steps; i += 1) {
    const v = (max / steps) * i;
    g.append(s('line', {x1: 0, x2: w, y1: y(v), y2: y(v), class: 'grid'}),
      s('text', {x: -6, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end'}, fmt(Math.round(v))));
  }
}

function chart(binned, width) {
  const height = 300;
  const {w, ih, g} = frame(width, height, {top: 16, right: 16, bottom: 42, left: 48});
  const bins = binned.bins;
  const max = niceMax(Math.max(1, ...bins.map((b) => b.counts.reduce((a, c) => a + c, 0))));
  const bw = w / Math.max(1, bins.length);
  const y = (v) => ih - (v / max) * ih;
  grid(g, w, y, max, 5);
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

function nextPeriod(ms, interval) {
  const d = new Date(ms);
  if (interval === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return ms + (interval === 'week' ? 7 : 1) * DAY;
}

function keyLabel(by, key) {
  if (key === null || key === undefined) return '(none)';
  if (by === 'quad') return `${key} ${QUADS[Number(key) - 1] ? QUADS[Number(key) - 1].label : ''}`;
  if (by === 'country') return countryName(key) ? `${key} ${countryName(key)}` : key;
  return key;
}

function keyTitle(by, key) {
  if (by === 'event') return typeDefinition(key);
  if (by === 'quad') return quadDefinition(key);
  return '';
}

function keyHref(by, key) {
  const params = new URLSearchParams(window.location.search);
  for (const name of ['by', 'interval', 'cursor']) params.delete(name);
  if (by === 'dyad') {
    const [a, r] = key.split('-');
    params.set('actor_country', a);
    params.set('recipient_country', r);
  } else {
    params.set(KEY_FILTER[by], key);
  }
  return `/?${params.toString()}`;
}

/** Lines per series key (SVG): every period of the range on the x axis, counts on the y axis. */
export function lineChart(data, width) {
  const shown = data.series.filter((x) => x.key !== null).slice(0, MAX_LINES);
  const periods = shown.flatMap((x) => x.points.map((p) => parseDay(p.period)));
  const height = 260;
  const {w, ih, g} = frame(width, height, {top: 14, right: 16, bottom: 38, left: 44});
  const svg = s('svg', {class: 'timeline series', id: 'series-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `events per ${data.interval} by ${data.by}`}, g);
  if (!periods.length) return svg;
  const first = Math.min(...periods);
  const last = Math.max(...periods);
  const xs = [];
  for (let t = first; t <= last; t = nextPeriod(t, data.interval)) xs.push(t);
  const index = new Map(xs.map((t, i) => [t, i]));
  const max = niceMax(Math.max(1, ...shown.flatMap((x) => x.points.map((p) => p.count))));
  const x = (i) => (xs.length === 1 ? w / 2 : (i / (xs.length - 1)) * w);
  const y = (v) => ih - (v / max) * ih;
  grid(g, w, y, max, 4);
  const every = Math.max(1, Math.ceil(xs.length / Math.max(1, Math.floor(w / 90))));
  xs.forEach((t, i) => {
    if (i % every) return;
    const label = data.interval === 'month' ? dayString(t).slice(0, 7) : dayString(t);
    g.append(s('text', {x: x(i), y: ih + 16, class: 'axis-label', 'text-anchor': i === 0 ? 'start' : (i > xs.length - every ? 'end' : 'middle')}, label));
  });
  g.append(s('line', {x1: 0, x2: w, y1: ih, y2: ih, class: 'axis'}));
  shown.forEach((series, k) => {
    const counts = new Array(xs.length).fill(0);
    for (const p of series.points) counts[index.get(parseDay(p.period))] = p.count;
    const d = counts.map((c, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(c).toFixed(1)}`).join('');
    const color = PALETTE[k % PALETTE.length];
    const line = s('g', {class: 'series-line', dataset: {key: series.key}},
      s('path', {d, fill: 'none', stroke: color, 'stroke-width': 2}),
      counts.map((c, i) => (c ? s('circle', {cx: x(i), cy: y(c), r: 2.5, fill: color},
        s('title', {}, `${keyLabel(data.by, series.key)}, ${data.interval} of ${dayString(xs[i])}: ${fmt(c)} events`)) : null)));
    g.append(line);
  });
  return svg;
}

function downloadSeries(params, button) {
  const query = new URLSearchParams({...params, format: 'csv'}).toString();
  return saveDownload(`/v1/series?${query}`, `series-${params.by}-${params.interval}.csv`, button);
}

async function seriesSection(filters, unit, width) {
  const search = new URLSearchParams(window.location.search);
  const by = BY.some(([v]) => v === search.get('by')) ? search.get('by') : 'event';
  const interval = ['day', 'week', 'month'].includes(search.get('interval')) ? search.get('interval') : unit;
  const params = {...filters, by, interval};
  const data = await get('series', params);
  const go = (changes) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    navigate(`/timeline?${next.toString()}`);
  };
  const bySelect = h('select', {id: 'series-by', onchange: () => go({by: bySelect.value})},
    BY.map(([v, label]) => h('option', {value: v, selected: v === by}, label)));
  const intervalSelect = h('select', {id: 'series-interval', onchange: () => go({interval: intervalSelect.value})},
    ['day', 'week', 'month'].map((v) => h('option', {value: v, selected: v === interval}, v)));
  const csv = h('button', {type: 'button', id: 'series-csv', class: 'download'}, 'CSV');
  csv.addEventListener('click', () => downloadSeries(params, csv));
  const shown = data.series.filter((x) => x.key !== null).slice(0, MAX_LINES);
  const legend = h('div', {class: 'legend', id: 'series-legend'}, shown.map((x, k) => {
    const swatch = h('span', {class: 'swatch'});
    swatch.style.background = PALETTE[k % PALETTE.length];
    return h('a', {class: 'legend-item', href: keyHref(by, x.key), title: keyTitle(by, x.key) || null}, swatch, `${keyLabel(by, x.key)} (${fmt(x.total)})`);
  }));
  const others = data.series.length - shown.length;
  return h('section', {class: 'series-section', id: 'series'},
    h('div', {class: 'toolbar'},
      h('h3', {}, 'Lines per '), bySelect, h('span', {}, 'per'), intervalSelect,
      h('span', {class: 'muted'}, `${fmt(data.total - data.undated)} of ${fmt(data.total)} events drawn${data.undated ? ` (${fmt(data.undated)} without a date precise enough)` : ''}${others > 0 ? `; ${others} smaller series in the CSV` : ''}`),
      h('span', {class: 'downloads'}, 'Download: ', csv)),
    legend,
    shown.length ? lineChart(data, width) : h('p', {class: 'notice'}, 'No dated events match these filters.'));
}

export async function renderTimeline(container, _arg, isCurrent) {
  const filters = currentFilters();
  const stats = await get('stats', filters);
  if (!isCurrent()) return;
  const binned = binDays(stats.by_day);
  const width = Math.max(360, (container.clientWidth || 1000) - 40);
  const lines = await seriesSection(filters, binDays(stats.by_day).unit, Math.max(360, (container.clientWidth || 1000) - 40));
  if (!isCurrent()) return;
  const undated = stats.undated_events ? h('span', {class: 'muted'}, ` · ${fmt(stats.undated_events)} event${stats.undated_events === 1 ? ' has' : 's have'} no day-precision date and ${stats.undated_events === 1 ? 'is' : 'are'} not drawn`) : null;
  replace(container,
    h('div', {class: 'toolbar'}, h('span', {class: 'count'}, `${fmt(stats.total_events)} ${stats.unique ? 'unique ' : ''}events in ${fmt(stats.total_articles)} articles, per ${binned.unit}`), undated),
    legend(),
    binned.bins.length ? chart(binned, width) : h('p', {class: 'notice'}, 'No dated events match these filters.'),
    lines,
    h('div', {class: 'panels'},
      barList('By event type', stats.by_type, 'event', 'event'),
      barList('By country (event location)', stats.by_country.filter((r) => r.country_code), 'country_code', 'country')));
}
