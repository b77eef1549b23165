// The dyad matrix: actor countries (rows) x recipient countries (columns), cells shaded by the
// number of events; a cell lists its events (actor_country=A&recipient_country=B).

import {get} from '../api.js';
import {countryName} from '../codebook.js';
import {fmt, h, replace} from '../dom.js';
import {currentFilters} from '../filters.js';

function cellHref(actor, recipient) {
  const params = new URLSearchParams(window.location.search);
  params.delete('cursor');
  params.delete('countries');
  params.set('actor_country', actor);
  params.set('recipient_country', recipient);
  return `/?${params.toString()}`;
}

export async function renderDyads(container, _arg, isCurrent) {
  const filters = currentFilters();
  const limit = new URLSearchParams(window.location.search).get('countries') || '20';
  const data = await get('dyads', {...filters, limit});
  if (!isCurrent()) return;
  const counts = new Map(data.cells.map((c) => [`${c.actor}|${c.recipient}`, c.n]));
  const max = Math.max(1, ...data.cells.map((c) => c.n));
  const head = (code) => h('th', {scope: 'col', title: countryName(code) || null}, code);
  const table = h('table', {class: 'dyad-matrix', id: 'dyad-matrix'},
    h('thead', {}, h('tr', {}, h('th', {class: 'corner'}, 'actor ↓ recipient →'), data.countries.map(head))),
    h('tbody', {}, data.countries.map((a) => h('tr', {},
      h('th', {scope: 'row', title: countryName(a) || null}, a),
      data.countries.map((r) => {
        const n = counts.get(`${a}|${r}`) || 0;
        if (!n) return h('td', {class: 'empty'});
        const cell = h('td', {class: 'cell', dataset: {actor: a, recipient: r, n: String(n)}},
          h('a', {href: cellHref(a, r), title: `${countryName(a) || a} → ${countryName(r) || r}: ${n} events`}, fmt(n)));
        const share = n / max;
        cell.style.background = `rgba(31, 95, 153, ${(0.12 + 0.75 * share).toFixed(2)})`;
        if (share > 0.5) cell.classList.add('dark');
        return cell;
      })))));
  replace(container,
    h('div', {class: 'toolbar'},
      h('span', {class: 'count'}, `${fmt(data.cells.reduce((a, c) => a + c.n, 0))} ${filters.unique === 'true' ? 'unique ' : ''}events between ${fmt(data.countries.length)} countries`),
      h('span', {class: 'muted'}, 'rows: actor country; columns: recipient country; an event counts once per country pair; click a cell for its events')),
    data.countries.length ? h('div', {class: 'matrix-wrap'}, table) : h('p', {class: 'notice'}, 'No events between countries match these filters.'));
}
