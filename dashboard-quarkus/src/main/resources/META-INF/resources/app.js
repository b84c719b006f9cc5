// The live plant view. State comes from the WebSocket /ws/plant: a snapshot first, then batches of
// changes. Every entry has a version v; an entry is applied only when it is newer than the one held,
// so an update that was already in the snapshot (or arrives late) changes nothing. A machine's live
// values are the last reading its status carries (at most one status per machine and second).
// A machine's colour is its health, from its alerts (LEARNING, OK, WATCH, ALERT); its last point
// score stays a number on the card: one anomalous reading is WATCH, not a fault.
// The user is signed in (the page is served only then): GET /api/session says who, with which
// roles (ack and clear are an operator's), and gives the CSRF token every POST carries. A 401 means
// the session ended: back to /, which leads to the login.
// The charts are live (the machine's recent readings, then one point per status) or a range of the
// history database (1 h, 24 h, 7 d, 90 d: GET /api/machines/{id}/history, which picks the resolution).
// /?alert=<id> opens the page with that alert highlighted (the notifier's mails link there),
// /?machine=<id> with that machine selected.
'use strict';

const SENSORS = [
  { key: 'temperature', label: 'Temp', unit: '°C', digits: 1 },
  { key: 'vibration', label: 'Vib', unit: 'mm/s', digits: 2 },
  { key: 'current', label: 'Curr', unit: 'A', digits: 1 },
  { key: 'pressure', label: 'Press', unit: 'bar', digits: 2 },
  { key: 'rpm', label: 'RPM', unit: 'rpm', digits: 0 },
];
const HEALTH_RANK = { ALERT: 0, WATCH: 1, LEARNING: 2, OK: 3, REMOVED: 4 };
const SEVERITY_RANK = { CRITICAL: 0, WARNING: 1, INFO: 2 };
const TYPE_LABEL = { ANOMALY: 'ANOMALY', DEGRADATION: 'DEGRADATION', PEER_DEVIATION: 'PEER DEVIATION',
  STUCK_SENSOR: 'STUCK SENSOR', SILENT: 'SILENT' };
const typeLabel = (t) => TYPE_LABEL[t] || String(t || 'ANOMALY').replace(/_/g, ' ');
const MAX_POINTS = 300;
const MAX_FEED = 150;
const MAX_CLEARED = 300;

const state = {
  machines: new Map(),   // machine id -> {v, machine_id, status (with last_reading), health, alert_types, seen_at, removed}
  alerts: new Map(),     // alert id -> {v, alert, digest}
  statistics: null,
  version: 0,
  selected: null,
  page: 0,
  actionResults: new Map(), // alert id -> {text, error}
  session: null,            // {user, roles, csrf_token, sign_out} of GET /api/session
  range: 'live',            // the charts: 'live' or a range of the history ('1h', '24h', '7d', '90d')
  highlight: null,          // the alert of /?alert=<id>
};
const RANGES = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '90d': 90 * 86400e3 };
const link = new URLSearchParams(location.search);
const dirty = { grid: true, alerts: true, stats: true, detail: true };

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const fmt = (x, digits) => (x === undefined || x === null || Number.isNaN(x)) ? '–' : Number(x).toFixed(digits);
const time = (iso) => iso ? new Date(iso).toLocaleTimeString() : '–';

// ---------------------------------------------------------------- session
// The page's own requests: marked as such (a 401 then comes without the browser's password dialog),
// with the session's CSRF token on a POST; a 401 means the session has ended.
async function api(path, options = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET' && state.session) { headers['X-CSRF-Token'] = state.session.csrf_token; }
  const res = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (res.status === 401) { signedOut(); }
  return res;
}

function signedOut() {
  location.assign('/');
}

const mayAct = () => !!state.session && state.session.roles.includes('operator');

async function loadSession() {
  const res = await api('/api/session');
  if (!res.ok) { return; }
  state.session = await res.json();
  const roles = state.session.roles;
  const top = ['engineer', 'operator', 'viewer'].find((r) => roles.includes(r)) || 'no role';
  $('user').innerHTML = `<b>${esc(state.session.user)}</b> · ${esc(top)}`;
  $('sign-out').href = state.session.sign_out || '/logout';
  dirty.alerts = true;
  scheduleRender();
}

