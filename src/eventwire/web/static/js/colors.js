// Quad class colours and labels, shared by every view and the CSS legend.

export const QUADS = [
  {code: 1, label: 'Verbal cooperation', color: '#2b7bba'},
  {code: 2, label: 'Material cooperation', color: '#2e9e4f'},
  {code: 3, label: 'Verbal conflict', color: '#f0962e'},
  {code: 4, label: 'Material conflict', color: '#d7301f'},
];

const BY_CODE = new Map(QUADS.map((q) => [q.code, q]));

export function quadColor(code) {
  const q = BY_CODE.get(Number(code));
  return q ? q.color : '#7b8794';
}

export function quadLabel(code) {
  const q = BY_CODE.get(Number(code));
  return q ? q.label : 'Unknown';
}

export const EVENT_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE',
  'REJECT', 'THREATEN', 'SANCTION', 'PROTEST', 'MOBILIZE', 'COERCE', 'ASSAULT',
];

export const AUX_MODES = ['historical', 'future', 'hypothetical', 'negation'];
