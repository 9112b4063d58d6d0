// One context (#/contexts/:id): its turns oldest first with older pages on demand, followed live
// over the event stream (new turns appear without a reload), its facts, provenance and branch tree
// beside them, and a side panel for a turn's raw payload or file snapshot.
import { getChildren, getContext, getTurns } from "../api.js";
import { h, icon, replace } from "../dom.js";
import { debounce, onEvents } from "../events.js";
import { contextHref, navigate } from "../router.js";
import { liveDot } from "./context-list.js";
import { branchTree, contextFacts, provenanceCard } from "./context-sidebar.js";
import { fsBrowser } from "./fs-browser.js";
import { rawPanel } from "./raw-panel.js";
import { forkDivider, turnCard } from "./turn-card.js";

const PAGE = 100;
const MAX_OLDER_PAGES = 50;

/** @param {import("../router.js").Route} route */
export function contextView(route) {
  const id = route.contextId;
  let current = route;
  /** @type {Record<string, any> | undefined} */
  let ctx;
  let children = [];
  /** @type {Array<Record<string, any>>} */
  const turns = [];
  let nextBefore = null;
  let closed = false;

  const title = h("h1", {}, `Context #${id}`);
  const meta = h("div", { class: "head-meta" });
  const older = h(
    "button",
    { type: "button", class: "ghost older", hidden: true, onclick: () => loadOlder() },
    "Load older turns",
  );
  const timeline = h("div", { class: "timeline", "aria-live": "polite" });
  const sidebar = h("aside", { class: "sidebar" });
  const panelBody = h("div", { class: "panel-body" });
  const panelTitle = h("h2", {});
  const panel = h(
    "aside",
    { class: "panel", hidden: true },
    h(
      "header",
      { class: "panel-head" },
      panelTitle,
      h("a", { class: "close", href: contextHref(id), title: "close (Esc)" }, "×"),
    ),
    panelBody,
  );
  const el = h(
    "section",
    { class: "page context-page", dataset: { contextId: id } },
    h("nav", { class: "crumbs" }, h("a", { href: "#/contexts" }, "← Contexts")),
    h("div", { class: "page-head" }, title, meta),
    h("div", { class: "context-grid" }, h("div", { class: "main-col" }, older, timeline), sidebar),
    panel,
  );

  const inherited = (turn) =>
    ctx?.forked_from_context_id !== undefined && BigInt(turn.turn_id) <= BigInt(ctx.base_turn_id ?? "0");
  const forksAt = (turnId) => children.filter((c) => c.link === "fork" && c.base_turn_id === turnId);
  const card = (turn) => turnCard(turn, { contextId: id, inherited: inherited(turn), forks: forksAt(turn.turn_id) });

  function renderHead() {
    title.textContent = ctx.title || `Context #${id}`;
    const labels = Array.isArray(ctx.labels) ? ctx.labels : [];
    const count = ctx.head_turn_id === "0" ? 0 : ctx.head_depth + 1;
    replace(
      meta,
      liveDot(ctx),
      h("span", { class: "mono muted" }, `#${id}`),
      ctx.client_tag && h("span", { class: "chip tag" }, ctx.client_tag),
      ctx.forked_from_context_id &&
        h(
          "a",
          { class: "chip fork-chip", href: contextHref(ctx.forked_from_context_id) },
          icon("fork"),
          `fork of #${ctx.forked_from_context_id}`,
        ),
      ...labels.map((l) => h("span", { class: "chip label" }, l)),
      h("span", { class: "muted turn-count" }, `${count} turn${count === 1 ? "" : "s"}`),
      h("span", { class: "follow", title: "new turns appear as they are appended" }, "following live"),
    );
    document.title = `${ctx.title || `#${id}`} · CXDB`;
  }

  function renderSidebar() {
    replace(sidebar, contextFacts(ctx), provenanceCard(ctx), h("div", { class: "branches-slot" }));
    const slot = sidebar.querySelector(".branches-slot");
    branchTree(ctx)
      .then((tree) => slot.replaceWith(tree))
      .catch((e) => replace(slot, h("div", { class: "error" }, `Branches: ${e.message}`)));
  }

  function renderTimeline() {
    const cards = [];
    for (const turn of turns) {
      cards.push(card(turn));
      if (ctx.forked_from_context_id && turn.turn_id === ctx.base_turn_id) cards.push(forkDivider(ctx));
    }
    if (turns.length === 0) cards.push(h("p", { class: "empty muted" }, "No turns yet. New turns will appear here."));
    replace(timeline, ...cards);
    older.hidden = nextBefore === null;
    markSelected();
  }

  async function loadOlder() {
    if (nextBefore === null) return;
    const page = await getTurns(id, { limit: PAGE, beforeTurnId: nextBefore });
    turns.unshift(...page.turns.filter((t) => !turns.some((u) => u.turn_id === t.turn_id)));
    nextBefore = page.next_before_turn_id;
    renderTimeline();
  }

  /** Appends the turns after the last one shown (called for each turn_appended of this context). */
  async function loadNewer(depth) {
    const last = turns.at(-1);
    const need = last === undefined ? depth + 1 : Math.max(1, depth - last.depth);
    const page = await getTurns(id, { limit: Math.min(need + 2, 1000) });
    const fresh = page.turns.filter(
      (t) =>
        last === undefined || (BigInt(t.turn_id) > BigInt(last.turn_id) && !turns.some((u) => u.turn_id === t.turn_id)),
    );
    if (fresh.length === 0 || closed) return;
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
    if (turns.length === 0) replace(timeline);
    turns.push(...fresh);
    for (const turn of fresh) {
      const c = card(turn);
      c.classList.add("fresh");
      timeline.append(c);
    }
    ctx.head_turn_id = page.meta.head_turn_id;
    ctx.head_depth = page.meta.head_depth;
    renderHead();
    sidebar.firstElementChild?.replaceWith(contextFacts(ctx));
    if (atBottom) timeline.lastElementChild?.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  async function refreshContext() {
    const [next, kids] = await Promise.all([getContext(id), getChildren(id)]);
    const forksChanged = branchKey(kids.children) !== branchKey(children);
    ctx = next;
    children = kids.children;
    renderHead();
    if (forksChanged) {
      renderSidebar();
      renderTimeline();
    } else {
      sidebar.firstElementChild?.replaceWith(contextFacts(ctx));
    }
  }

  let panelGeneration = 0;
  async function showPanel() {
    const mine = ++panelGeneration;
    const { turnId, panel: kind, fsPath } = current;
    if (kind === undefined || turnId === undefined) {
      panel.hidden = true;
      document.body.classList.remove("has-panel");
      markSelected();
      return;
    }
    panel.hidden = false;
    panel.dataset.panel = kind;
    document.body.classList.add("has-panel");
    markSelected();
    panelTitle.textContent = kind === "fs" ? `Files at turn #${turnId}` : `Turn #${turnId} · raw payload`;
    replace(panelBody, h("p", { class: "muted" }, "Loading…"));
    try {
      let content;
      if (kind === "fs") {
        content = await fsBrowser(id, turnId, fsPath ?? "");
      } else {
        const turn = await findTurn(turnId);
        content =
          turn === undefined
            ? h("p", { class: "error" }, `Turn #${turnId} is not on this context's chain.`)
            : rawPanel(ctx, turn, inherited(turn));
      }
      if (mine === panelGeneration) replace(panelBody, content);
    } catch (e) {
      if (mine === panelGeneration) replace(panelBody, h("p", { class: "error" }, e.message));
    }
  }

  async function findTurn(turnId) {
    for (let i = 0; i < MAX_OLDER_PAGES; i++) {
      const turn = turns.find((t) => t.turn_id === turnId);
      if (turn !== undefined || nextBefore === null) return turn;
      await loadOlder();
    }
    return undefined;
  }

  function markSelected() {
    for (const c of timeline.querySelectorAll(".turn.selected")) c.classList.remove("selected");
    if (current.turnId === undefined) return;
    const selected = timeline.querySelector(`#turn-${CSS.escape(current.turnId)}`);
    selected?.classList.add("selected");
    selected?.scrollIntoView({ block: "nearest" });
  }

  // Live updates, one at a time so pages never interleave.
  let chain = Promise.resolve();
  const serial = (fn) => {
    chain = chain.then(fn).catch(() => undefined);
  };
  const refresh = debounce(() => serial(refreshContext), 200);
  const unsubscribe = [
    onEvents(["turn_appended"], (d) => {
      if (d.context_id === id) serial(() => loadNewer(Number(d.depth)));
    }),
    onEvents(["context_created", "context_metadata_updated", "client_connected", "client_disconnected"], refresh),
    onEvents(["resync"], () =>
      serial(async () => {
        await refreshContext();
        await loadNewer(ctx.head_depth);
      }),
    ),
  ];
  const onKey = (event) => {
    if (event.key === "Escape" && current.panel !== undefined) navigate(contextHref(id));
  };
  document.addEventListener("keydown", onKey);

  serial(async () => {
    try {
      const [info, kids, page] = await Promise.all([getContext(id), getChildren(id), getTurns(id, { limit: PAGE })]);
      ctx = info;
      children = kids.children;
      turns.push(...page.turns);
      nextBefore = page.next_before_turn_id;
    } catch (e) {
      replace(timeline, h("p", { class: "error" }, e.status === 404 ? `No context #${id}.` : e.message));
      return;
    }
    renderHead();
    renderSidebar();
    renderTimeline();
    el.dataset.loaded = "true";
    await showPanel();
    const target = current.turnId && timeline.querySelector(`#turn-${CSS.escape(current.turnId)}`);
    if (target) target.scrollIntoView({ block: "center" });
    else timeline.lastElementChild?.scrollIntoView({ block: "end" });
  });

  return {
    el,
    /** @param {import("../router.js").Route} next */
    update(next) {
      current = next;
      if (ctx !== undefined) serial(showPanel);
    },
    destroy() {
      closed = true;
      for (const off of unsubscribe) off();
      document.removeEventListener("keydown", onKey);
      document.body.classList.remove("has-panel");
    },
  };
}

/** What the timeline and tree show of a context's children (live activity times left out). */
function branchKey(children) {
  return JSON.stringify(children.map((c) => [c.context_id, c.link, c.base_turn_id, c.title ?? ""]));
}
