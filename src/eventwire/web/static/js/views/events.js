// The events table: filters from the URL, sortable columns, cursor pages and downloads.

import {downloadUrl, get} from '../api.js';
import {saveDownload} from '../download.js';
import {fmt, h, replace} from '../dom.js';
import {currentFilters} from '../filters.js';
import {clip, entityList, eventLabel, placeName, quadBadge} from '../format.js';
import {navigate} from '../nav.js';

const COLUMNS = [
  {key: 'date', label: 'Date', sort: 'date'},
  {key: 'event', label: 'Event', sort: 'event'},
  {key: 'quad', label: 'Quad', sort: 'quad_code'},
  {key: 'cameo', label: 'CAMEO'},
  {key: 'actor', label: 'Actor'},
  {key: 'recipient', label: 'Recipient'},
  {key: 'place', label: 'Place', sort: 'country_code'},
  {key: 'sentence', label: 'Sentence'},
  {key: 'reports', label: 'Stories'},
  {key: 'confidence', label: 'Conf.', sort: 'confidence'},
];

function withParams(changes) {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const q = params.toString();
  return `${window.location.pathname}${q ? `?${q}` : ''}`;
}

function headerCell(col, sort) {
  if (!col.sort) return h('th', {scope: 'col'}, col.label);
  const active = sort === col.sort || sort === `-${col.sort}`;
  const desc = sort === `-${col.sort}`;
  const next = active && !desc ? `-${col.sort}` : col.sort;
  return h('th', {scope: 'col', class: active ? 'sorted' : null, 'aria-sort': active ? (desc ? 'descending' : 'ascending') : null},
    h('a', {href: withParams({sort: next, cursor: null}), class: 'sort-link'}, col.label, active ? (desc ? ' ▼' : ' ▲') : ''));
}

function row(ev) {
  const place = placeName(ev.event_loc);
  const articleHref = `/articles/${encodeURIComponent(ev.article_id)}#event-${encodeURIComponent(ev.id)}`;
  return h('tr', {dataset: {eventId: ev.id}},
    h('td', {class: 'nowrap'}, ev.date || h('span', {class: 'muted'}, '—')),
    h('td', {}, eventLabel(ev)),
    h('td', {}, quadBadge(ev.quad_code)),
    h('td', {class: 'num', title: ev.intensity !== null && ev.intensity !== undefined ? `Goldstein intensity ${ev.intensity}` : null}, ev.cameo_root || ''),
    h('td', {}, entityList(ev.actor)),
    h('td', {}, entityList(ev.recipient)),
    h('td', {}, place || h('span', {class: 'muted'}, '—'), ev.event_loc && ev.event_loc.country_code ? h('span', {class: 'code'}, ev.event_loc.country_code) : null),
    h('td', {class: 'sentence'}, h('a', {href: articleHref, class: 'article-link', title: 'open the article'}, clip(ev.text, 180))),
    h('td', {class: 'num', title: ev.num_articles ? `told by ${ev.num_articles} article(s) from ${ev.num_sources} source(s)` : null}, ev.num_articles || ''),
    h('td', {class: 'num'}, Number(ev.confidence || 0).toFixed(2)));
}

async function download(filters, format, button) {
  // fetch + blob so a read token (if any) is sent as a header, never in the URL
  const params = {...filters};
  const sort = new URLSearchParams(window.location.search).get('sort');
  if (sort) params.sort = sort;
  await saveDownload(downloadUrl(params, format), `events.${format}`, button);
}

export async function renderEvents(container, _arg, isCurrent) {
  const filters = currentFilters();
  const search = new URLSearchParams(window.location.search);
  const sort = search.get('sort') || '-date';
  const cursor = search.get('cursor');
  const params = {...filters, sort, limit: '50'};
  if (cursor) params.cursor = cursor;
  const data = await get('events', params);
  if (!isCurrent()) return;
  const table = h('table', {class: 'events', id: 'events-table'},
    h('thead', {}, h('tr', {}, COLUMNS.map((c) => headerCell(c, sort)))),
    h('tbody', {}, data.events.map(row)));
  const downloads = ['csv', 'jsonl', 'parquet'].map((format) => {
    const button = h('button', {type: 'button', class: 'download', dataset: {format}}, format.toUpperCase());
    button.addEventListener('click', () => download(filters, format, button));
    return button;
  });
  const pager = h('div', {class: 'pager'},
    cursor ? h('a', {href: withParams({cursor: null}), class: 'button'}, '⇤ First page') : null,
    data.next_cursor ? h('a', {href: withParams({cursor: data.next_cursor}), class: 'button', id: 'next-page'}, 'Next page →') : null);
  replace(container,
    h('div', {class: 'toolbar'},
      h('span', {class: 'count', id: 'event-count'}, `${fmt(data.total)} ${filters.unique === 'true' ? 'unique ' : ''}events`, cursor ? ' (continued)' : ''),
      h('span', {class: 'downloads'}, 'Download: ', downloads)),
    data.events.length ? table : h('p', {class: 'notice'}, 'No events match these filters.'),
    pager);
  table.addEventListener('dblclick', (event) => {
    const tr = event.target.closest('tr[data-event-id]');
    const link = tr && tr.querySelector('a.article-link');
    if (link) navigate(link.getAttribute('href'));
  });
}
