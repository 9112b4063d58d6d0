// The side column of a context: its facts, its provenance, and the branch tree of forks (walked up
// through `forked_from_context_id` / provenance parents, then down through /children).
import { getChildren, getContext } from "../api.js";
import { ago, dateTime, h, kv } from "../dom.js";
import { contextHref, turnHref } from "../router.js";
import { liveDot } from "./context-list.js";

const MAX_ANCESTORS = 32;
const MAX_NODES = 200;
const MAX_DEPTH = 12;

/** The context's facts. */
export function contextFacts(ctx) {
  const labels = Array.isArray(ctx.labels) ? ctx.labels : [];
  return h(
    "section",
    { class: "card facts-card" },
    h("h2", {}, "Context"),
    kv([
      ["ID", h("span", { class: "mono" }, `#${ctx.context_id}`)],
      ["Live", h("span", {}, liveDot(ctx), ctx.is_live ? ` session ${ctx.session_id ?? ""}` : " no")],
      ["Last activity", ctx.last_activity_at ? ago(ctx.last_activity_at) : ""],
      ["Client tag", ctx.client_tag && h("span", { class: "chip tag" }, ctx.client_tag)],
      ["Labels", labels.length > 0 && h("span", {}, ...labels.map((l) => h("span", { class: "chip label" }, l)))],
      ["Created", dateTime(ctx.created_at_unix_ms)],
      [
        "Head",
        ctx.head_turn_id === "0"
          ? "empty"
          : h("a", { class: "mono", href: turnHref(ctx.context_id, ctx.head_turn_id) }, `#${ctx.head_turn_id}`),
      ],
      ["Depth", String(ctx.head_depth)],
      [
        "Forked from",
        ctx.forked_from_context_id &&
          h(
            "span",
            {},
            h("a", { href: contextHref(ctx.forked_from_context_id) }, `#${ctx.forked_from_context_id}`),
            ` at turn #${ctx.base_turn_id}`,
          ),
      ],
    ]),
  );
}

/** The context's provenance (from its first turn), or nothing. */
export function provenanceCard(ctx) {
  const prov = ctx.provenance;
  if (!prov || typeof prov !== "object") return undefined;
  const rows = Object.entries(prov)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [
      k,
      k === "parent_context_id" || k === "root_context_id"
        ? h("a", { href: contextHref(String(v)) }, `#${v}`)
        : k === "captured_at"
          ? dateTime(v)
          : typeof v === "object"
            ? h("span", { class: "mono" }, JSON.stringify(v))
            : String(v),
    ]);
  if (rows.length === 0) return undefined;
  return h("section", { class: "card provenance-card" }, h("h2", {}, "Provenance"), kv(rows));
}

/** The branch tree around `ctx`, loaded from the API; resolves to its card. */
export async function branchTree(ctx) {
  const seen = new Set([ctx.context_id]);
  let root = ctx;
  for (let i = 0; i < MAX_ANCESTORS; i++) {
    const parent = root.forked_from_context_id ?? root.provenance?.parent_context_id;
    if (!parent || seen.has(String(parent))) break;
    seen.add(String(parent));
    try {
      root = await getContext(String(parent));
    } catch {
      break;
    }
  }
  let budget = MAX_NODES;
  const visited = new Set();
  const grow = async (c, link, depth) => {
    visited.add(c.context_id);
    let kids = [];
    if (depth < MAX_DEPTH && budget > 0) {
      kids = (await getChildren(c.context_id)).children.filter((k) => !visited.has(k.context_id)).slice(0, budget);
      budget -= kids.length;
      for (const k of kids) visited.add(k.context_id);
    }
    return { c, link, kids: await Promise.all(kids.map((k) => grow(k, k.link, depth + 1))) };
  };
  const tree = await grow(root, undefined, 0);
  const single = tree.kids.length === 0;
  return h(
    "section",
    { class: "card branches-card" },
    h("h2", {}, "Branches"),
    single ? h("p", { class: "muted" }, "No forks.") : h("ul", { class: "tree" }, node(tree, ctx.context_id)),
  );
}

function node({ c, link, kids }, currentId) {
  const current = c.context_id === currentId;
  const how = link === "fork" ? ` fork at #${c.base_turn_id}` : link === "provenance" ? " spawned" : " root";
  return h(
    "li",
    { class: current ? "current" : undefined },
    h(
      "a",
      { class: "tree-link", href: contextHref(c.context_id), dataset: { contextId: c.context_id } },
      liveDot(c),
      h("span", { class: "mono" }, `#${c.context_id}`),
      c.title && h("span", { class: "tree-title" }, c.title),
    ),
    h("span", { class: "muted small" }, how),
    kids.length > 0 && h("ul", {}, ...kids.map((k) => node(k, currentId))),
  );
}
