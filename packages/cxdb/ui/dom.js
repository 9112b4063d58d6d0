// DOM building and formatting helpers. Every string becomes a text node or an attribute value:
// nothing here parses markup, so payload text can never turn into HTML.

/**
 * Creates an element. `attrs`: `class`, `dataset` (object), `on<event>` (listener), `hidden`
 * (boolean), anything else as an attribute (skipped when null/undefined/false). Children: nodes,
 * strings and numbers (as text), arrays (flattened); null/undefined/false are skipped.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "hidden") el.hidden = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (see {@link h}) to `el`. */
export function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** "3 s ago", "5 min ago", "2 h ago", else a local date and time. `ms`: Unix ms. */
export function ago(ms, now = Date.now()) {
  const n = Number(ms);
  if (!Number.isFinite(n) || n <= 0) return "";
  const s = Math.round((now - n) / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return dateTime(n);
}

/** Local date and time of Unix ms or an ISO string. */
export function dateTime(value) {
  const date = new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** "512 B", "1.5 KiB", "3.2 MiB". */
export function bytes(n) {
  const v = Number(n);
  if (!Number.isFinite(v)) return "";
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}

/** A short hash: its first 12 hex digits. */
export function shortHash(hash) {
  return typeof hash === "string" ? hash.slice(0, 12) : "";
}

/** Bytes of base64 text. */
export function fromBase64(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** UTF-8 text of bytes, or undefined when they are not valid UTF-8 (or hold NUL bytes). */
export function utf8(data) {
  if (data.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

/** A classic hex dump (offset, 16 bytes, ASCII) of at most `max` bytes. */
export function hexDump(data, max = 1024) {
  const lines = [];
  const end = Math.min(data.length, max);
  for (let off = 0; off < end; off += 16) {
    const row = data.subarray(off, Math.min(off + 16, end));
    const hex = [...row].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${off.toString(16).padStart(8, "0")}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (data.length > end) lines.push(`… ${data.length - end} more bytes`);
  return lines.join("\n");
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Icon shapes on a 24×24 grid, drawn with the current text colour. */
const ICONS = {
  fork: [
    ["circle", { cx: "6", cy: "5", r: "2.2" }],
    ["circle", { cx: "6", cy: "19", r: "2.2" }],
    ["circle", { cx: "18", cy: "6", r: "2.2" }],
    ["path", { d: "M6 7.2v9.6" }],
    ["path", { d: "M18 8.2c0 5.5-6 4.5-11 8.6" }],
  ],
};

/** An inline SVG icon (`fork`), hidden from screen readers. */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  const attrs = { viewBox: "0 0 24 24", width: "14", height: "14", fill: "none", stroke: "currentColor" };
  Object.assign(attrs, { "stroke-width": "2", "stroke-linecap": "round", class: "icon", "aria-hidden": "true" });
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  for (const [tag, shape] of ICONS[name] ?? []) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(shape)) el.setAttribute(k, v);
    svg.appendChild(el);
  }
  return svg;
}

/** A key/value list (`<dl>`); rows whose value is null/undefined/false/"" are left out. */
export function kv(rows, className = "kv") {
  const dl = h("dl", { class: className });
  for (const [key, value] of rows) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    dl.append(h("dt", {}, key), h("dd", {}, value));
  }
  return dl;
}
