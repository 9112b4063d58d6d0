/**
 * Neutral Answer -> Messages API SSE events, named and ordered as the API sends them
 * (`event: <type>` + `data: <json>`, no `[DONE]`): `message_start` (usage with the input and
 * cache tokens), then per content block `content_block_start`, deltas (`thinking_delta` then
 * `signature_delta`, `text_delta`, `input_json_delta` with the tool input in pieces),
 * `content_block_stop`, with one `ping` after the first block starts; finally `message_delta`
 * (stop reason, stop sequence, output tokens) and `message_stop`.
 * @module
 */
import type { Usage } from "../kit/conversation.js";
import type { SseEvent } from "../kit/send.js";
import { splitChunks, splitDeltas } from "../kit/token-estimator.js";
import {
  answerBlocks,
  type MessageFrame,
  messageObject,
  messageUsage,
  type RenderedAnswer,
  stopDetails,
} from "./render-messages.js";
import type { Json } from "./validate.js";

/** Options of {@link messageEvents}. */
export interface MessageStreamOptions {
  /** Characters per `input_json_delta` (the `fine-grained-tool-streaming` beta sends smaller pieces). */
  toolChunkChars: number;
}

/** The SSE events of a streamed Message. `usage` is the final usage (for `message_start`'s input side). */
export function messageEvents(
  frame: MessageFrame,
  rendered: RenderedAnswer,
  usage: Usage,
  options: MessageStreamOptions,
): SseEvent[] {
  const events: SseEvent[] = [];
  const push = (type: string, fields: Json, tokens = 0): void => {
    events.push({ event: type, data: JSON.stringify({ type, ...fields }), ...(tokens > 0 ? { tokens } : {}) });
  };
  const ping = (): void => push("ping", {});
  push("message_start", { message: messageObject(frame, usage) });
  const blocks = answerBlocks(rendered.answer, frame);
  if (blocks.length === 0) ping();
  blocks.forEach((block, index) => {
    if (block.type === "thinking") {
      push("content_block_start", { index, content_block: { type: "thinking", thinking: "", signature: "" } });
      if (index === 0) ping();
      for (const piece of splitDeltas(String(block.thinking)))
        push("content_block_delta", { index, delta: { type: "thinking_delta", thinking: piece } }, 1);
      push("content_block_delta", { index, delta: { type: "signature_delta", signature: block.signature } });
    } else if (block.type === "text") {
      push("content_block_start", { index, content_block: { type: "text", text: "" } });
      if (index === 0) ping();
      for (const piece of splitDeltas(String(block.text)))
        push("content_block_delta", { index, delta: { type: "text_delta", text: piece } }, 1);
    } else {
      push("content_block_start", { index, content_block: { ...block, input: {} } });
      if (index === 0) ping();
      const json = typeof block.input === "string" ? block.input : JSON.stringify(block.input);
      push("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: "" } });
      for (const piece of splitChunks(json, options.toolChunkChars))
        push("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } }, 1);
    }
    push("content_block_stop", { index });
  });
  const final = messageUsage(rendered.answer.usage, frame, rendered.answer.reasoning !== undefined);
  const { cache_creation: _split, service_tier: _tier, inference_geo: _geo, ...deltaUsage } = final;
  push("message_delta", {
    delta: {
      stop_reason: rendered.stopReason,
      stop_sequence: rendered.stopSequence,
      stop_details: stopDetails(rendered.stopReason),
    },
    usage: deltaUsage,
  });
  push("message_stop", {});
  return events;
}
