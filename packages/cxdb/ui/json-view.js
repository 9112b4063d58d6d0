// Pretty JSON in a <pre>, with keys, strings, numbers and literals in their own spans (built as
// text nodes, never parsed as markup).
import { h } from "./dom.js";

/**
 * @param {unknown} value
 * @param {string} [className]
 * @returns {HTMLElement}
 */
export function jsonView(value, className = "json") {
  const pre = h("pre", { class: className });
  write(pre, value, "");
  return pre;
}

function write(out, value, indent) {
  if (value === null || value === undefined) return out.append(span("null", "null"));
  if (typeof value === "string") return out.append(span("str", JSON.stringify(value)));
  if (typeof value === "number" || typeof value === "bigint") return out.append(span("num", String(value)));
  if (typeof value === "boolean") return out.append(span("bool", String(value)));
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return out.append("[]");
    out.append("[\n");
    value.forEach((item, i) => {
      out.append(inner);
      write(out, item, inner);
      out.append(i < value.length - 1 ? ",\n" : "\n");
    });
    return out.append(`${indent}]`);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return out.append("{}");
  out.append("{\n");
  entries.forEach(([key, item], i) => {
    out.append(inner, span("key", JSON.stringify(key)), ": ");
    write(out, item, inner);
    out.append(i < entries.length - 1 ? ",\n" : "\n");
  });
  return out.append(`${indent}}`);
}

function span(className, text) {
  return h("span", { class: `j-${className}` }, text);
}

/** Parses JSON text for display; the text itself when it is not JSON. */
export function maybeJson(text) {
  if (typeof text !== "string") return text;
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return text;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}
