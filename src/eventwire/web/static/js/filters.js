// The filter bar: the filters of GET /v1/events, mirrored in the page's query string so a
// filtered view can be shared by copying its URL. The unique-events switch is on unless the
// URL says unique=0.

import {auxDefinition, quadDefinition, typeDefinition} from './codebook.js';
import {AUX_MODES, EVENT_TYPES, QUADS} from './colors.js';
import {h, replace} from './dom.js';

export const FILTER_FIELDS = [
  {name: 'date_from', label: 'From', type: 'date'},
  {name: 'date_to', label: 'To', type: 'date'},
  {name: 'event', label: 'Event types', type: 'multi', options: () => EVENT_TYPES.map((t) => [t, t, typeDefinition(t)])},
  {name: 'mode', label: 'Mode', type: 'text', placeholder: 'visit'},
  {name: 'quad', label: 'Quad class', type: 'select', options: () => QUADS.map((q) => [String(q.code), `${q.code} ${q.label}`, quadDefinition(q.code)])},
  {name: 'actor', label: 'Actor', type: 'text', placeholder: 'code or name'},
  {name: 'actor_country', label: 'Actor country', type: 'text', placeholder: 'RUS or Russia'},
  {name: 'recipient', label: 'Recipient', type: 'text', placeholder: 'code or name'},
  {name: 'recipient_country', label: 'Recipient country', type: 'text', placeholder: 'UKR'},
  {name: 'dyad', label: 'Dyad (either way)', type: 'text', placeholder: 'RUS-UKR'},
  {name: 'country', label: 'Place country', type: 'text', placeholder: 'ISO3, e.g. EGY'},
  {name: 'aux_mode', label: 'Aux mode', type: 'select', options: () => [['none', 'none (real, current)', 'only events told as happening now'], ['any', 'any marked', ''], ...AUX_MODES.map((m) => [m, m, auxDefinition(m)])]},
  {name: 'q', label: 'Text', type: 'search', placeholder: 'words in the sentence'},
];

// Filters that only links set (network nodes, map areas, article pages); kept while present.
const HIDDEN = ['actor_code', 'actor_name', 'actor_sector', 'recipient_code', 'recipient_name', 'recipient_sector',
  'bbox', 'article_id', 'id', 'party', 'party_country'];

export const FILTER_NAMES = [...FILTER_FIELDS.map((f) => f.name), ...HIDDEN];

/** True unless the URL turned the unique-events switch off (unique=0). */
export function uniqueOn() {
  const value = new URLSearchParams(window.location.search).get('unique');
  return !(value === '0' || value === 'false');
}

/** Return the filters of the current URL as a plain object (empty values dropped), with unique. */
export function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) out[name] = value;
  }
  out.unique = uniqueOn() ? 'true' : 'false';
  return out;
}

function control(field, value) {
  const id = `f-${field.name}`;
  let input;
  if (field.type === 'select') {
    input = h('select', {id, name: field.name},
      h('option', {value: ''}, 'any'),
      field.options().map(([v, label, title]) => h('option', {value: v, selected: v === value, title: title || null}, label)));
  } else if (field.type === 'multi') {
    const chosen = new Set((value || '').split(',').filter(Boolean));
    input = h('select', {id, name: field.name, multiple: true, size: 3, class: 'multi', title: 'Ctrl/Cmd-click to pick several'},
      field.options().map(([v, label, title]) => h('option', {value: v, selected: chosen.has(v), title: title || null}, label)));
  } else {
    input = h('input', {id, name: field.name, type: field.type, value: value || '', placeholder: field.placeholder || null, autocomplete: 'off'});
  }
  return h('label', {class: `field field-${field.type}`, for: id}, h('span', {}, field.label), input);
}

function fieldValue(el) {
  if (el.tagName === 'SELECT' && el.multiple) return [...el.selectedOptions].map((o) => o.value).join(',');
  return el.value.trim();
}

/**
 * Render the filter form into container; onApply(params) is called with the new filters
 * after the URL has been updated. The unique switch applies at once.
 */
export function renderFilters(container, onApply) {
  const values = currentFilters();
  const unique = h('input', {type: 'checkbox', id: 'f-unique', checked: uniqueOn()});
  const apply = () => {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTER_FIELDS.map((f) => f.name)) params.delete(name);
    params.delete('cursor');
    params.delete('unique');
    if (!unique.checked) params.set('unique', '0');
    for (const el of form.elements) {
      if (el.name && FILTER_FIELDS.some((f) => f.name === el.name)) {
        const v = fieldValue(el);
        if (v) params.set(el.name, v);
      }
    }
    const query = params.toString();
    history.pushState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    onApply(currentFilters());
  };
  unique.addEventListener('change', apply);
  const form = h('form', {class: 'filter-form', id: 'filter-form'},
    h('label', {class: 'switch', for: 'f-unique', title: 'Count an event told by several stories once (one event per cross-story cluster)'},
      unique, h('span', {}, 'Unique events')),
    FILTER_FIELDS.map((f) => control(f, values[f.name])),
    h('div', {class: 'filter-actions'},
      h('button', {type: 'submit', class: 'primary', id: 'apply-filters'}, 'Apply'),
      h('button', {type: 'button', id: 'reset-filters', onclick: () => {
        for (const el of form.elements) {
          if (el.name && el.tagName === 'SELECT' && el.multiple) for (const o of el.options) o.selected = false;
          else if (el.name) el.value = '';
        }
        const params = new URLSearchParams(window.location.search);
        for (const name of HIDDEN) params.delete(name);
        history.replaceState(null, '', `${window.location.pathname}${params.toString() ? `?${params}` : ''}`);
        form.requestSubmit();
      }}, 'Reset')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  replace(container, h('details', {class: 'filter-box', open: window.innerWidth > 700},
    h('summary', {}, 'Filters'), form));
}
