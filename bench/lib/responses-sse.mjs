/**
 * A large OpenAI Responses API stream, framed as the real API frames it (`event: <type>` +
 * `data: <json>`), for the LLM stream benchmark.
 * @module
 */

/**
 * Builds a Responses stream of at least `minBytes` bytes: created, in_progress, output item and
 * content part added, many `response.output_text.delta` events (64 characters each), then the
 * done events and `response.completed` with usage.
 * @returns `{ body: Buffer, deltas: number, text: string }` (the text the deltas spell)
 */
export function buildResponsesStream(minBytes) {
  const parts = [];
  let seq = 0;
  const event = (data) =>
    parts.push(`event: ${data.type}\ndata: ${JSON.stringify({ ...data, sequence_number: seq++ })}\n\n`);
  const response = {
    id: "resp_bench",
    object: "response",
    created_at: 1760000000,
    model: "gpt-5.2",
    status: "in_progress",
    output: [],
  };
  event({ type: "response.created", response });
  event({ type: "response.in_progress", response });
  const item = { id: "msg_bench", type: "message", status: "in_progress", role: "assistant", content: [] };
  event({ type: "response.output_item.added", output_index: 0, item });
  event({
    type: "response.content_part.added",
    item_id: item.id,
    output_index: 0,
    content_index: 0,
    part: { type: "output_text", text: "", annotations: [] },
  });
  const chunk = "The quick brown fox jumps over the lazy dog; 0123456789 — ünïcødé ";
  let size = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  let deltas = 0;
  while (size < minBytes) {
    const p = `event: response.output_text.delta\ndata: ${JSON.stringify({ type: "response.output_text.delta", sequence_number: seq++, item_id: item.id, output_index: 0, content_index: 0, delta: chunk, logprobs: [] })}\n\n`;
    parts.push(p);
    size += Buffer.byteLength(p);
    deltas++;
  }
  const text = chunk.repeat(deltas);
  event({ type: "response.output_text.done", item_id: item.id, output_index: 0, content_index: 0, text, logprobs: [] });
  const done = { ...item, status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
  event({ type: "response.output_item.done", output_index: 0, item: done });
  event({
    type: "response.completed",
    response: {
      ...response,
      status: "completed",
      output: [done],
      usage: {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: deltas * 16,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 12 + deltas * 16,
      },
    },
  });
  return { body: Buffer.from(parts.join("")), deltas, text };
}

/** A small non-streaming Responses body, for per-request overhead. */
export function smallResponse() {
  return {
    id: "resp_small",
    object: "response",
    created_at: 1760000000,
    model: "gpt-5.2",
    status: "completed",
    output: [
      {
        id: "msg_1",
        type: "message",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "Hello.", annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 5,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 2,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 7,
    },
  };
}
