// The article view: the text with actors, event triggers, dates, places and quotes
// highlighted, sentence by sentence, with each event record beside the sentence it came from.
// Also the article list. Every piece of article text is inserted as a text node.

import {get} from '../api.js';
import {fmt, h, replace} from '../dom.js';
import {entityCode, entityList, eventLabel, placeName, quadBadge} from '../format.js';
import {segment} from '../highlight.js';

export const KINDS = [
  {kind: 'actor', label: 'Actors'},
  {kind: 'trigger', label: 'Event triggers'},
  {kind: 'date', label: 'Dates'},
  {kind: 'place', label: 'Places'},
  {kind: 'quote', label: 'Quotes'},
];

function entityTitle(e, role) {
  const code = entityCode(e);
  return `${role}: ${e.name || e.entity_text}${code ? ` (${code})` : ''}`;
}

/** Collect every highlight span of an annotation record. */
export function annotationSpans(ann) {
  const spans = [];
  const add = (span, kind, label, eventId) => {
    if (!span || span.length !== 2) return;
    spans.push({start: span[0], end: span[1], kind, label, events: eventId ? [eventId] : []});
  };
  for (const e of ann.entities || []) add(e.span, 'actor', entityTitle(e, 'actor'));
  for (const p of ann.places || []) add(p.span, 'place', `place: ${p.resolved_place || p.extracted_place}${p.country_code ? ` (${p.country_code})` : ''}${p.lat != null ? ` ${Number(p.lat).toFixed(2)}, ${Number(p.lon).toFixed(2)}` : ''}`);
  for (const t of ann.timexes || []) add(t.span, 'date', `date: ${t.value || 'unresolved'}${t.precision ? ` (${t.precision})` : ''}`);
  for (const q of ann.quotes || []) {
    const who = q.speaker ? q.speaker.name || q.speaker.entity_text : 'unknown speaker';
    add(q.content_span, 'quote', `${q.kind} quote, speaker: ${who}`);
  }
  for (const ev of ann.events || []) {
    add(ev.span, 'trigger', `event: ${ev.event}${ev.mode ? ` (${ev.mode})` : ''}`, ev.id);
    for (const a of ev.actor || []) add(a.span, 'actor', entityTitle(a, 'actor'), ev.id);
    for (const r of ev.recipient || []) add(r.span, 'actor', entityTitle(r, 'recipient'), ev.id);
    if (ev.event_loc) add(ev.event_loc.span, 'place', `event location: ${placeName(ev.event_loc)}`, ev.id);
    if (ev.date_span) add(ev.date_span, 'date', `event date: ${ev.date || ''}`, ev.id);
  }
  return spans;
}

function renderSegment(text, seg) {
  const content = text.slice(seg.start, seg.end);
  if (!seg.marks.length) return document.createTextNode(content);
  const kinds = [...new Set(seg.marks.map((m) => m.kind))];
  const events = [...new Set(seg.marks.flatMap((m) => m.events))];
  const mark = h('mark', {
    class: kinds.map((k) => `hl-${k}`).join(' '),
    title: [...new Set(seg.marks.map((m) => m.label))].join('\n'),
    dataset: events.length ? {events: events.join(' ')} : null,
  });
  mark.textContent = content;
  return mark;
}

