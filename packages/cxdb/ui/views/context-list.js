// The context list (#/contexts?q=&tag=&offset=&limit=): CQL search, client-tag filter chips, a live dot
// per context, paging, and a refresh whenever the event stream says something changed.
import { listContexts, searchContexts } from "../api.js";
import { ago, dateTime, h, icon, replace } from "../dom.js";
import { debounce, onEvents } from "../events.js";
import { navigate } from "../router.js";

const PAGE = 50;
const MAX_PAGE = 500;
const FIELDS = "id, tag, title, label, user, service, host, trace_id, parent, root, created, depth, is_live";

/** Tags seen so far, so the chips stay while a filter hides the other contexts. */
const knownTags = new Set();

/** @param {{ query: URLSearchParams }} route */
export function contextListView(route) {
  let params = readParams(route);
  const input = h("input", {
    id: "cql",
    name: "q",
    type: "search",
    placeholder: 'CQL, e.g. tag = "factory" AND label = "nightly"',
    spellcheck: "false",
    autocomplete: "off",
  });
  const form = h(
    "form",
    { class: "search", role: "search" },
    input,
    h("button", { type: "submit" }, "Search"),
    h("button", { type: "button", class: "ghost", onclick: () => go({ q: "", offset: 0 }) }, "Clear"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go({ q: input.value.trim(), offset: 0 });
  });
  const error = h("div", { class: "error", hidden: true });
  const count = h("span", { class: "muted count" });
  const tags = h("div", { class: "tag-bar" });
  const rows = h("tbody");
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "contexts" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { class: "col-live", title: "live session" }, ""),
          h("th", { class: "col-id" }, "ID"),
          h("th", {}, "Title"),
          h("th", {}, "Tag"),
          h("th", {}, "Labels"),
          h("th", { class: "num" }, "Turns"),
          h("th", {}, "Created"),
        ),
      ),
      rows,
    ),
  );
  const pager = h("div", { class: "pager" });
  const el = h(
    "section",
    { class: "page list-page" },
    h("div", { class: "page-head" }, h("h1", {}, "Contexts"), count),
    form,
    h("div", { class: "help muted" }, `Fields: ${FIELDS}. Times: created > "-24h".`),
    error,
    tags,
    table,
    pager,
  );

  function go(change) {
    const next = { ...params, ...change };
    const query = new URLSearchParams();
    if (next.q) query.set("q", next.q);
    if (next.tag) query.set("tag", next.tag);
    if (next.offset > 0) query.set("offset", String(next.offset));
    if (next.limit !== PAGE) query.set("limit", String(next.limit));
    const text = query.toString();
    navigate(text === "" ? "#/contexts" : `#/contexts?${text}`);
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    try {
      const page = await fetchPage(params);
      if (mine !== generation) return;
      error.hidden = true;
      table.hidden = false;
      for (const c of page.contexts) if (c.client_tag) knownTags.add(c.client_tag);
      for (const t of page.activeTags) if (t) knownTags.add(t);
      renderTags();
      replace(rows, ...(page.contexts.length === 0 ? [emptyRow(params)] : page.contexts.map(row)));
      renderPager(page.total);
      count.textContent = params.q ? `${page.total} matching` : `${page.total} total`;
      el.dataset.loaded = "true";
    } catch (e) {
      if (mine !== generation) return;
      error.hidden = false;
      replace(error, searchError(e));
      table.hidden = true;
      replace(rows);
      replace(pager);
      count.textContent = "";
    }
  }

  function renderTags() {
    const chips = [...knownTags].sort().map((tag) =>
      h(
        "button",
        {
          type: "button",
          class: `chip tag${tag === params.tag ? " active" : ""}`,
          "aria-pressed": tag === params.tag ? "true" : "false",
          onclick: () => go({ tag: tag === params.tag ? "" : tag, offset: 0 }),
        },
        tag,
      ),
    );
    replace(tags, chips.length > 0 && h("span", { class: "muted" }, "Client tags"), ...chips);
  }

  function renderPager(total) {
    const from = total === 0 ? 0 : params.offset + 1;
    const to = Math.min(params.offset + params.limit, total);
    replace(
      pager,
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          disabled: params.offset === 0,
          onclick: () => go({ offset: Math.max(0, params.offset - params.limit) }),
        },
        "← Newer",
      ),
      h("span", { class: "muted page-range" }, `${from}–${to} of ${total}`),
      h(
        "button",
        {
          type: "button",
          class: "ghost",
          disabled: to >= total,
          onclick: () => go({ offset: params.offset + params.limit }),
        },
        "Older →",
      ),
    );
  }

  const refresh = debounce(load, 250);
  const unsubscribe = onEvents(
    [
      "context_created",
      "context_metadata_updated",
      "turn_appended",
      "client_connected",
      "client_disconnected",
      "resync",
    ],
    refresh,
  );
  input.value = params.q;
  load();

  return {
    el,
    /** @param {{ query: URLSearchParams }} next */
    update(next) {
      params = readParams(next);
      input.value = params.q;
      load();
    },
    destroy: unsubscribe,
  };
}

