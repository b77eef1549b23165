// The codebook page: PLOVER types with their modes, quad classes, aux modes and contexts, one line each.

import {loadCodebook} from '../codebook.js';
import {quadColor} from '../colors.js';
import {h, replace} from '../dom.js';

function section(id, title, intro, rows) {
  return h('section', {class: 'panel codebook-section', id}, h('h3', {}, title), intro ? h('p', {class: 'muted'}, intro) : null,
    h('dl', {class: 'codebook-list'}, rows));
}

export async function renderCodebook(container, _arg, isCurrent) {
  const book = await loadCodebook();
  if (!isCurrent()) return;
  if (!book) throw new Error('the codebook could not be loaded (GET /v1/codebook)');
  const types = book.types.map((t) => {
    const badge = h('span', {class: 'quad'}, `Q${t.quad}`);
    badge.style.background = quadColor(t.quad);
    return [
      h('dt', {id: `type-${t.event}`}, h('strong', {}, t.event), ' ', badge,
        h('span', {class: 'code', title: 'nearest CAMEO root'}, `CAMEO ${t.cameo_root}`),
        h('span', {class: 'code', title: 'Goldstein intensity of the CAMEO root'}, `${t.intensity > 0 ? '+' : ''}${t.intensity}`)),
      h('dd', {}, t.definition,
        t.modes.length ? h('dl', {class: 'modes'}, t.modes.map((m) => [h('dt', {}, m.mode), h('dd', {}, m.definition)])) : null),
    ];
  });
  replace(container,
    h('div', {class: 'codebook', id: 'codebook'},
      h('p', {class: 'muted'}, 'PLOVER 2.0 in one line per code, in our own words; the PLOVER manual is the authority on each category. ',
        'Intensity is the Goldstein (1992) value of the nearest CAMEO root, from -10 (most conflictual) to +10 (most cooperative).'),
      section('codebook-quads', 'Quad classes', null, book.quads.map((q) => {
        const swatch = h('span', {class: 'swatch'});
        swatch.style.background = quadColor(q.quad);
        return [h('dt', {}, swatch, ` ${q.quad} ${q.label}`), h('dd', {}, q.definition)];
      })),
      section('codebook-types', 'Event types and their modes', 'An event is actor → event [mode] → recipient; the mode says how.', types),
      section('codebook-aux', 'Aux modes', 'Marks on events that did not simply happen now: keep them or filter them out.',
        book.aux_modes.map((a) => [h('dt', {}, a.aux_mode), h('dd', {}, a.definition)])),
      section('codebook-contexts', 'Contexts', 'What an event is about; an event may have several.',
        book.contexts.map((c) => [h('dt', {}, c.context), h('dd', {}, c.definition)]))));
}
