// The dashboard's router: one page, views chosen by path, filters kept in the query string.

import {ApiError, setToken} from './api.js';
import {h, replace} from './dom.js';
import {renderFilters} from './filters.js';
import {navigate, onNavigate, status} from './nav.js';
import {loadCodebook} from './codebook.js';
import {renderArticle, renderArticleList} from './views/article.js';
import {renderCodebook} from './views/codebook.js';
import {renderDyads} from './views/dyads.js';
import {renderEvents} from './views/events.js';
import {renderExtract} from './views/extract.js';
import {renderMap} from './views/map.js';
import {renderNetwork} from './views/network.js';
import {renderTimeline} from './views/timeline.js';

const ROUTES = [
  {pattern: /^\/$/, view: 'events', filters: true, render: renderEvents},
  {pattern: /^\/timeline\/?$/, view: 'timeline', filters: true, render: renderTimeline},
  {pattern: /^\/dyads\/?$/, view: 'dyads', filters: true, render: renderDyads},
  {pattern: /^\/map\/?$/, view: 'map', filters: true, render: renderMap},
  {pattern: /^\/network\/?$/, view: 'network', filters: true, render: renderNetwork},
  {pattern: /^\/articles\/?$/, view: 'articles', filters: false, render: renderArticleList},
  {pattern: /^\/articles\/(.+)$/, view: 'articles', filters: false, render: renderArticle},
  {pattern: /^\/extract\/?$/, view: 'extract', filters: false, render: renderExtract},
  {pattern: /^\/codebook\/?$/, view: 'codebook', filters: false, render: renderCodebook},
];

const FILTERED_VIEWS = new Set(['events', 'timeline', 'dyads', 'map', 'network']);

function updateNav(current) {
  const query = window.location.search;
  for (const link of document.querySelectorAll('#nav a')) {
    const view = link.dataset.view;
    const base = view === 'events' ? '/' : `/${view}`;
    // Filtered views share the query string, so switching view keeps the filters.
    const keep = FILTERED_VIEWS.has(view) && FILTERED_VIEWS.has(current);
    link.setAttribute('href', keep ? `${base}${query}` : base);
    link.classList.toggle('active', view === current);
    if (view === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function showError(container, err) {
  if (err instanceof ApiError && err.status === 401) {
    const input = h('input', {type: 'password', id: 'read-token', placeholder: 'API read token', autocomplete: 'off'});
    replace(container, h('div', {class: 'notice'},
      h('p', {}, 'This server requires a token to read data. ', err.message),
      h('form', {onsubmit: (e) => { e.preventDefault(); setToken(input.value.trim()); route(); }},
        input, h('button', {type: 'submit', class: 'primary'}, 'Use token'))));
    return;
  }
  replace(container, h('div', {class: 'notice error'}, h('p', {}, `Could not load this view: ${err.message}`)));
}

let generation = 0;

async function route() {
  const path = window.location.pathname;
  const match = ROUTES.map((r) => [r, path.match(r.pattern)]).find(([, m]) => m);
  const view = document.getElementById('view');
  const filters = document.getElementById('filters');
  const mine = ++generation;
  document.body.dataset.ready = '';
  if (!match) {
    replace(view, h('div', {class: 'notice'}, h('p', {}, 'No such page. '), h('a', {href: '/', 'data-nav': true}, 'Back to the events')));
    return;
  }
  const [r, m] = match;
  document.body.dataset.view = r.view;
  updateNav(r.view);
  filters.hidden = !r.filters;
  replace(view, h('p', {class: 'loading'}, 'Loading…'));
  status('');
  try {
    await loadCodebook(); // definitions for tooltips; a failure only loses the tooltips
    if (mine !== generation) return;
    if (r.filters) renderFilters(filters, () => route());
    const arg = m[1] ? decodeURIComponent(m[1]) : undefined;
    await r.render(view, arg, () => mine === generation);
    document.body.dataset.ready = r.view;
  } catch (err) {
    if (mine === generation) showError(view, err);
    document.body.dataset.ready = 'error';
  }
}

// Same-origin links marked data-nav (and every link inside #view to a dashboard path) are
// handled here without a page reload.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const link = event.target.closest('a');
  if (!link || link.target || link.hasAttribute('download')) return;
  const href = link.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/v1/')) return;
  event.preventDefault();
  navigate(href);
});

onNavigate(() => route());
window.addEventListener('popstate', () => route());
document.addEventListener('DOMContentLoaded', () => route());
