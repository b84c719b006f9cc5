// What the history pages (alerts.html, report.html) share: the signed-in user in the header, the
// page's own requests (a 401 means the session ended: back to /, which leads to the login), the
// period of the filters, and words for times and durations.
'use strict';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const PERIODS = { '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3, '90d': 90 * 86400e3, '365d': 365 * 86400e3 };
const TYPE_LABEL = { PEER_DEVIATION: 'PEER DEVIATION', STUCK_SENSOR: 'STUCK SENSOR', SENSOR_DROPOUT: 'SENSOR DROPOUT' };
const typeLabel = (t) => TYPE_LABEL[t] || String(t || '');

async function api(path) {
  const res = await fetch(path, { headers: { 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin' });
  if (res.status === 401) { location.assign('/'); }
  return res;
}

async function showUser() {
  const res = await api('/api/session');
  if (!res.ok) { return; }
  const session = await res.json();
  const top = ['engineer', 'operator', 'viewer'].find((r) => session.roles.includes(r)) || 'no role';
  $('user').innerHTML = `<b>${esc(session.user)}</b> · ${esc(top)}`;
  $('sign-out').href = session.sign_out || '/logout';
}

// The period of a select with the values of PERIODS, ending now: {from, to} as ISO-8601.
function period(value) {
  const to = Date.now();
  return { from: new Date(to - (PERIODS[value] || PERIODS['30d'])).toISOString(), to: new Date(to).toISOString() };
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

// "40 min", "5.5 h", "3.2 days"
function duration(seconds) {
  if (seconds === null || seconds === undefined) { return ''; }
  if (seconds < 3600) { return `${Math.round(seconds / 60)} min`; }
  if (seconds < 48 * 3600) { return `${(seconds / 3600).toFixed(seconds < 36000 ? 1 : 0)} h`; }
  return `${(seconds / 86400).toFixed(1)} days`;
}

// The request's filters kept in the page's address, so that a view can be linked to and reloaded.
function keepInAddress(params) {
  history.replaceState(null, '', `${location.pathname}?${params}`);
}