// ---------------------------------------------------------------- WebSocket
let socket = null;
let retryMs = 500;

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/plant';
  socket = new WebSocket(url);
  let opened = false;
  socket.onopen = () => { opened = true; retryMs = 500; setConnection('live', 'live'); };
  socket.onmessage = (event) => onMessage(JSON.parse(event.data));
  socket.onclose = (event) => {
    if (!opened) { api('/api/session').catch(() => {}); } // refused: has the session ended? (a 401 signs out)
    setConnection('reconnecting', event.code === 4000 ? 'too slow, reconnecting…' : 'reconnecting…');
    const wait = event.code === 4000 ? 100 : retryMs;
    retryMs = Math.min(retryMs * 2, 5000);
    setTimeout(connect, wait);
  };
  socket.onerror = () => { /* onclose follows */ };
}

function setConnection(cls, text) {
  const el = $('connection');
  el.className = 'conn conn-' + cls;
  el.textContent = text;
  notice('ws', cls === 'live' ? null : 'Live updates interrupted: reconnecting; the page reloads its state from a fresh snapshot.');
}

function onMessage(msg) {
  if (msg.type === 'snapshot') {
    state.machines.clear();
    state.alerts.clear();
    state.version = msg.version;
  }
  (msg.machines || []).forEach(applyMachine);
  (msg.alerts || []).forEach(applyAlert);
  if (msg.machines || msg.alerts || msg.type === 'snapshot') { dirty.grid = true; dirty.detail = true; }
  if (msg.alerts || msg.type === 'snapshot') { dirty.alerts = true; }
  if (msg.statistics) { state.statistics = msg.statistics; dirty.stats = true; }
  if (msg.type === 'snapshot' && state.highlight === null && link.get('alert')) { openLinkedAlert(link.get('alert')); }
  if (msg.type === 'snapshot' && !state.selected) {
    if (link.get('machine') && state.machines.has(link.get('machine'))) { select(link.get('machine')); } else { autoSelect(); }
  }
  scheduleRender();
}

function newer(map, key, entry) {
  const held = map.get(key);
  return !held || held.v < entry.v;
}

function applyMachine(e) {
  if (!newer(state.machines, e.machine_id, e)) { return; }
  state.machines.set(e.machine_id, e);
  state.version = Math.max(state.version, e.v);
  if (e.machine_id === state.selected && state.range === 'live' && e.status && e.status.last_reading) {
    addPoint(e.status.last_reading, e.status.last_score, e.status.threshold);
  }
}

function applyAlert(e) {
  const id = e.alert.alert_id;
  if (!newer(state.alerts, id, e)) { return; }
  state.alerts.set(id, e);
  state.version = Math.max(state.version, e.v);
  trimCleared();
}

function trimCleared() {
  const cleared = [...state.alerts.values()].filter((e) => e.alert.status === 'CLEARED');
  if (cleared.length <= MAX_CLEARED) { return; }
  cleared.sort((a, b) => a.v - b.v);
  cleared.slice(0, cleared.length - MAX_CLEARED).forEach((e) => state.alerts.delete(e.alert.alert_id));
}

// ---------------------------------------------------------------- machines
// The server sends each machine's health; the status's own, or the same rule, for an older server.
function healthOf(m, status) {
  if (!status) { return 'REMOVED'; }
  if (m.health || status.health) { return m.health || status.health; }
  if (status.open_alert_id || Object.keys(status.open_alerts || {}).length > 0) { return 'ALERT'; }
  return { TRAINING: 'LEARNING', NORMAL: 'OK', ANOMALY: 'WATCH' }[status.state] || 'OK';
}

function machineView(id) {
  const m = state.machines.get(id);
  const status = m && !m.removed ? m.status : null;
  const types = status ? (m.alert_types || Object.keys(status.open_alerts || {})) : [];
  return { id, status, reading: status ? status.last_reading : null, state: status ? status.state : 'REMOVED',
    health: healthOf(m, status), types };
}

function allMachineIds() {
  const ids = [];
  state.machines.forEach((m, id) => { if (!m.removed) { ids.push(id); } });
  return ids;
}

