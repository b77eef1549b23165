// The extract page: paste a text and its publication date, see the annotated result.
// POST /v1/extract is not a database write, so it needs no token.

import {post} from '../api.js';
import {fmt, h, replace} from '../dom.js';
import {renderAnnotation} from './article.js';

export async function renderExtract(container) {
  const text = h('textarea', {id: 'extract-text', name: 'text', rows: 10, placeholder: 'Paste a news article here…'});
  const date = h('input', {id: 'extract-date', name: 'date', type: 'date'});
  const title = h('input', {id: 'extract-title', name: 'title', type: 'text', placeholder: 'optional'});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'extract-submit'}, 'Extract events');
  const result = h('div', {id: 'extract-result', class: 'extract-result'});
  const form = h('form', {class: 'extract-form', id: 'extract-form', novalidate: true},
    h('label', {for: 'extract-text'}, 'Article text'), text,
    h('div', {class: 'row'},
      h('label', {class: 'field', for: 'extract-date'}, h('span', {}, 'Publication date'), date),
      h('label', {class: 'field', for: 'extract-title'}, h('span', {}, 'Title'), title),
      submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      replace(result, h('div', {class: 'notice error', id: 'extract-empty'},
        h('p', {}, 'There is no text to code: paste the article text into the box above, then press “Extract events”.')));
      text.focus();
      return;
    }
    submit.disabled = true;
    replace(result, h('p', {class: 'loading'}, 'Extracting… (the first request loads the language model)'));
    try {
      const article = {text: text.value};
      if (date.value) article.date = date.value;
      if (title.value.trim()) article.title = title.value.trim();
      const data = await post('extract', article, {annotations: 'true'});
      const failures = data.failures || [];
      if (failures.length) {
        replace(result, h('div', {class: 'notice error'}, failures.map((f) => h('p', {}, f.reason))));
        return;
      }
      const res = data.results[0];
      const body = h('div', {});
      replace(result, h('p', {class: 'count', id: 'extract-count'}, `${fmt(res.events.length)} events`), body);
      renderAnnotation(body, res.annotation);
      document.body.dataset.extracted = 'yes';
    } catch (err) {
      replace(result, h('div', {class: 'notice error'}, h('p', {}, err.message)));
    } finally {
      submit.disabled = false;
    }
  });
  replace(container, form, result);
}
