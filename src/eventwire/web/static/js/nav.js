// Navigation without page reloads, and the status line; views import these, main.js wires them.

let handler = () => {};

/** Register the router (called once by main.js). */
export function onNavigate(fn) {
  handler = fn;
}

/** Go to a same-origin dashboard URL and render its view. */
export function navigate(url) {
  history.pushState(null, '', url);
  handler();
}

/** Show a short message in the header's status area. */
export function status(message) {
  const node = document.getElementById('status');
  if (node) node.textContent = message || '';
}