function filteredMachines() {
  const q = $('search').value.trim().toLowerCase();
  const wanted = $('health-filter').value;
  const withAlert = $('with-alert').checked;
  const openByMachine = new Map(); // machine id -> its open alert entries
  state.alerts.forEach((e) => {
    if (e.alert.status === 'CLEARED') { return; }
    if (!openByMachine.has(e.alert.machine_id)) { openByMachine.set(e.alert.machine_id, []); }
    openByMachine.get(e.alert.machine_id).push(e);
  });
  const views = allMachineIds()
    .filter((id) => !q || id.toLowerCase().includes(q))
    .map(machineView)
    .filter((v) => !wanted || v.health === wanted)
    .filter((v) => !withAlert || v.health === 'ALERT' || openByMachine.has(v.id));
  const byId = (a, b) => a.id.localeCompare(b.id, undefined, { numeric: true });
  if ($('sort').value === 'severity') {
    // by health; within it, the most severe open alert, the soonest time to limit, the most alerts
    const urgency = new Map(views.map((v) => {
      const open = openByMachine.get(v.id) || [];
      const severity = Math.min(3, ...open.map((e) => SEVERITY_RANK[e.alert.severity] ?? 2));
      const hours = Math.min(Infinity, ...open.map((e) => (e.digest && e.digest.hours_to_limit !== undefined
        ? e.digest.hours_to_limit : Infinity)));
      return [v.id, { severity, hours }];
    }));
    views.sort((a, b) => (HEALTH_RANK[a.health] ?? 3) - (HEALTH_RANK[b.health] ?? 3)
      || urgency.get(a.id).severity - urgency.get(b.id).severity
      || urgency.get(a.id).hours - urgency.get(b.id).hours
      || b.types.length - a.types.length || byId(a, b));
  } else {
    views.sort(byId);
  }
  return { views, openByMachine };
}

function renderGrid() {
  const { views, openByMachine } = filteredMachines();
  const size = Number($('page-size').value);
  const pages = Math.max(1, Math.ceil(views.length / size));
  state.page = Math.min(state.page, pages - 1);
  const from = state.page * size;
  const shown = views.slice(from, from + size);
  $('page-info').textContent = views.length === 0 ? '0 machines'
    : `${from + 1}–${from + shown.length} of ${views.length}`;
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page >= pages - 1;
  reconcile($('grid'), shown.map((v) => ({ key: v.id, html: cardHtml(v, openByMachine.get(v.id) || []) })),
    '<div class="empty">No machine matches. Machines appear as soon as the detector publishes their status.</div>');
}

// Updates a list in place by key: an element whose HTML did not change stays the same node, so a
// click on it is never lost to a re-render; only changed, new and removed items touch the DOM.
function reconcile(container, items, emptyHtml) {
  const existing = new Map();
  [...container.children].forEach((el) => {
    if (el.dataset.key !== undefined) { existing.set(el.dataset.key, el); } else { el.remove(); }
  });
  let previous = null;
  for (const item of items) {
    let el = existing.get(item.key);
    if (el) {
      existing.delete(item.key);
      if (el.htmlSource !== item.html) {
        const fresh = toElement(item.html, item.key);
        el.replaceWith(fresh);
        el = fresh;
      }
    } else {
      el = toElement(item.html, item.key);
    }
    const wanted = previous ? previous.nextSibling : container.firstChild;
    if (el !== wanted) { container.insertBefore(el, wanted); }
    previous = el;
  }
  existing.forEach((el) => el.remove());
  if (items.length === 0 && emptyHtml) { container.insertAdjacentHTML('beforeend', emptyHtml); }
}

const template = document.createElement('template');
function toElement(html, key) {
  template.innerHTML = html;
  const el = template.content.firstElementChild;
  el.dataset.key = key;
  el.htmlSource = html;
  return el;
}

// Soonest time to limit of a machine's open DEGRADATION alert, in short ("temperature 90 °C in ~14 h").
function timeToLimit(open) {
  const soonest = open.map((e) => e.digest || {}).filter((d) => d.time_to_limit_short)
    .sort((a, b) => a.hours_to_limit - b.hours_to_limit)[0];
  return soonest ? soonest.time_to_limit_short : null;
}

