// The fleet report: GET /api/reports/fleet, per machine its alerts and time in alert over the
// period (overlapping alerts once, an open one until the period's end), top offenders first.
'use strict';

async function load() {
  const p = period($('period').value);
  keepInAddress(new URLSearchParams({ period: $('period').value }));
  const res = await api(`/api/reports/fleet?from=${p.from}&to=${p.to}`);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    $('summary').textContent = body.error || res.statusText;
    $('summary').className = 'summary inline-notice';
    $('rows').innerHTML = '';
    return;
  }
  $('summary').className = 'summary';
  $('summary').textContent = `${body.machines.length} machines with alerts during ${new Date(body.from).toLocaleString()}`
    + ` – ${new Date(body.to).toLocaleString()}, the longest in alert first`;
  $('rows').innerHTML = body.machines.map((m, i) => `<tr data-machine="${esc(m.machine_id)}">`
    + `<td class="num">${i + 1}</td>`
    + `<td><a href="/alerts.html?machine=${encodeURIComponent(m.machine_id)}&period=${esc($('period').value)}">${esc(m.machine_id)}</a></td>`
    + `<td><span class="share" title="${(m.share_in_alert * 100).toFixed(1)} % of the period"><span class="bar" style="width:${Math.min(100, m.share_in_alert * 100)}%"></span></span>`
    + `<span class="in-alert">${esc(duration(m.time_in_alert_seconds))}</span> (${(m.share_in_alert * 100).toFixed(1)} %)</td>`
    + `<td class="num">${esc(m.alerts)}</td><td class="num">${esc(m.critical)}</td><td class="num">${esc(m.open_at_end)}</td>`
    + `<td>${m.types.map((t) => `<span class="type">${esc(typeLabel(t))}</span>`).join(' ')}</td>`
    + `<td>${esc(when(m.last_raised_at))}</td></tr>`).join('')
    || '<tr><td colspan="8" class="empty">No machine had an alert in this period.</td></tr>';
}

document.addEventListener('DOMContentLoaded', () => {
  const wanted = new URLSearchParams(location.search).get('period');
  if (wanted) { $('period').value = wanted; }
  $('period').addEventListener('change', load);
  showUser();
  load();
});
