/**
 * Neutral Answer -> Responses API SSE events, named and ordered as the API sends them
 * (`event: <type>` + `data: <json>`, `sequence_number` on every event, no `[DONE]`):
 * `response.created`, `response.in_progress`, then per output item `response.output_item.added`,
 * its content events, `response.output_item.done`; finally `response.completed` (or
 * `response.incomplete`).
 * @module
 */
import type { Answer } from "../kit/conversation.js";
import type { IdSource } from "../kit/prng.js";
import type { SseEvent } from "../kit/send.js";
import { splitChunks, splitDeltas } from "../kit/token-estimator.js";
import { type ResponseFrame, responseObject, responseStatus } from "./render-responses.js";
import type { Json } from "./validate.js";

/** Options of {@link responsesEvents}. */
export interface ResponsesStreamOptions {
  /** Add an `obfuscation` field to delta events (the API's default; `stream_options.include_obfuscation: false` turns it off). */
  obfuscation: boolean;
  /** Source of the obfuscation padding. */
  ids: IdSource;
}

/** The SSE events of a streamed response whose final output is `output`. */
export function responsesEvents(
  frame: ResponseFrame,
  answer: Answer,
  output: Json[],
  options: ResponsesStreamOptions,
): SseEvent[] {
  const events: SseEvent[] = [];
  const push = (type: string, fields: Json, tokens = 0): void => {
    const data = JSON.stringify({ type, sequence_number: events.length, ...fields });
    events.push({ event: type, data, ...(tokens > 0 ? { tokens } : {}) });
  };
  /**
   * A delta event written as text (the hot path of every stream): the same JSON as `push` would
   * give for `{ type, sequence_number, ...at, delta, ...tail, obfuscation }`.
   */
  const pushDelta = (type: string, at: string, delta: string, tail = ""): void => {
    const obfuscation = options.obfuscation
      ? `,"obfuscation":"${options.ids.alnum(Math.max(1, 16 - delta.length))}"`
      : "";
    const data = `{"type":"${type}","sequence_number":${events.length},${at},"delta":${JSON.stringify(delta)}${tail}${obfuscation}}`;
    events.push({ event: type, data, tokens: 1 });
  };
  const fieldsOf = (fields: Json): string => JSON.stringify(fields).slice(1, -1);
  // The response shell is the same in both events: serialized once, spliced in twice.
  const shell = JSON.stringify(responseObject(frame));
  for (const type of ["response.created", "response.in_progress"]) {
    const data = `{"type":"${type}","sequence_number":${events.length},"response":${shell}}`;
    events.push({ event: type, data });
  }
  output.forEach((item, index) => {
    const at = { item_id: item.id, output_index: index };
    if (item.type === "reasoning") {
      push("response.output_item.added", { output_index: index, item: { ...item, summary: [] } });
      for (const [summaryIndex, part] of (item.summary as Json[]).entries()) {
        const text = String(part.text);
        const sat = { ...at, summary_index: summaryIndex };
        push("response.reasoning_summary_part.added", { ...sat, part: { type: "summary_text", text: "" } });
        const satJson = fieldsOf(sat);
        for (const delta of splitDeltas(text)) pushDelta("response.reasoning_summary_text.delta", satJson, delta);
        push("response.reasoning_summary_text.done", { ...sat, text });
        push("response.reasoning_summary_part.done", { ...sat, part: { type: "summary_text", text } });
      }
      push("response.output_item.done", { output_index: index, item });
    } else if (item.type === "message") {
      const text = String((item.content as Json[])[0].text);
      const part = { type: "output_text", annotations: [], logprobs: [], text: "" };
      const cat = { ...at, content_index: 0 };
      push("response.output_item.added", {
        output_index: index,
        item: { ...item, status: "in_progress", content: [] },
      });
      push("response.content_part.added", { ...cat, part });
      const catJson = fieldsOf(cat);
      for (const delta of splitDeltas(text)) pushDelta("response.output_text.delta", catJson, delta, ',"logprobs":[]');
      push("response.output_text.done", { ...cat, text, logprobs: [] });
      push("response.content_part.done", { ...cat, part: { ...part, text } });
      push("response.output_item.done", { output_index: index, item });
    } else if (item.type === "function_call") {
      const args = String(item.arguments);
      push("response.output_item.added", {
        output_index: index,
        item: { ...item, status: "in_progress", arguments: "" },
      });
      const atJson = fieldsOf(at);
      for (const delta of splitChunks(args)) pushDelta("response.function_call_arguments.delta", atJson, delta);
      push("response.function_call_arguments.done", { ...at, name: item.name, arguments: args });
      push("response.output_item.done", { output_index: index, item });
    }
  });
  const final = responseObject(frame, { answer, output });
  push(responseStatus(answer).status === "completed" ? "response.completed" : "response.incomplete", {
    response: final,
  });
  return events;
}