function cardHtml(v, open) {
  const s = v.status;
  const r = v.reading;
  const badge = v.health;
  const values = SENSORS.map((x) =>
    `<span><small>${x.label}</small>${r && r[x.key] !== undefined ? fmt(r[x.key], x.digits) : '–'}</span>`).join('');
  let why = '';
  if (v.health === 'ALERT') {
    const types = v.types.length ? v.types : [...new Set(open.map((e) => e.alert.type))];
    const eta = timeToLimit(open);
    why = types.map((t) => `<span class="type ${esc(t)}">${esc(t)}</span>`).join('')
      + (eta ? `<span class="eta" title="soonest time to limit">${esc(eta)}</span>` : '');
  } else if (v.health === 'WATCH') {
    why = s && s.state === 'ANOMALY' ? 'anomalous reading, no alert' : 'building towards an alert';
  } else if (v.health === 'LEARNING' && s && s.training_target) {
    why = `learning its normal: ${esc(s.training_samples)}/${esc(s.training_target)} readings`;
  }
  let score = '<div class="score"></div><div class="foot"><span>score –</span>';
  if (s && s.last_score !== undefined && s.last_score !== null) {
    const over = s.threshold !== undefined && s.threshold !== null && s.last_score > s.threshold;
    const thr = s.threshold !== undefined && s.threshold !== null
      ? `<div class="thr" style="left:${Math.min(100, s.threshold * 100)}%"></div>` : '';
    score = `<div class="score" title="last reading's anomaly score against the threshold"><div class="bar${over ? ' over' : ''}" style="width:${Math.min(100, s.last_score * 100)}%"></div>${thr}</div>`
      + `<div class="foot"><span>score ${fmt(s.last_score, 2)} / ${fmt(s.threshold, 2)}</span>`;
  }
  const model = s && s.model_version ? `model v${s.model_version}` : (s ? 'no model' : 'no status');
  return `<div class="card ${esc(v.health)}${v.id === state.selected ? ' selected' : ''}" data-machine="${esc(v.id)}" data-health="${esc(v.health)}" data-state="${esc(v.state)}">`
    + `<div class="head"><span class="id" title="${esc(v.id)}">${esc(v.id)}</span><span class="badge ${esc(v.health)}">${esc(badge)}</span></div>`
    + `<div class="why">${why}</div>`
    + `<div class="values">${values}</div>${score}`
    + `<span>${esc(model)}</span></div></div>`;
}

// ---------------------------------------------------------------- statistics
function renderStats() {
  const s = state.statistics;
  if (!s) { return; }
  $('stat-rate').textContent = fmt(s.readings_per_second, 1);
  $('stat-total').textContent = Number(s.total_readings).toLocaleString();
  $('stat-anomalies').textContent = Number(s.anomalies_detected).toLocaleString();
  $('stat-active').textContent = s.active_machines;
  $('stat-machines').textContent = s.machines;
  const h = s.machines_by_health || {};
  $('stat-health').textContent = `${h.ALERT || 0} alert · ${h.WATCH || 0} watch · ${h.OK || 0} ok · ${h.LEARNING || 0} learning`;
  $('stat-alerting').textContent = h.ALERT || 0;
  $('stat-watch').textContent = `${h.WATCH || 0} watch`;
  $('stat-open').textContent = s.open_alerts;
  $('stat-unack').textContent = `${s.unacknowledged_alerts} unacknowledged`;
  $('stat-types').textContent = Object.entries(s.open_alerts_by_type || {})
    .map(([t, n]) => `${n} ${typeLabel(t).toLowerCase()}`).join(' · ');
  $('stat-dlq').textContent = Number(s.dlq_records).toLocaleString();
  health('stat-kafka', s.kafka);
  health('stat-detector', s.detector);
  $('stat-clients').textContent = s.websocket ? s.websocket.clients : '–';
  const d = s.detector || {};
  notice('detector', d.status === 'UP' || d.status === 'UNKNOWN' ? null
    : `Detector ${d.status === 'DOWN' ? 'not ready' : 'unreachable'} (${d.url || ''}): the plant view stays live from Kafka;`
      + ' chart history is unavailable and ack / clear are written to Kafka by the dashboard.');
  const k = s.kafka || {};
  notice('kafka', k.status === 'DOWN' ? `Kafka not ready (${k.url || ''}): ${k.detail || ''}` : null, true);
}

function health(id, h) {
  const el = $(id);
  const status = h ? h.status : 'UNKNOWN';
  el.textContent = status;
  el.className = 'value health ' + status;
  el.title = h && h.detail ? h.detail : '';
}

const notices = new Map();
function notice(key, text, error) {
  if (text) { notices.set(key, { text, error }); } else { notices.delete(key); }
  $('notices').innerHTML = [...notices.values()]
    .map((n) => `<div class="notice${n.error ? ' error' : ''}">${esc(n.text)}</div>`).join('');
}

