// Builds a Session over a scripted adapter in a real Client, collecting every event.
import { Client, type RetryPolicy } from "@darkfactory/llm";
import type { ExecutionEnvironment } from "../../src/env/types.js";
import type { ProviderProfile } from "../../src/profiles/types.js";
import type { SessionEvent, SessionEventType } from "../../src/session/events.js";
import { Session } from "../../src/session/session.js";
import type { SessionConfig } from "../../src/session/types.js";
import { FakeEnv } from "./fake-env.js";
import { testProfile } from "./fake-tools.js";
import { type ScriptedAdapter, type Step, scriptedClient } from "./scripted-adapter.js";

export interface Harness {
  session: Session;
  adapter: ScriptedAdapter;
  events: SessionEvent[];
  env: ExecutionEnvironment;
  /** Event types of this session (not forwarded subagent events), in order. */
  types(): SessionEventType[];
  ofType<T extends SessionEventType>(type: T): Extract<SessionEvent, { type: T }>[];
  /** The tool result for call `callId` as the model received it in LLM request `request` (0-based); "" if absent. */
  sentToolResult(request: number, callId: string): string;
}

export function harness(
  steps: Step[],
  options: {
    profile?: ProviderProfile;
    config?: Partial<SessionConfig>;
    env?: ExecutionEnvironment;
    retryPolicy?: Partial<RetryPolicy>;
    signal?: AbortSignal;
    streaming?: boolean;
    /** Answers the LLM calls instead of an adapter scripted with `steps` (e.g. a ConversationAdapter). */
    adapter?: ScriptedAdapter;
  } = {},
): Harness {
  const profile = options.profile ?? testProfile();
  const { client, adapter } = options.adapter
    ? { client: new Client({ providers: { [options.adapter.name]: options.adapter } }), adapter: options.adapter }
    : scriptedClient(profile.id, steps);
  const env = options.env ?? new FakeEnv();
  const events: SessionEvent[] = [];
  const session = new Session({
    client,
    profile,
    environment: env,
    config: options.config ?? {},
    retryPolicy: options.retryPolicy ?? { maxRetries: 0 },
    onEvent: (e) => events.push(e),
    now: () => new Date("2026-02-03T10:00:00Z"),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.streaming !== undefined ? { streaming: options.streaming } : {}),
  });
  return {
    session,
    adapter,
    events,
    env,
    types: () => events.map((e) => e.type),
    ofType: <T extends SessionEventType>(type: T) =>
      events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type),
    sentToolResult: (request, callId) => {
      const message = adapter.requests[request]?.messages.find((m) => m.role === "tool" && m.toolCallId === callId);
      const part = message?.content[0];
      return part?.kind === "tool_result" ? String(part.toolResult.content) : "";
    },
  };
}
