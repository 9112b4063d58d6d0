// One turn in a context's timeline: a header (kind, id, depth, time, declared type, links to its
// raw payload and file snapshot) over the body turn-render.js builds, plus the forks made from it.
import { dateTime, h, icon } from "../dom.js";
import { contextHref, fsHref, turnHref } from "../router.js";
import { renderTurn } from "../turn-render.js";

/**
 * @param {Record<string, any>} turn  a turn of GET /v1/contexts/{id}/turns?view=both
 * @param {{ contextId: string, inherited: boolean, forks: Array<Record<string, any>> }} options
 * @returns {HTMLElement}
 */
export function turnCard(turn, { contextId, inherited, forks }) {
  const view = renderTurn(turn);
  const type = turn.declared_type ?? {};
  return h(
    "article",
    {
      class: `turn kind-${view.kind}${inherited ? " inherited" : ""}`,
      id: `turn-${turn.turn_id}`,
      dataset: { kind: view.kind, turnId: turn.turn_id },
    },
    h(
      "header",
      { class: "turn-head" },
      h("span", { class: `badge badge-${view.kind}` }, view.label),
      h(
        "a",
        { class: "turn-id mono", href: turnHref(contextId, turn.turn_id), title: "raw payload" },
        `#${turn.turn_id}`,
      ),
      h("span", { class: "muted" }, `depth ${turn.depth}`),
      view.time && h("time", { class: "muted", datetime: view.time }, dateTime(view.time)),
      h("span", { class: "spacer" }),
      h("span", { class: "type mono muted" }, `${type.type_id} v${type.type_version}`),
      turn.fs_root_hash &&
        h(
          "a",
          { class: "action files-link", href: fsHref(contextId, turn.turn_id), title: "browse the file snapshot" },
          "Files",
        ),
      h("a", { class: "action raw-link", href: turnHref(contextId, turn.turn_id) }, "Raw"),
    ),
    h("div", { class: "turn-body" }, view.body),
    forks.length > 0 &&
      h(
        "div",
        { class: "fork-marker" },
        icon("fork"),
        "Forked here → ",
        ...forks.map((f, i) => [
          i > 0 && ", ",
          h(
            "a",
            { class: "fork-link", href: contextHref(f.context_id), dataset: { contextId: f.context_id } },
            `#${f.context_id}${f.title ? ` ${f.title}` : ""}`,
          ),
        ]),
      ),
  );
}

/** The line between the turns a fork inherited and its own. */
export function forkDivider(ctx) {
  return h(
    "div",
    { class: "fork-divider" },
    h("span", {}, "Forked from "),
    h("a", { href: contextHref(ctx.forked_from_context_id) }, `context #${ctx.forked_from_context_id}`),
    h("span", {}, ` at turn #${ctx.base_turn_id}; the turns above are inherited, those below are this context's own.`),
  );
}