// ---------------------------------------------------------------- alerts
function renderAlerts() {
  const wantStatus = $('alert-status').value;
  const wantSeverity = $('alert-severity').value;
  const wantType = $('alert-type').value;
  const entries = [...state.alerts.values()]
    .filter((e) => !wantStatus || (wantStatus === 'open' ? e.alert.status !== 'CLEARED' : e.alert.status === wantStatus))
    .filter((e) => !wantSeverity || e.alert.severity === wantSeverity)
    .filter((e) => !wantType || (e.alert.type || 'ANOMALY') === wantType)
    .sort((a, b) => new Date(b.alert.last_seen || b.alert.timestamp) - new Date(a.alert.last_seen || a.alert.timestamp))
    .slice(0, MAX_FEED);
  reconcile($('alert-feed'), entries.map((e) => ({ key: e.alert.alert_id, html: alertHtml(e.alert, e.digest || {}) })),
    '<li class="empty">No alerts.</li>');
}

// An alert's type, and what an engineer needs of that type: the drivers of an ANOMALY, the trends
// and soonest time to limit of a DEGRADATION, the sensors against the peers of a PEER_DEVIATION; the
// recommendation of every alert (all a STUCK_SENSOR or SILENT one needs). The words come from the
// server's digest of the alert.
function alertHtml(a, d) {
  const type = a.type || 'ANOMALY';
  const drivers = (d.drivers || []).map(esc).join(', ');
  const trends = (d.trends || []).map((t) => `<div class="trend">${esc(t)}</div>`).join('');
  const result = state.actionResults.get(a.alert_id);
  const open = a.status !== 'CLEARED';
  const by = (a.acknowledged_by ? ` · ack by ${esc(a.acknowledged_by)}` : '')
    + (a.cleared_by ? ` · cleared by ${esc(a.cleared_by)}` : '');
  const allowed = mayAct() ? '' : ' disabled title="Ack and clear need the operator role"';
  const lit = a.alert_id === state.highlight ? ' highlight' : '';
  return `<li class="alert ${esc(a.severity)} ${esc(a.status)}${lit}" data-alert="${esc(a.alert_id)}" data-status="${esc(a.status)}" data-type="${esc(type)}">`
    + `<div class="row1"><span class="sev ${esc(a.severity)}">${esc(a.severity)}</span>`
    + `<span class="type ${esc(type)}">${esc(typeLabel(type))}</span>`
    + `<b class="machine">${esc(a.machine_id)}</b><span class="status ${esc(a.status)}">${esc(a.status)}</span>`
    + (type === 'ANOMALY' || a.count > 1 ? `<span class="count">×${esc(a.count)}</span>` : '')
    + (a.score !== undefined && a.score !== null ? `<span class="meta">score ${fmt(a.score, 2)} / ${fmt(a.threshold, 2)}</span>` : '')
    + `</div>`
    + (drivers ? `<div class="drivers">${type === 'PEER_DEVIATION' ? 'Against peers' : 'Drivers'}: ${drivers}</div>` : '')
    + (trends ? `<div class="trends">${trends}</div>` : '')
    + (d.time_to_limit ? `<div class="ttl">${esc(d.time_to_limit)}</div>` : '')
    + `<div class="rec">${esc(a.recommendation)}</div>`
    + `<div class="times">first ${time(a.first_seen)} · last ${time(a.last_seen)}${by}</div>`
    + `<div class="actions">`
    + (a.status === 'ACTIVE_UNACK' ? `<button type="button" class="ack" data-action="ack"${allowed}>Ack</button>` : '')
    + (open ? `<button type="button" class="clear" data-action="clear"${allowed}>Clear</button>` : '')
    + (result ? `<span class="result${result.error ? ' error' : ''}">${esc(result.text)}</span>` : '')
    + `</div></li>`;
}

