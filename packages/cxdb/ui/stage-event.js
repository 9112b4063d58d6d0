// Pipeline events recorded as `system` ConversationItems. The factory's recorder writes one per
// engine event: item `id` = the event type (`stage_started`, `pipeline_completed`, ...), `kind` =
// severity (info/warning/error), `title` = one human line, `content` = the event as JSON. Other
// writers may put the event type in `kind` instead; both are recognised.
import { h } from "./dom.js";
import { jsonView, maybeJson } from "./json-view.js";

const PIPELINE_EVENT = /^(stage|pipeline|parallel|interview|checkpoint|edge|goal_gate|loop)_[a-z_]+$/;

/** The pipeline event type a system item records, or undefined when it is an ordinary system note. */
export function pipelineEventType(item) {
  const content = maybeJson(item.system?.content ?? "");
  const candidates = [item.id, typeof content === "object" ? content?.type : undefined, item.system?.kind];
  return candidates.find((c) => typeof c === "string" && PIPELINE_EVENT.test(c));
}

/**
 * The turn view of a pipeline event (see turn-render.js `TurnView`).
 * @param {string} type     the event type
 * @param {Record<string, any>} message  the item's `system` message
 */
export function stageEvent(type, message) {
  const [scope, ...rest] = type.split("_");
  const phase = rest.join("_");
  const severity = String(message.kind ?? "");
  const content = maybeJson(message.content ?? "");
  const event = content !== null && typeof content === "object" && !Array.isArray(content) ? content : undefined;
  const node = event?.nodeId ?? event?.name ?? event?.stage ?? event?.to;
  const facts = event === undefined ? [] : eventFacts(event);
  return {
    kind: "stage",
    label: scope.charAt(0).toUpperCase() + scope.slice(1).replace(/_/g, " "),
    body: h(
      "div",
      { class: `block-stage phase-${phase.replace(/[^a-z_]/g, "")} severity-${severity.replace(/[^a-z_]/g, "")}` },
      h(
        "div",
        { class: "stage-head" },
        h("span", { class: "stage-phase" }, phase.replace(/_/g, " ")),
        typeof node === "string" && h("span", { class: "stage-name mono" }, node),
        typeof event?.branch === "string" && h("span", { class: "muted small" }, `in ${event.branch}`),
      ),
      message.title && h("div", { class: "stage-title" }, message.title),
      facts.length > 0 &&
        h("dl", { class: "kv compact" }, ...facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      event !== undefined
        ? h("details", { class: "event-json" }, h("summary", {}, "Event"), jsonView(event))
        : typeof content === "string" && content !== "" && h("div", { class: "text" }, content),
    ),
  };
}

/** The few fields worth reading at a glance. */
function eventFacts(event) {
  const rows = [
    ["handler", event.handlerType],
    ["attempt", event.attempt],
    ["outcome", event.outcome?.status],
    ["duration", event.durationMs === undefined ? undefined : duration(event.durationMs)],
    ["retry in", event.delayMs === undefined ? undefined : duration(event.delayMs)],
    ["error", event.error],
    ["notes", event.outcome?.notes],
  ];
  return rows.filter(([, v]) => v !== undefined && v !== null && v !== "").map(([k, v]) => [k, String(v)]);
}

/** 850 ms, 4.2 s, 3 min 5 s. */
function duration(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n)) return String(ms);
  if (n < 1000) return `${n} ms`;
  if (n < 60_000) return `${(n / 1000).toFixed(1)} s`;
  return `${Math.floor(n / 60_000)} min ${Math.round((n % 60_000) / 1000)} s`;
}
