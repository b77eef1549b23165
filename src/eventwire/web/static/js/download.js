// File downloads from the API: fetched with the read token (if any) as a header, never in the URL.

import {getToken} from './api.js';
import {h} from './dom.js';
import {status} from './nav.js';

/** Fetch url and save it as filename; button is disabled meanwhile; failures go to the status line. */
export async function saveDownload(url, filename, button) {
  button.disabled = true;
  try {
    const headers = getToken() ? {Authorization: `Bearer ${getToken()}`} : {};
    const response = await fetch(url, {headers});
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const blobUrl = URL.createObjectURL(await response.blob());
    const link = h('a', {href: '#', download: filename});
    link.href = blobUrl;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10000);
  } catch (err) {
    status(`download failed: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}
