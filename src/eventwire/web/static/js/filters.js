// The filter bar: every filter of GET /v1/events, mirrored in the page's query string so a
// filtered view can be shared by copying its URL.

import {AUX_MODES, EVENT_TYPES, QUADS} from './colors.js';
import {h, replace} from './dom.js';

export const FILTER_FIELDS = [
  {name: 'date_from', label: 'From', type: 'date'},
  {name: 'date_to', label: 'To', type: 'date'},
  {name: 'event', label: 'Event type', type: 'select', options: EVENT_TYPES.map((t) => [t, t])},
  {name: 'mode', label: 'Mode', type: 'text', placeholder: 'visit'},
  {name: 'quad', label: 'Quad class', type: 'select', options: QUADS.map((q) => [String(q.code), `${q.code} ${q.label}`])},
  {name: 'actor', label: 'Actor', type: 'text', placeholder: 'code or name'},
  {name: 'actor_sector', label: 'Actor sector', type: 'text', placeholder: 'GOV'},
  {name: 'recipient', label: 'Recipient', type: 'text', placeholder: 'code or name'},
  {name: 'recipient_sector', label: 'Recipient sector', type: 'text', placeholder: 'MIL'},
  {name: 'country', label: 'Country', type: 'text', placeholder: 'ISO3, e.g. EGY'},
  {name: 'bbox', label: 'Bounding box', type: 'text', placeholder: 'W,S,E,N'},
  {name: 'aux_mode', label: 'Aux mode', type: 'select', options: [['none', 'none (real, current)'], ['any', 'any marked'], ...AUX_MODES.map((m) => [m, m])]},
  {name: 'q', label: 'Text', type: 'search', placeholder: 'words in the sentence'},
];

export const FILTER_NAMES = FILTER_FIELDS.map((f) => f.name);

/** Return the filters of the current URL as a plain object (empty values dropped). */
export function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) out[name] = value;
  }
  return out;
}

function control(field, value) {
  const id = `f-${field.name}`;
  let input;
  if (field.type === 'select') {
    input = h('select', {id, name: field.name},
      h('option', {value: ''}, 'any'),
      field.options.map(([v, label]) => h('option', {value: v, selected: v === value}, label)));
  } else {
    input = h('input', {id, name: field.name, type: field.type, value: value || '', placeholder: field.placeholder || null, autocomplete: 'off'});
  }
  return h('label', {class: 'field', for: id}, h('span', {}, field.label), input);
}

/**
 * Render the filter form into container; onApply(params) is called with the new filters
 * after the URL has been updated.
 */
export function renderFilters(container, onApply) {
  const values = currentFilters();
  const form = h('form', {class: 'filter-form', id: 'filter-form'},
    FILTER_FIELDS.map((f) => control(f, values[f.name])),
    h('div', {class: 'filter-actions'},
      h('button', {type: 'submit', class: 'primary', id: 'apply-filters'}, 'Apply'),
      h('button', {type: 'button', id: 'reset-filters', onclick: () => {
        form.reset();
        for (const el of form.elements) if (el.name) el.value = '';
        form.requestSubmit();
      }}, 'Reset')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTER_NAMES) params.delete(name);
    params.delete('cursor');
    for (const el of form.elements) {
      if (el.name && el.value.trim()) params.set(el.name, el.value.trim());
    }
    const query = params.toString();
    history.pushState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    onApply(currentFilters());
  });
  replace(container, form);
}
