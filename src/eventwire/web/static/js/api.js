// Calls to the eventwire HTTP API (same origin, /v1). A read token, when the server asks for
// one, is kept in sessionStorage only.

const TOKEN_KEY = 'eventwire-token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const out = {Accept: 'application/json', ...extra};
  const token = getToken();
  if (token) out.Authorization = `Bearer ${token}`;
  return out;
}

async function handle(response) {
  if (response.ok) return response.json();
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.detail) {
      message = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
    }
  } catch (err) {
    // not JSON: keep the status line
  }
  throw new ApiError(response.status, message);
}

/** GET /v1/<path> with query parameters (an object or URLSearchParams). */
export async function get(path, params) {
  const query = params ? new URLSearchParams(params).toString() : '';
  const url = `/v1/${path}${query ? `?${query}` : ''}`;
  return handle(await fetch(url, {headers: headers()}));
}

/** POST JSON to /v1/<path>. */
export async function post(path, body, params) {
  const query = params ? new URLSearchParams(params).toString() : '';
  const url = `/v1/${path}${query ? `?${query}` : ''}`;
  return handle(await fetch(url, {
    method: 'POST',
    headers: headers({'Content-Type': 'application/json'}),
    body: JSON.stringify(body),
  }));
}

/** Return the URL of a download of the events matching params in format. */
export function downloadUrl(params, format) {
  const p = new URLSearchParams(params);
  p.delete('cursor');
  p.delete('limit');
  p.set('format', format);
  return `/v1/events?${p.toString()}`;
}
