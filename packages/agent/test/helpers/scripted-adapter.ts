// A scripted ProviderAdapter registered in a real @darkfactory/llm Client: each complete()/stream()
// call takes the next step (a response, an error, raw stream events, a hang) and records the request.
import {
  AbortError,
  type CallOptions,
  Client,
  type ContentPart,
  createResponse,
  type ProviderAdapter,
  type Request,
  type Response,
  type StreamEvent,
  type Usage,
} from "@darkfactory/llm";

export type Step =
  | { kind: "response"; response: Response; delayMs?: number }
  | { kind: "error"; error: unknown }
  | { kind: "events"; events: StreamEvent[]; delayMs?: number; thenHang?: boolean }
  | { kind: "hang" }
  /** Decides the step from the request (e.g. to read an id from an earlier tool result). */
  | { kind: "dynamic"; build: (request: Request) => Step };

export function usage(inputTokens = 10, outputTokens = 5): Usage {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

export function responseOf(content: ContentPart[], id = "resp"): Response {
  const hasCalls = content.some((p) => p.kind === "tool_call");
  return createResponse({
    id,
    model: "test-model",
    provider: "test",
    message: { role: "assistant", content },
    finishReason: { reason: hasCalls ? "tool_calls" : "stop" },
    usage: usage(),
    warnings: [],
  });
}

export const text = (t: string): Step => ({ kind: "response", response: responseOf([{ kind: "text", text: t }]) });

export interface CallSpec {
  id: string;
  name: string;
  args?: Record<string, unknown>;
}

export function calls(specs: CallSpec[], leadText = ""): Step {
  const parts: ContentPart[] = specs.map((c) => ({
    kind: "tool_call",
    toolCall: { id: c.id, name: c.name, arguments: c.args ?? {} },
  }));
  return { kind: "response", response: responseOf(lead(leadText, parts)) };
}

function lead(t: string, parts: ContentPart[]): ContentPart[] {
  return t === "" ? parts : [{ kind: "text", text: t }, ...parts];
}

export const fail = (error: unknown): Step => ({ kind: "error", error });

/** The events a provider would stream for `response` (text in chunks of `chunk` characters). */
export function eventsFor(response: Response, chunk = 3): StreamEvent[] {
  const events: StreamEvent[] = [{ type: "stream_start", id: response.id, model: response.model, warnings: [] }];
  response.message.content.forEach((part, i) => {
    if (part.kind === "text") {
      const textId = `t${i}`;
      events.push({ type: "text_start", textId });
      for (let at = 0; at < part.text.length; at += chunk) {
        events.push({ type: "text_delta", textId, delta: part.text.slice(at, at + chunk) });
      }
      events.push({ type: "text_end", textId, text: part.text });
    } else if (part.kind === "thinking") {
      const reasoningId = `r${i}`;
      events.push({ type: "reasoning_start", reasoningId });
      events.push({ type: "reasoning_delta", reasoningId, delta: part.thinking.text });
      events.push({
        type: "reasoning_end",
        reasoningId,
        text: part.thinking.text,
        ...(part.thinking.signature ? { signature: part.thinking.signature } : {}),
      });
    } else if (part.kind === "tool_call") {
      const call = response.toolCalls.find((c) => c.id === part.toolCall.id);
      events.push({ type: "tool_call_start", toolCallId: part.toolCall.id, toolName: part.toolCall.name });
      if (call) events.push({ type: "tool_call_end", toolCall: call });
    }
  });
  events.push({ type: "finish", finishReason: response.finishReason, usage: response.usage, response });
  return events;
}

function wait(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError({ message: "aborted (scripted adapter)" }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ message: "aborted (scripted adapter)" }));
    };
    const timer =
      ms === undefined
        ? undefined
        : setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class ScriptedAdapter implements ProviderAdapter {
  readonly requests: Request[] = [];
  readonly modes: ("complete" | "stream")[] = [];
  /** Streams closed (finished, failed or abandoned). */
  closedStreams = 0;
  private readonly steps: Step[];

  constructor(
    readonly name: string,
    steps: Step[] = [],
  ) {
    this.steps = [...steps];
  }

  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }

  get remaining(): number {
    return this.steps.length;
  }

  private next(mode: "complete" | "stream", request: Request): Exclude<Step, { kind: "dynamic" }> {
    this.requests.push(structuredClone(request));
    this.modes.push(mode);
    const step = this.take(request);
    if (!step) throw new Error(`ScriptedAdapter ${this.name}: no step left for call ${this.requests.length}`);
    let resolved = step;
    while (resolved.kind === "dynamic") resolved = resolved.build(request);
    return resolved;
  }

  /** The next step for `request`; subclasses may pick another queue. */
  protected take(_request: Request): Step | undefined {
    return this.steps.shift();
  }

  async complete(request: Request, options?: CallOptions): Promise<Response> {
    const step = this.next("complete", request);
    switch (step.kind) {
      case "response":
        await wait(step.delayMs ?? 0, options?.signal);
        return step.response;
      case "error":
        throw step.error;
      case "events": {
        const finish = step.events.find((e) => e.type === "finish");
        if (finish?.type !== "finish") throw new Error("no finish event");
        return finish.response;
      }
      case "hang":
        await wait(undefined, options?.signal);
        throw new Error("unreachable");
    }
  }

  stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
    const step = this.next("stream", request);
    const adapter = this;
    async function* run(): AsyncGenerator<StreamEvent> {
      try {
        switch (step.kind) {
          case "response":
            for (const event of eventsFor(step.response)) {
              await wait(step.delayMs ?? 0, options?.signal);
              yield event;
            }
            return;
          case "error":
            throw step.error;
          case "events":
            for (const event of step.events) {
              await wait(step.delayMs ?? 0, options?.signal);
              yield event;
            }
            if (step.thenHang) await wait(undefined, options?.signal);
            return;
          case "hang":
            await wait(undefined, options?.signal);
        }
      } finally {
        adapter.closedStreams++;
      }
    }
    return run();
  }
}

