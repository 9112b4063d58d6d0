// Shared parts of the tests that run our own `@darkfactory/llm` adapters against the provider
// twins: a weather tool, reading a stream, and the turn that answers the model's tool calls.
import { Message, type Request, type StreamEvent, type ToolCall, type ToolDefinition } from "@darkfactory/llm";

/** A weather tool with a closed schema (`additionalProperties: false`). */
export const WEATHER: ToolDefinition = {
  name: "get_weather",
  description: "Current weather of a city.",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
};

/** Every event of `stream`, in order. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The text deltas of `events`, joined. */
export const textOf = (events: StreamEvent[]): string =>
  events.flatMap((e) => (e.type === "text_delta" ? [e.delta] : [])).join("");

/** The tool calls of the `tool_call_end` events, in order. */
export const endedToolCalls = (events: StreamEvent[]): ToolCall[] =>
  events.flatMap((e) => (e.type === "tool_call_end" ? [e.toolCall] : []));

/**
 * `request` continued with the assistant's `message` and one tool result per call in `calls`.
 * @param resultOf A call's result; by default `weather of <city>`.
 */
export function withToolResults(
  request: Request,
  message: Message,
  calls: readonly ToolCall[],
  resultOf: (call: ToolCall) => string = (call) => `weather of ${String(call.arguments.city)}`,
): Request {
  return {
    ...request,
    messages: [
      ...request.messages,
      message,
      ...calls.map((call) => Message.toolResult({ toolCallId: call.id, content: resultOf(call) })),
    ],
  };
}
