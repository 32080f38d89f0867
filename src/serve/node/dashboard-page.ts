/**
 * The dashboard page: inline style and script, nothing fetched from elsewhere. It follows
 * `/records` as Server-Sent Events, counts outcomes, and reloads the weighted diagram at most once
 * a second while calls end. A token in the page's fragment (`/#token=…`) is passed as
 * `access_token` (RFC 6750 §2.3): EventSource cannot send headers.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>call-lifecycle serve</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.3rem; }
  table { border-collapse: collapse; margin-bottom: 1rem; }
  td, th { padding: 0.2rem 0.8rem; text-align: left; border-bottom: 1px solid #ddd; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  #diagram { max-width: 100%; border: 1px solid #ddd; }
  #status { color: #666; }
</style>
</head>
<body>
<h1>call-lifecycle serve</h1>
<p id="status">connecting…</p>
<p>Ended calls: <strong id="total">0</strong></p>
<table><thead><tr><th>status</th><th>sub-status</th><th>result code</th><th>calls</th></tr></thead><tbody id="outcomes"></tbody></table>
<img id="diagram" alt="the call lifecycle, each transition weighted by the calls that took it">
<script>
(() => {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const auth = token ? 'access_token=' + encodeURIComponent(token) : '';
  const counts = new Map();
  let total = 0;
  let redraw = null;
  const diagram = document.getElementById('diagram');
  const drawDiagram = () => { diagram.src = '/dashboard/diagram.svg?' + auth + '&n=' + total; redraw = null; };
  const render = () => {
    document.getElementById('total').textContent = String(total);
    const rows = [...counts].sort((a, b) => b[1] - a[1]);
    const body = document.getElementById('outcomes');
    body.replaceChildren(...rows.map(([key, n]) => {
      const tr = document.createElement('tr');
      for (const text of [...key.split('|'), String(n)]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      tr.lastChild.className = 'n';
      return tr;
    }));
    if (redraw === null) redraw = setTimeout(drawDiagram, 1000);
  };
  drawDiagram();
  const source = new EventSource('/records?' + auth);
  source.onopen = () => { document.getElementById('status').textContent = 'live: updating as calls end'; };
  source.onerror = () => { document.getElementById('status').textContent = 'disconnected: retrying…'; };
  source.onmessage = (message) => {
    const record = JSON.parse(message.data);
    const key = record.status
      ? [record.status, record.subStatus || '', record.resultCode || ''].join('|')
      : ['no record', record.error || '', ''].join('|');
    counts.set(key, (counts.get(key) || 0) + 1);
    total += 1;
    render();
  };
})();
</script>
</body>
</html>
`;
