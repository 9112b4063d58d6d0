// Renders a turn's body by what it is. `cxdb.ConversationItem` turns projected through the
// registry (decoded_as set) render by item_type: user input, assistant text with its reasoning and
// tool calls, tool call, tool result, handoff, system note, and pipeline event (a system item that
// records one, see stage-event.js). Anything else shows its JSON.
import { h } from "./dom.js";
import { jsonView, maybeJson } from "./json-view.js";
import { pipelineEventType, stageEvent } from "./stage-event.js";

const CONVERSATION_ITEM = "cxdb.ConversationItem";

/**
 * @typedef {object} TurnView
 * @property {string} kind   data-kind: user | assistant | tool-call | tool-result | stage | system | handoff | raw
 * @property {string} label  badge text
 * @property {string} [time] the item's own timestamp (ISO), when it has one
 * @property {HTMLElement} body
 */

/** @returns {TurnView} */
export function renderTurn(turn) {
  const data = turn.data;
  if (turn.decoded_as?.type_id !== CONVERSATION_ITEM || data === null || typeof data !== "object") return raw(turn);
  const time = typeof data.timestamp === "string" ? data.timestamp : undefined;
  const view = conversationItem(data);
  return view === undefined ? raw(turn) : { ...view, time };
}

function conversationItem(item) {
  switch (item.item_type) {
    case "user_input":
      return item.user_input && userInput(item.user_input);
    case "assistant_turn":
      return item.turn && assistant(item.turn, item.turn.metrics);
    case "assistant":
      return item.assistant && assistant(item.assistant, item.assistant);
    case "tool_call":
      return item.tool_call && toolCall(item.tool_call);
    case "tool_result":
      return item.tool_result && toolResult(item.tool_result);
    case "system": {
      if (!item.system) return undefined;
      const event = pipelineEventType(item);
      return event === undefined ? system(item.system) : stageEvent(event, item.system);
    }
    case "handoff":
      return item.handoff && handoff(item.handoff);
    default:
      return undefined;
  }
}

function userInput(input) {
  const files = Array.isArray(input.files) ? input.files : [];
  return {
    kind: "user",
    label: "User",
    body: h(
      "div",
      { class: "block block-user" },
      h("div", { class: "text" }, input.text ?? ""),
      files.length > 0 && h("ul", { class: "chips" }, ...files.map((f) => h("li", { class: "chip mono" }, f))),
    ),
  };
}

function assistant(turn, metrics) {
  const calls = Array.isArray(turn.tool_calls) ? turn.tool_calls : [];
  const facts = [
    turn.agent,
    metrics?.model,
    counted(metrics?.input_tokens) && `${metrics.input_tokens} in`,
    counted(metrics?.output_tokens) && `${metrics.output_tokens} out`,
    counted(metrics?.duration_ms) && `${metrics.duration_ms} ms`,
    turn.finish_reason ?? turn.stop_reason,
  ].filter((f) => f !== undefined && f !== null && f !== false && f !== "");
  return {
    kind: "assistant",
    label: "Assistant",
    body: h(
      "div",
      { class: "block block-assistant" },
      turn.reasoning && reasoning(turn.reasoning),
      turn.text && h("div", { class: "text block-text" }, turn.text),
      ...calls.map((call) => toolCallItem(call)),
      facts.length > 0 && h("div", { class: "facts" }, ...facts.map((f) => h("span", {}, String(f)))),
    ),
  };
}

function reasoning(text) {
  return h(
    "details",
    { class: "block-reasoning", open: text.length <= 600 },
    h("summary", {}, "Reasoning"),
    h("div", { class: "text" }, text),
  );
}

