// Shared pieces of the OpenAI adapter tests: a local provider server whose reply each test sets,
// adapters pointed at it, and builders for Responses API SSE events and bodies.
import { afterAll, afterEach, beforeAll } from "vitest";
import { Client } from "../../../src/client/client.js";
import { OpenAIAdapter, type OpenAIAdapterConfig } from "../../../src/providers/openai/adapter.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import {
  type ProviderServer,
  type RecordedRequest,
  type Reply,
  startProviderServer,
} from "../../helpers/provider-server.js";

export const request: Request = { model: "gpt-5.2", messages: [Message.user("Hi")] };

/** One SSE message framed as the Responses API frames it. */
export const sse = (event: Record<string, unknown>) =>
  `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
export const created = sse({
  type: "response.created",
  response: { id: "resp_1", model: "gpt-5.2", status: "in_progress" },
});
export const delta = (text: string) =>
  sse({ type: "response.output_text.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: text });
export const completed = (extra: Record<string, unknown> = {}) =>
  sse({
    type: "response.completed",
    response: {
      id: "resp_1",
      model: "gpt-5.2",
      status: "completed",
      usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
      ...extra,
    },
  });
export const messageItem = (text: string) => ({
  id: "msg_1",
  type: "message",
  role: "assistant",
  status: "completed",
  content: [{ type: "output_text", text, annotations: [] }],
});
export const jsonBody = {
  id: "resp_1",
  model: "gpt-5.2-2025-12-11",
  status: "completed",
  output: [messageItem("Hello!")],
  usage: {
    input_tokens: 10,
    output_tokens: 20,
    total_tokens: 30,
    input_tokens_details: { cached_tokens: 4 },
    output_tokens_details: { reasoning_tokens: 8 },
  },
};

export const lastEvent = (events: StreamEvent[]) => events.at(-1);
export const errorOf = (event: StreamEvent | undefined) => (event?.type === "error" ? event.error : undefined);

type Handler = (request: RecordedRequest) => Reply;
const answerJson: Handler = () => ({ body: jsonBody });

/** Starts a server for the enclosing file; `reply` answers every request (reset after each test). */
export function useOpenAIServer() {
  let server: ProviderServer | undefined;
  let reply: Handler = answerJson;
  beforeAll(async () => {
    server = await startProviderServer((r) => reply(r));
  });
  afterAll(() => server?.close());
  afterEach(() => {
    reply = answerJson;
  });
  const kit = {
    get server(): ProviderServer {
      if (!server) throw new Error("the server is not started");
      return server;
    },
    set reply(handler: Handler) {
      reply = handler;
    },
    adapter: (over: Partial<OpenAIAdapterConfig> = {}) =>
      new OpenAIAdapter({ apiKey: "sk-test", baseUrl: kit.server.url, ...over }),
    client: (over: Partial<OpenAIAdapterConfig> = {}) => new Client({ providers: { openai: kit.adapter(over) } }),
  };
  return kit;
}