function eventCard(ev) {
  const loc = ev.event_loc;
  const rows = [
    ['Actor', entityList(ev.actor)],
    ['Recipient', entityList(ev.recipient)],
    ['Date', ev.date ? [ev.date, ev.date_text ? h('span', {class: 'muted'}, ` from “${ev.date_text}”`) : h('span', {class: 'muted'}, ' (publication date)')] : h('span', {class: 'muted'}, 'unknown')],
    ['Place', loc ? [placeName(loc), loc.country_code ? h('span', {class: 'code'}, loc.country_code) : null] : h('span', {class: 'muted'}, '—')],
    ['Trigger', h('q', {}, ev.event_text)],
    ['Context', (ev.context || []).join(', ') || h('span', {class: 'muted'}, '—')],
    ['Confidence', `${Number(ev.confidence || 0).toFixed(2)}${ev.rule ? ` · ${ev.rule}` : ''}`],
  ];
  const card = h('article', {class: 'event-card', id: `event-${ev.id}`, dataset: {eventId: ev.id}, tabindex: 0},
    h('header', {}, quadBadge(ev.quad_code), ' ', eventLabel(ev)),
    h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  return card;
}

function focusEvent(root, id, on) {
  for (const mark of root.querySelectorAll('mark[data-events]')) {
    if (mark.dataset.events.split(' ').includes(id)) mark.classList.toggle('focus', on);
  }
  root.querySelector(`[data-event-id="${CSS.escape(id)}"]`)?.classList.toggle('focus', on);
}

/** Render an annotation record (GET /v1/articles/{id} or POST /v1/extract) into container. */
export function renderAnnotation(container, ann) {
  const text = ann.text || '';
  const spans = annotationSpans(ann);
  let sentences = (ann.sentences || []).filter((sp) => sp && sp.length === 2);
  if (!sentences.length) sentences = [[0, text.length]];
  const byIndex = new Map();
  for (const ev of ann.events || []) {
    const i = Number.isInteger(ev.sentence_index) && ev.sentence_index >= 0 ? ev.sentence_index : 0;
    if (!byIndex.has(i)) byIndex.set(i, []);
    byIndex.get(i).push(ev);
  }
  const rows = sentences.map(([start], i) => {
    // each row runs to the next sentence's start, so text between sentences is kept
    const from = i === 0 ? 0 : start;
    const to = i + 1 < sentences.length ? sentences[i + 1][0] : text.length;
    const segs = segment(spans, from, to);
    const events = byIndex.get(i) || [];
    return h('div', {class: events.length ? 'sentence-row has-events' : 'sentence-row', dataset: {sentence: String(i)}},
      h('div', {class: 'sentence-text'}, segs.map((seg) => renderSegment(text, seg))),
      h('div', {class: 'sentence-events'}, events.map(eventCard)));
  });
  const toggles = h('div', {class: 'legend toggles'}, KINDS.map(({kind, label}) => {
    const box = h('input', {type: 'checkbox', checked: true, dataset: {kind}});
    box.addEventListener('change', () => container.classList.toggle(`hide-${kind}`, !box.checked));
    return h('label', {class: `legend-item toggle-${kind}`}, box, h('mark', {class: `hl-${kind}`}, label));
  }));
  const body = h('div', {class: 'annotated', id: 'annotated-text'}, rows);
  body.addEventListener('mouseover', (event) => {
    const card = event.target.closest('.event-card');
    if (card) focusEvent(body, card.dataset.eventId, true);
  });
  body.addEventListener('mouseout', (event) => {
    const card = event.target.closest('.event-card');
    if (card) focusEvent(body, card.dataset.eventId, false);
  });
  const warnings = (ann.warnings || []).length ? h('ul', {class: 'warnings'}, ann.warnings.map((w) => h('li', {}, w))) : null;
  replace(container, toggles, warnings, body);
}

export async function renderArticle(container, id, isCurrent) {
  const ann = await get(`articles/${encodeURIComponent(id)}`);
  if (!isCurrent()) return;
  const meta = h('div', {class: 'article-meta'},
    h('h2', {id: 'article-title'}, ann.title || ann.article_id),
    h('p', {class: 'muted'},
      ann.date ? `published ${ann.date}` : 'no publication date', ' · ',
      ann.source ? [ann.source, ' · '] : null,
      `${fmt((ann.events || []).length)} events · id `, h('code', {}, ann.article_id),
      ann.url ? [' · ', h('a', {href: ann.url, rel: 'noopener noreferrer', target: '_blank'}, 'source')] : null));
  const body = h('div', {});
  replace(container, meta, body);
  renderAnnotation(body, ann);
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash) {
    const target = document.getElementById(hash);
    if (target) {
      target.classList.add('flash');
      target.scrollIntoView({block: 'center'});
      focusEvent(body, hash.replace(/^event-/, ''), true);
    }
  }
}

export async function renderArticleList(container, _arg, isCurrent) {
  const params = new URLSearchParams(window.location.search);
  const query = {limit: '100'};
  if (params.get('q')) query.q = params.get('q');
  if (params.get('offset')) query.offset = params.get('offset');
  const data = await get('articles', query);
  if (!isCurrent()) return;
  const search = h('input', {type: 'search', name: 'q', value: params.get('q') || '', placeholder: 'search titles and text'});
  const form = h('form', {class: 'inline-form', method: 'get', action: '/articles'}, search, h('button', {type: 'submit'}, 'Search'));
  const offset = Number(params.get('offset') || 0);
  const next = offset + data.articles.length < data.total ? h('a', {class: 'button', href: `/articles?${new URLSearchParams({...query, offset: String(offset + 100)})}`}, 'Next →') : null;
  replace(container,
    h('div', {class: 'toolbar'}, h('span', {class: 'count'}, `${fmt(data.total)} articles`), form),
    h('table', {class: 'events', id: 'articles-table'},
      h('thead', {}, h('tr', {}, ['Date', 'Title', 'Source', 'Events'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, data.articles.map((a) => h('tr', {},
        h('td', {class: 'nowrap'}, a.date || '—'),
        h('td', {}, h('a', {href: `/articles/${encodeURIComponent(a.id)}`, class: 'article-link'}, a.title || a.id)),
        h('td', {}, a.source || ''),
        h('td', {class: 'num'}, fmt(a.n_events)))))),
    h('div', {class: 'pager'}, next));
}