/** A tool call nested in an assistant turn, with its result or error when present. */
function toolCallItem(call) {
  const failed = Boolean(call.error) || call.result?.success === false;
  return h(
    "div",
    { class: "block-tool-call" },
    toolHeader(call.name, call.status, call.id, call.duration_ms),
    call.description && h("div", { class: "muted" }, call.description),
    args(call.args),
    call.result &&
      h(
        "div",
        { class: `block-tool-result${failed ? " is-error" : ""}` },
        h("div", { class: "sub" }, "Result", exit(call.result.exit_code)),
        h("pre", { class: "output" }, call.result.content ?? ""),
      ),
    call.error &&
      h(
        "div",
        { class: "block-tool-result is-error" },
        h("div", { class: "sub" }, `Error${call.error.code ? ` ${call.error.code}` : ""}`, exit(call.error.exit_code)),
        h("pre", { class: "output" }, call.error.message ?? ""),
      ),
  );
}

function toolCall(call) {
  return {
    kind: "tool-call",
    label: "Tool call",
    body: h(
      "div",
      { class: "block-tool-call" },
      toolHeader(call.name, undefined, call.call_id),
      call.description && h("div", { class: "muted" }, call.description),
      args(call.args),
    ),
  };
}

function toolResult(result) {
  return {
    kind: "tool-result",
    label: result.is_error ? "Tool error" : "Tool result",
    body: h(
      "div",
      { class: `block-tool-result${result.is_error ? " is-error" : ""}` },
      h(
        "div",
        { class: "sub" },
        result.call_id && h("span", { class: "mono" }, result.call_id),
        exit(result.exit_code),
        counted(result.duration_ms) && h("span", { class: "muted" }, ` · ${result.duration_ms} ms`),
      ),
      h("pre", { class: "output" }, result.content || result.streaming_output || ""),
      result.output_truncated && h("div", { class: "muted" }, "output truncated"),
    ),
  };
}

function toolHeader(name, status, id, durationMs) {
  return h(
    "div",
    { class: "tool-head" },
    h("span", { class: "tool-name mono" }, name ?? "(tool)"),
    status && h("span", { class: `pill status-${status}` }, status),
    id && h("span", { class: "mono muted" }, id),
    counted(durationMs) && h("span", { class: "muted" }, `${durationMs} ms`),
  );
}

function args(text) {
  if (text === undefined || text === "") return undefined;
  const parsed = maybeJson(text);
  return typeof parsed === "string" ? h("pre", { class: "args" }, parsed) : jsonView(parsed, "json args");
}

/**
 * True for a count worth showing. CXDB's Go writers (and this package's recorder) write unset
 * numbers as 0, so 0 reads as "not recorded" for durations and token counts.
 */
function counted(value) {
  return value !== undefined && value !== null && value !== "" && Number(value) !== 0;
}

function exit(code) {
  return code === undefined || code === null ? undefined : h("span", { class: "muted" }, ` · exit ${code}`);
}

function system(message) {
  const kind = String(message.kind ?? "");
  return {
    kind: "system",
    label: kind === "" ? "System" : `System · ${kind}`,
    body: h(
      "div",
      { class: `block-system kind-${kind.replace(/[^a-z_]/g, "")}` },
      message.title && h("div", { class: "title" }, message.title),
      h("div", { class: "text" }, message.content ?? ""),
    ),
  };
}

function handoff(info) {
  return {
    kind: "handoff",
    label: "Handoff",
    body: h(
      "div",
      { class: "block-handoff" },
      h("div", { class: "title" }, `${info.from_agent ?? "?"} → ${info.to_agent ?? "?"}`),
      info.reason && h("div", { class: "text" }, info.reason),
      info.input && h("pre", { class: "output" }, info.input),
    ),
  };
}

function raw(turn) {
  const type = `${turn.declared_type?.type_id ?? "?"} v${turn.declared_type?.type_version ?? "?"}`;
  const why = turn.decoded_as ? `projected as ${turn.decoded_as.type_id}` : (turn.projection_error?.message ?? "");
  return {
    kind: "raw",
    label: turn.declared_type?.type_id ?? "Turn",
    body: h(
      "div",
      { class: "block-raw" },
      h(
        "div",
        { class: "muted" },
        turn.decoded_as ? type : `${why} — showing the decoded msgpack (keys are field tags)`,
      ),
      jsonView(turn.data),
    ),
  };
}