function readParams(route) {
  const offset = Number(route.query.get("offset") ?? 0);
  const limit = Number(route.query.get("limit") ?? PAGE);
  return {
    q: route.query.get("q") ?? "",
    tag: route.query.get("tag") ?? "",
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    limit: Number.isInteger(limit) && limit > 0 && limit <= MAX_PAGE ? limit : PAGE,
  };
}

async function fetchPage({ q, tag, offset, limit }) {
  if (q === "") {
    const page = await listContexts({ limit, offset, tag });
    return { contexts: page.contexts, total: page.total, activeTags: page.active_tags ?? [] };
  }
  const query = tag === "" ? q : `(${q}) AND tag = ${JSON.stringify(tag)}`;
  const result = await searchContexts(query, Math.min(offset + limit, 10_000));
  return { contexts: result.contexts.slice(offset), total: result.total_count, activeTags: [] };
}

function row(c) {
  const href = `#/contexts/${c.context_id}`;
  const turns = c.head_turn_id === "0" ? 0 : c.head_depth + 1;
  const labels = Array.isArray(c.labels) ? c.labels : [];
  const tr = h(
    "tr",
    { class: "context-row", dataset: { contextId: c.context_id } },
    h("td", { class: "col-live" }, liveDot(c)),
    h("td", { class: "col-id mono" }, h("a", { href }, `#${c.context_id}`)),
    h(
      "td",
      { class: "col-title" },
      h("a", { href, class: c.title ? "title" : "title untitled" }, c.title || "(untitled)"),
      c.forked_from_context_id &&
        h("span", { class: "muted fork-note" }, icon("fork"), `fork of #${c.forked_from_context_id}`),
    ),
    h("td", {}, c.client_tag && h("span", { class: "chip tag" }, c.client_tag)),
    h("td", {}, ...labels.map((l) => h("span", { class: "chip label" }, l))),
    h("td", { class: "num" }, String(turns)),
    h("td", { class: "muted", title: dateTime(c.created_at_unix_ms) }, ago(c.created_at_unix_ms)),
  );
  tr.addEventListener("click", (event) => {
    if (!(event.target instanceof HTMLAnchorElement)) navigate(href);
  });
  return tr;
}

/** The live indicator: filled while a binary-protocol session that created the context is connected. */
export function liveDot(c) {
  return h("span", {
    class: c.is_live ? "live-dot on" : "live-dot",
    title: c.is_live ? `live: session ${c.session_id ?? ""}` : "not live",
    "aria-label": c.is_live ? "live" : "not live",
  });
}

function emptyRow(params) {
  const text = params.q
    ? "No context matches this query."
    : params.tag
      ? "No context has this tag."
      : "No contexts yet.";
  return h("tr", { class: "empty" }, h("td", { colspan: "7" }, text));
}

/** The error line: CQL errors already name their line and column. */
function searchError(e) {
  return [h("strong", {}, e.envelope?.error_type ? "Query error: " : "Error: "), e.message];
}
