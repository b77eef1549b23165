// Text formatting of event records shared by the views.

import {auxDefinition, modeDefinition, quadDefinition, typeDefinition} from './codebook.js';
import {quadColor, quadLabel} from './colors.js';
import {h} from './dom.js';

/** The display name of one entity record. */
export function entityName(entity) {
  if (!entity) return '';
  return entity.name || entity.entity_text || entity.code || '?';
}

/** The code and sector of an entity, e.g. "EGY GOV". */
export function entityCode(entity) {
  return [entity.code, entity.sector].filter(Boolean).join(' ');
}

/** A list of entities as nodes: name plus a small code tag each. */
export function entityList(entities) {
  if (!entities || !entities.length) return h('span', {class: 'muted'}, '—');
  return h('span', {class: 'entities'}, entities.map((e, i) => [
    i ? ', ' : null,
    h('span', {class: 'entity', title: e.entity_text || ''}, entityName(e)),
    entityCode(e) ? h('span', {class: 'code'}, entityCode(e)) : null,
  ]));
}

/** A coloured badge for a quad class. */
export function quadBadge(code) {
  const badge = h('span', {class: `quad quad-${code}`, title: quadDefinition(code) || quadLabel(code)}, `Q${code}`);
  badge.style.background = quadColor(code);
  return badge;
}

/** "CONSULT (visit)" with the aux modes as tags. */
export function eventLabel(ev) {
  return h('span', {class: 'event-label'},
    h('strong', {title: typeDefinition(ev.event) || null}, ev.event),
    ev.mode ? h('span', {class: 'mode', title: modeDefinition(ev.event, ev.mode) || null}, ` (${ev.mode})`) : null,
    (ev.aux_mode || []).map((m) => h('span', {class: `aux aux-${m}`, title: auxDefinition(m) || null}, m)));
}

export function placeName(place) {
  if (!place) return '';
  return place.resolved_place || place.extracted_place || '';
}

/** Shorten text to n characters with an ellipsis. */
export function clip(text, n) {
  const t = String(text || '');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
