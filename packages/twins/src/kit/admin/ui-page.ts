/**
 * The twin web UI (`GET /_twin/ui`): one self-contained HTML page (no external CSS or JS, works
 * offline) showing the request journal as a live list, newest first, each entry expandable to its
 * request and response. It reads `journal` once, then follows `events` (SSE).
 * @module
 */

/** The page for a twin titled `title`. */
export function uiPage(title: string): string {
  const safeTitle = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle} twin — journal</title>
<link rel="icon" href="data:,">
<style>
  :root { --bg:#0f1117; --panel:#171a23; --line:#262b38; --text:#d8dce6; --dim:#8a93a6; --ok:#3fb950; --warn:#d29922; --err:#f85149; --accent:#58a6ff; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--text); }
  header { position:sticky; top:0; z-index:1; display:flex; gap:12px; align-items:center; padding:10px 16px; background:var(--panel); border-bottom:1px solid var(--line); }
  header h1 { font-size:16px; margin:0; font-weight:600; }
  #status { font-size:12px; color:var(--dim); }
  #status.live::before { content:"●"; color:var(--ok); margin-right:4px; }
  #status.down::before { content:"●"; color:var(--err); margin-right:4px; }
  header .spacer { flex:1; }
  input, button { font:inherit; color:var(--text); background:var(--bg); border:1px solid var(--line); border-radius:6px; padding:4px 10px; }
  button { cursor:pointer; } button:hover { border-color:var(--accent); }
  main { padding:12px 16px; }
  #empty { color:var(--dim); padding:24px 0; }
  ul { list-style:none; margin:0; padding:0; }
  li.entry { border:1px solid var(--line); border-radius:8px; margin-bottom:8px; background:var(--panel); }
  li.entry.fresh { animation: flash 1.2s ease-out; }
  @keyframes flash { from { border-color:var(--accent); } to { border-color:var(--line); } }
  summary { display:grid; grid-template-columns:52px 64px minmax(160px,1fr) minmax(90px,auto) auto 70px 90px; gap:10px; align-items:center; padding:8px 12px; cursor:pointer; list-style:none; }
  summary::-webkit-details-marker { display:none; }
  .badge { font-weight:600; text-align:center; border-radius:4px; padding:1px 0; font-size:12px; }
  .s2 { background:rgba(63,185,80,.15); color:var(--ok); } .s4 { background:rgba(210,153,34,.15); color:var(--warn); }
  .s5, .s0 { background:rgba(248,81,73,.15); color:var(--err); }
  .method { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; color:var(--accent); font-size:12px; }
  .path { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
  .model { color:var(--dim); font-size:12px; }
  .tags span { font-size:11px; border:1px solid var(--line); border-radius:10px; padding:0 6px; margin-right:4px; color:var(--dim); }
  .tags .fault { border-color:var(--err); color:var(--err); }
  .ms, .time { color:var(--dim); font-size:12px; text-align:right; }
  .detail { display:grid; grid-template-columns:1fr 1fr; gap:12px; padding:0 12px 12px; }
  .detail h3 { font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--dim); margin:8px 0 4px; }
  .detail h3 .rid { text-transform:none; letter-spacing:0; font-family:ui-monospace, SFMono-Regular, Menlo, monospace; margin-left:6px; }
  pre { margin:0; padding:8px; background:var(--bg); border:1px solid var(--line); border-radius:6px; max-height:420px; overflow:auto; font:12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space:pre-wrap; word-break:break-word; }
  @media (max-width: 900px) { .detail { grid-template-columns:1fr; } summary { grid-template-columns:48px 56px 1fr 70px; } .model, .tags, .time { display:none; } }
</style>
</head>
<body>
<header>
  <h1>${safeTitle} twin</h1>
  <span id="status" class="down">connecting</span>
  <span id="count" class="model"></span>
  <span class="spacer"></span>
  <input id="filter" type="search" placeholder="filter path, model, status">
  <button id="reset" title="POST /_twin/reset: journal, script position, faults, cache">Reset twin</button>
</header>
<main>
  <div id="empty">No requests yet. Point an SDK at this twin and they appear here live.</div>
  <ul id="list"></ul>
</main>
<script>
(() => {
  const list = document.getElementById("list");
  const empty = document.getElementById("empty");
  const status = document.getElementById("status");
  const count = document.getElementById("count");
  const filter = document.getElementById("filter");
  const rows = new Map();
  const el = (tag, cls, text) => { const n = document.createElement(tag); if (cls) n.className = cls; if (text !== undefined) n.textContent = text; return n; };
  const pretty = (v) => v === null || v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v, null, 2);
  const headerText = (h) => Object.entries(h || {}).map(([k, v]) => k + ": " + v).join("\\n") || "(none)";
  const matches = (e) => { const q = filter.value.trim().toLowerCase(); if (!q) return true;
    return [e.path, e.model, e.method, e.response && String(e.response.status), e.fault].some((x) => x && String(x).toLowerCase().includes(q)); };
  function section(parent, title, text) { parent.append(el("h3", "", title)); parent.append(el("pre", "", text)); }
  function render(e, fresh) {
    const li = el("li", "entry" + (fresh ? " fresh" : "")); li.dataset.seq = String(e.seq);
    const details = el("details"); const summary = el("summary", "summary");
    const st = e.response ? e.response.status : 0;
    summary.append(el("span", "badge s" + String(st)[0], st ? String(st) : e.outcome === "aborted" ? "cut" : "…"));
    summary.append(el("span", "method", e.method));
    summary.append(el("span", "path", e.url || e.path));
    summary.append(el("span", "model", e.model || ""));
    const tags = el("span", "tags");
    if (e.fault) tags.append(el("span", "fault", e.fault));
    if (e.scriptRule) tags.append(el("span", "", "rule " + e.scriptRule));
    if (e.outcome === "aborted") tags.append(el("span", "fault", "aborted"));
    summary.append(tags);
    summary.append(el("span", "ms", e.durationMs === null ? "" : e.durationMs + " ms"));
    summary.append(el("span", "time", new Date(e.time).toLocaleTimeString()));
    details.append(summary);
    const detail = el("div", "detail"); const req = el("div", "request"); const res = el("div", "response");
    const title = el("h3", "", "Request "); title.append(el("span", "rid", e.requestId)); req.append(title);
    section(req, "Headers", headerText(e.headers)); section(req, "Body", pretty(e.body));
    section(res, "Status", e.response ? String(e.response.status) + "  (" + e.outcome + ")" : e.outcome);
    section(res, "Headers", headerText(e.response && e.response.headers)); section(res, "Body", pretty(e.response && e.response.body));
    detail.append(req, res); details.append(detail); li.append(details);
    li.hidden = !matches(e);
    return li;
  }
  function add(e, fresh) {
    const old = rows.get(e.seq); const li = render(e, fresh);
    if (old) { li.querySelector("details").open = old.li.querySelector("details").open; old.li.replaceWith(li); }
    else { let before = null; for (const child of list.children) if (Number(child.dataset.seq) < e.seq) { before = child; break; } list.insertBefore(li, before); }
    rows.set(e.seq, { e, li }); update();
  }
  function update() { empty.hidden = rows.size > 0; count.textContent = rows.size + (rows.size === 1 ? " request" : " requests"); }
  function clear() { rows.clear(); list.replaceChildren(); update(); }
  filter.addEventListener("input", () => { for (const { e, li } of rows.values()) li.hidden = !matches(e); });
  document.getElementById("reset").addEventListener("click", () => fetch("reset", { method: "POST" }));
  fetch("journal?limit=200").then((r) => r.json()).then((data) => { for (const e of data.entries) if (e.outcome !== "pending") add(e, false); });
  const source = new EventSource("events");
  source.onopen = () => { status.className = "live"; status.textContent = "live"; };
  source.onerror = () => { status.className = "down"; status.textContent = "reconnecting"; };
  source.addEventListener("entry", (m) => add(JSON.parse(m.data), true));
  source.addEventListener("reset", clear);
  update();
})();
</script>
</body>
</html>
`;
}