async function act(alertId, action) {
  state.actionResults.set(alertId, { text: action === 'ack' ? 'acknowledging…' : 'clearing…' });
  dirty.alerts = true;
  renderAlerts();
  let text;
  let error = false;
  try {
    // recorded with the signed-in user's name: the server knows who it is
    const res = await api(`/api/alerts/${encodeURIComponent(alertId)}/${action}`, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    if (res.status === 202) {
      text = `${action === 'ack' ? 'ack' : 'clear'} sent (${body.via === 'detector' ? 'via detector' : 'written to Kafka'})`;
    } else {
      error = true;
      text = `${res.status}: ${body.detail || body.error || res.statusText}`;
    }
  } catch (e) {
    error = true;
    text = 'not sent: ' + e.message;
  }
  state.actionResults.set(alertId, { text, error });
  dirty.alerts = true;
  renderAlerts();
}

// ---------------------------------------------------------------- charts
const charts = {};
let series = [];          // [{t, values, score, threshold}] of the selected machine, by time
let chartsDirty = false;

function makeCharts() {
  if (typeof Chart === 'undefined') { return; }
  const base = (title) => ({
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      plugins: { legend: { display: false }, title: { display: true, text: title, font: { size: 11 } } },
      elements: { point: { radius: (c) => (c.dataset.data.length < 60 ? 2 : 0) }, line: { borderWidth: 1.5 } },
      scales: { x: { type: 'linear', ticks: { maxTicksLimit: 4, callback: tick, font: { size: 9 } } },
        y: { ticks: { font: { size: 9 } } } },
    },
  });
  const score = base('Anomaly score and threshold');
  score.data.datasets = [
    { label: 'score', data: [], borderColor: '#c62828' },
    { label: 'threshold', data: [], borderColor: '#17212b', borderDash: [4, 3], stepped: true },
  ];
  score.options.scales.y.suggestedMin = 0;
  score.options.scales.y.suggestedMax = 1;
  charts.score = new Chart($('chart-score'), score);
  SENSORS.forEach((x) => {
    const cfg = base(`${x.key} (${x.unit})`);
    // the mean (live: the value), and in a range the band between each point's max and min
    cfg.data.datasets = [{ label: x.key, data: [], borderColor: '#2f6fb3' },
      { label: 'max', data: [], borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(47, 111, 179, .18)', fill: '+1' },
      { label: 'min', data: [], borderWidth: 0, pointRadius: 0 }];
    charts[x.key] = new Chart($('chart-' + x.key), cfg);
  });
}

// Ticks of the time axis: the time of day, with the date once the charts span more than a day.
let axisSpan = 0;
function tick(v) {
  const d = new Date(v);
  return axisSpan > 36 * 3600e3 ? d.toLocaleDateString([], { month: 'short', day: 'numeric' })
    + (axisSpan < 10 * 86400e3 ? ' ' + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '')
    : d.toLocaleTimeString();
}

function addPoint(reading, score, threshold) {
  const t = new Date(reading.timestamp).getTime();
  let i = series.length - 1;
  while (i >= 0 && series[i].t > t) { i--; }
  if (i >= 0 && series[i].t === t) {
    if (score !== undefined && score !== null) { series[i].score = score; series[i].threshold = threshold; }
  } else {
    series.splice(i + 1, 0, { t, values: reading, score, threshold });
    if (series.length > MAX_POINTS) { series.splice(0, series.length - MAX_POINTS); }
  }
  chartsDirty = true;
}

function renderCharts() {
  if (!chartsDirty || !charts.score || state.range !== 'live') { return; }
  chartsDirty = false;
  // one time window for every chart, a little wider than the points
  const first = series.length ? series[0].t : Date.now();
  const last = series.length ? series[series.length - 1].t : Date.now();
  const pad = Math.max(2000, (last - first) * 0.03);
  axisSpan = last - first;
  Object.values(charts).forEach((chart) => {
    chart.options.scales.x.min = first - pad;
    chart.options.scales.x.max = last + pad;
  });
  const scored = series.filter((p) => p.score !== undefined && p.score !== null);
  charts.score.data.datasets[0].data = scored.map((p) => ({ x: p.t, y: p.score }));
  charts.score.data.datasets[1].data = scored.filter((p) => p.threshold !== undefined && p.threshold !== null)
    .map((p) => ({ x: p.t, y: p.threshold }));
  charts.score.options.plugins.title.text = 'Anomaly score and threshold';
  charts.score.update('none');
  SENSORS.forEach((x) => {
    charts[x.key].data.datasets[0].data = series.filter((p) => p.values[x.key] !== undefined)
      .map((p) => ({ x: p.t, y: p.values[x.key] }));
    charts[x.key].data.datasets[1].data = [];
    charts[x.key].data.datasets[2].data = [];
    charts[x.key].update('none');
  });
}

// A range of the history: per point the highest score, and per sensor its mean with the band
// between its min and max. The server chose the resolution; the line under the buttons names it.
const RESOLUTION_WORDS = { minute: 'minutes', minute_buckets: 'buckets of minutes', hour: 'hours', hour_buckets: 'buckets of hours' };
function renderRange(body, from, to) {
  if (!charts.score) { return; }
  axisSpan = to - from;
  Object.values(charts).forEach((chart) => { chart.options.scales.x.min = from; chart.options.scales.x.max = to; });
  const points = body.points.map((p) => ({ ...p, t: new Date(p.time).getTime() }));
  charts.score.data.datasets[0].data = points.filter((p) => p.max_score !== undefined && p.max_score !== null)
    .map((p) => ({ x: p.t, y: p.max_score }));
  charts.score.data.datasets[1].data = [];
  charts.score.options.plugins.title.text = 'Highest anomaly score per point';
  charts.score.update('none');
  SENSORS.forEach((x) => {
    const withSensor = points.filter((p) => p.sensors && p.sensors[x.key]);
    const ds = charts[x.key].data.datasets;
    ds[0].data = withSensor.map((p) => ({ x: p.t, y: p.sensors[x.key].mean }));
    ds[1].data = withSensor.map((p) => ({ x: p.t, y: p.sensors[x.key].max }));
    ds[2].data = withSensor.map((p) => ({ x: p.t, y: p.sensors[x.key].min }));
    charts[x.key].update('none');
  });
  const anomalies = points.reduce((n, p) => n + (p.anomalies || 0), 0);
  const step = body.step_seconds >= 3600 ? `${body.step_seconds / 3600} h` : `${body.step_seconds / 60} min`;
  $('range-info').textContent = `${points.length} points of ${step} (${RESOLUTION_WORDS[body.resolution] || body.resolution},`
    + ` ${body.table}) · ${anomalies.toLocaleString()} anomalous readings · score: highest per point`;
  $('range-info').dataset.resolution = body.resolution;
}

async function loadRange(id) {
  const range = state.range;
  const to = Date.now();
  const from = to - RANGES[range];
  $('range-info').textContent = 'loading…';
  delete $('range-info').dataset.resolution;
  const detailNotice = $('detail-notice');
  try {
    const q = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const res = await api(`/api/machines/${encodeURIComponent(id)}/history?${q}`);
    const body = await res.json().catch(() => ({}));
    if (state.selected !== id || state.range !== range) { return; }
    if (!res.ok) { throw new Error(body.error || res.statusText); }
    detailNotice.hidden = true;
    renderRange(body, from, to);
  } catch (e) {
    if (state.selected !== id || state.range !== range) { return; }
    $('range-info').textContent = '';
    detailNotice.textContent = e.message;
    detailNotice.hidden = false;
  }
}

function setRange(range) {
  state.range = range;
  document.querySelectorAll('#range button').forEach((b) => b.classList.toggle('active', b.dataset.range === range));
  if (state.selected) { select(state.selected); }
}

async function select(id) {
  state.selected = id;
  series = [];
  chartsDirty = true;
  if (state.range !== 'live') {
    renderDetailHead();
    dirty.grid = true;
    scheduleRender();
    loadRange(id);
    return;
  }
  $('range-info').textContent = '';
  const v = machineView(id);
  if (v.reading) { addPoint(v.reading, v.status ? v.status.last_score : undefined, v.status ? v.status.threshold : undefined); }
  renderDetailHead();
  dirty.grid = true;
  scheduleRender();
  const detailNotice = $('detail-notice');
  detailNotice.hidden = true;
  try {
    const res = await api(`/api/machines/${encodeURIComponent(id)}/readings`);
    const body = await res.json();
    if (state.selected !== id) { return; }
    if (!res.ok) { throw new Error(body.error || res.statusText); }
    body.forEach((s) => addPoint(s.reading, s.score, s.threshold));
  } catch (e) {
    if (state.selected !== id) { return; }
    detailNotice.textContent = 'History unavailable (' + e.message + '): the charts show live points only.';
    detailNotice.hidden = false;
  }
  scheduleRender();
}

function autoSelect() {
  const { views } = filteredMachines();
  if (views.length > 0) { select(views[0].id); }
}

function renderDetailHead() {
  if (!state.selected) { return; }
  const v = machineView(state.selected);
  $('detail-title').textContent = v.id;
  const s = v.status;
  $('detail-meta').textContent = s
    ? `${v.health}${v.types.length ? ' (' + v.types.join(', ') + ')' : ''}`
      + `${v.health === 'LEARNING' ? ` ${s.training_samples}/${s.training_target}` : ` · last reading ${s.state.toLowerCase()}`}`
      + ` · model ${s.model_version ? 'v' + s.model_version : '–'} · ${Number(s.readings).toLocaleString()} readings, ${s.anomalies} anomalous`
    : 'no status from the detector (removed)';
}

// ---------------------------------------------------------------- rendering
let renderTimer = null;
function scheduleRender() {
  if (renderTimer) { return; }
  renderTimer = setTimeout(() => {
    renderTimer = null;
    if (dirty.grid) { dirty.grid = false; renderGrid(); }
    if (dirty.alerts) { dirty.alerts = false; renderAlerts(); }
    if (dirty.stats) { dirty.stats = false; renderStats(); }
    if (dirty.detail) { dirty.detail = false; renderDetailHead(); }
    renderCharts();
  }, 100);
}

function wire() {
  const on = (id, handler) => ['input', 'change'].forEach((type) => $(id).addEventListener(type, handler));
  ['search', 'health-filter', 'with-alert', 'sort', 'page-size'].forEach((id) =>
    on(id, () => { state.page = 0; dirty.grid = true; scheduleRender(); }));
  ['alert-status', 'alert-type', 'alert-severity'].forEach((id) => on(id, () => { dirty.alerts = true; scheduleRender(); }));
  $('prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); dirty.grid = true; scheduleRender(); });
  $('next').addEventListener('click', () => { state.page += 1; dirty.grid = true; scheduleRender(); });
  $('grid').addEventListener('click', (event) => {
    const card = event.target.closest('[data-machine]');
    if (card) { select(card.dataset.machine); }
  });
  $('range').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-range]');
    if (button && button.dataset.range !== state.range) { setRange(button.dataset.range); }
  });
  $('alert-feed').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) { return; }
    const item = button.closest('[data-alert]');
    act(item.dataset.alert, button.dataset.action);
  });
}

