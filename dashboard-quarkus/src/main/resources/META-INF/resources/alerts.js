// The alert history: GET /api/alerts/history with the filters, the latest state of each alert that
// was open during the period, the latest raised first; the same as CSV through the export link.
'use strict';

const FILTERS = ['machine', 'type', 'severity', 'status', 'period'];
const SHOWN = 1000; // the server's default limit of a JSON answer

function query() {
  const params = new URLSearchParams();
  ['machine', 'type', 'severity', 'status'].forEach((f) => { if ($(f).value.trim()) { params.set(f, $(f).value.trim()); } });
  const p = period($('period').value);
  params.set('from', p.from);
  params.set('to', p.to);
  return params;
}

async function load() {
  const params = query();
  const shown = new URLSearchParams(params);
  shown.delete('from');
  shown.delete('to');
  shown.set('period', $('period').value);
  keepInAddress(shown);
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  $('csv').href = `/api/alerts/history?${csv}`;
  const res = await api(`/api/alerts/history?${params}`);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    $('summary').textContent = body.error || res.statusText;
    $('summary').className = 'summary inline-notice';
    $('rows').innerHTML = '';
    return;
  }
  $('summary').className = 'summary';
  $('summary').textContent = `${body.count} alerts open during ${new Date(body.from).toLocaleString()} – `
    + `${new Date(body.to).toLocaleString()}, the latest raised first`
    + (body.count >= SHOWN ? ` (the first ${SHOWN.toLocaleString()}: narrow the filters, or export them all as CSV)` : '');
  $('rows').innerHTML = body.alerts.map(row).join('')
    || '<tr><td colspan="10" class="empty">No alert matches.</td></tr>';
}

function row(a) {
  const end = a.cleared_at ? new Date(a.cleared_at) : new Date();
  const open = (end - new Date(a.raised_at)) / 1000;
  return `<tr class="${esc(a.peak_severity)}" data-alert="${esc(a.alert_id)}">`
    + `<td>${esc(when(a.raised_at))}</td>`
    + `<td><a href="/?alert=${encodeURIComponent(a.alert_id)}" title="Open on the plant view">${esc(a.machine_id)}</a></td>`
    + `<td><span class="type">${esc(typeLabel(a.type))}</span></td>`
    + `<td><span class="sev ${esc(a.peak_severity)}">${esc(a.peak_severity)}</span></td>`
    + `<td><span class="status ${esc(a.status)}">${esc(a.status)}</span></td>`
    + `<td>${a.acknowledged_at ? `${esc(when(a.acknowledged_at))}<br>${esc(a.acknowledged_by || '')}` : ''}</td>`
    + `<td>${a.cleared_at ? `${esc(when(a.cleared_at))}<br>${esc(a.cleared_by || 'by itself')}` : ''}</td>`
    + `<td class="num">${esc(duration(open))}${a.cleared_at ? '' : ' (open)'}</td>`
    + `<td class="num">${esc(a.count)}</td>`
    + `<td class="rec">${esc(a.recommendation)}</td></tr>`;
}

document.addEventListener('DOMContentLoaded', () => {
  const wanted = new URLSearchParams(location.search);
  FILTERS.forEach((f) => { if (wanted.get(f)) { $(f).value = wanted.get(f); } });
  let typing = null;
  ['input', 'change'].forEach((type) => $('filters').addEventListener(type, () => {
    clearTimeout(typing);
    typing = setTimeout(load, 250);
  }));
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  showUser();
  load();
});
