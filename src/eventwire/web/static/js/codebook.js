// The PLOVER codebook (GET /v1/codebook), loaded once: definitions for tooltips and the codebook page.

import {get} from './api.js';

let book = null;
let loading = null;

/** Load the codebook once; views may call it freely. Never throws (tooltips are a nicety). */
export async function loadCodebook() {
  if (book) return book;
  if (!loading) {
    loading = get('codebook').then((data) => { book = data; return data; }).catch(() => { loading = null; return null; });
  }
  return loading;
}

/** The loaded codebook, or null before loadCodebook() resolved. */
export function codebook() {
  return book;
}

function typeEntry(event) {
  return book ? book.types.find((t) => t.event === event) : null;
}

/** One-line definition of an event type ('' when unknown). */
export function typeDefinition(event) {
  const t = typeEntry(event);
  return t ? t.definition : '';
}

/** One-line definition of a mode of an event type. */
export function modeDefinition(event, mode) {
  const t = typeEntry(event);
  const m = t ? t.modes.find((x) => x.mode === mode) : null;
  return m ? m.definition : '';
}

/** One-line definition of a quad class. */
export function quadDefinition(code) {
  const q = book ? book.quads.find((x) => x.quad === Number(code)) : null;
  return q ? `${q.label}: ${q.definition}` : '';
}

/** One-line definition of an aux mode. */
export function auxDefinition(mode) {
  const a = book ? book.aux_modes.find((x) => x.aux_mode === mode) : null;
  return a ? a.definition : '';
}

/** The name of an ISO alpha-3 country code ('' when unknown). */
export function countryName(code) {
  const c = book ? book.countries.find((x) => x.code === code) : null;
  return c ? c.name : '';
}