/** The text of the first user message of a request. */
export function firstUserText(request: Request): string {
  const first = request.messages.find((m) => m.role === "user");
  return first ? first.content.map((p) => (p.kind === "text" ? p.text : "")).join("") : "";
}

/** Scripts per conversation, chosen by the first user message (parent and subagents share one client). */
export class ConversationAdapter extends ScriptedAdapter {
  constructor(
    name: string,
    private readonly scripts: Record<string, Step[]>,
  ) {
    super(name);
  }

  protected override take(request: Request): Step | undefined {
    return this.scripts[firstUserText(request)]?.shift();
  }
}

/** A real Client whose only provider is a ScriptedAdapter named `name`. */
export function scriptedClient(name: string, steps: Step[] = []): { client: Client; adapter: ScriptedAdapter } {
  const adapter = new ScriptedAdapter(name, steps);
  return { client: new Client({ providers: { [name]: adapter } }), adapter };
}

/** The agent id from the spawn_agent result in `request` (the first tool message). */
export function spawnedId(request: Request): string {
  for (const message of request.messages) {
    for (const part of message.content) {
      if (
        part.kind === "tool_result" &&
        typeof part.toolResult.content === "string" &&
        part.toolResult.content.includes("agent_id")
      ) {
        return (JSON.parse(part.toolResult.content) as { agent_id: string }).agent_id;
      }
    }
  }
  throw new Error("no spawn_agent result yet");
}

/** A call of the subagent tool `name` on the agent the conversation spawned (read from its spawn_agent result). */
export const withAgent = (name: string, id: string, extra: Record<string, unknown> = {}): Step => ({
  kind: "dynamic",
  build: (request) => calls([{ id, name, args: { agent_id: spawnedId(request), ...extra } }]),
});