// ---------------------------------------------------------------- a linked alert (/?alert=<id>)
// Shown with every filter open, highlighted and scrolled to, its machine selected. An alert the live
// view no longer holds (cleared long ago) comes from the alert history instead.
async function openLinkedAlert(id) {
  state.highlight = id;
  const live = state.alerts.get(id);
  ['alert-status', 'alert-type', 'alert-severity'].forEach((f) => { $(f).value = ''; });
  dirty.alerts = true;
  if (live) {
    renderAlerts();
    dirty.alerts = false;
    const item = document.querySelector(`[data-alert="${CSS.escape(id)}"]`);
    if (item) { item.scrollIntoView({ block: 'center' }); }
    if (state.machines.has(live.alert.machine_id)) { select(live.alert.machine_id); }
    return;
  }
  const box = $('linked-alert');
  box.hidden = false;
  box.textContent = `Alert ${id}: looking it up in the history…`;
  try {
    const from = new Date(Date.now() - 729 * 86400e3).toISOString();
    const res = await api(`/api/alerts/history?alert=${encodeURIComponent(id)}&from=${from}`);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) { throw new Error(body.error || res.statusText); }
    const a = (body.alerts || [])[0];
    if (!a) { box.textContent = `Alert ${id} is neither open nor in the history.`; return; }
    box.innerHTML = `<b>Alert ${esc(a.alert_id)}</b> (${esc(a.peak_severity)} ${esc(typeLabel(a.type))}, ${esc(a.status)}):`
      + ` raised ${esc(new Date(a.raised_at).toLocaleString())}`
      + (a.acknowledged_at ? ` · acked ${esc(new Date(a.acknowledged_at).toLocaleString())} by ${esc(a.acknowledged_by || '?')}` : '')
      + (a.cleared_at ? ` · cleared ${esc(new Date(a.cleared_at).toLocaleString())}${a.cleared_by ? ' by ' + esc(a.cleared_by) : ''}` : '')
      + `<div>${esc(a.recommendation || '')}</div>`;
    box.classList.add('highlight');
    if (state.machines.has(a.machine_id)) { select(a.machine_id); }
  } catch (e) {
    box.textContent = `Alert ${id}: the history is unavailable (${e.message}).`;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  wire();
  makeCharts();
  loadSession();
  connect();
});
