/**
 * The core agentic loop (coding-agent-loop-spec §2.5, §2.8, §2.10, §5.5, Appendix B): for one
 * input, call the model, run its tool calls, inject steering, detect loops, and stop on natural
 * completion, a limit, an abort, or an LLM error.
 * @module
 */
import {
  type Client,
  ContextLengthError,
  LlmError,
  Message,
  type Request,
  type Response,
  type RetryPolicy,
} from "@darkfactory/llm";
import type { ProviderProfile } from "../profiles/types.js";
import type { SubagentToolContext } from "../subagents/types.js";
import { checkContextUsage } from "./context-usage.js";
import type { EventError, SessionEventBody } from "./events.js";
import { convertHistoryToMessages, countTurns } from "./history.js";
import { callLlm } from "./llm-call.js";
import { detectLoop, extractToolCallSignatures, loopWarning } from "./loop-detection.js";
import { executeToolCalls } from "./tool-execution.js";
import type { AssistantTurn, SessionConfig, StopReason, SubmitResult, Turn } from "./types.js";

/** What the loop needs from its session. `fatal` is set when an unrecoverable error happened. */
export interface LoopHost {
  fatal: boolean;
  readonly client: Client;
  readonly profile: ProviderProfile;
  readonly config: SessionConfig;
  /** Appended to in place. */
  readonly history: Turn[];
  readonly signal: AbortSignal;
  readonly streaming: boolean;
  readonly retryPolicy: Partial<RetryPolicy>;
  readonly inFlight: Set<Promise<unknown>>;
  /** §6.1 the full system prompt for the next call. */
  systemPrompt(): string;
  toolContext(): SubagentToolContext;
  /** Removes and returns the queued steering messages. */
  takeSteering(): string[];
  emit(body: SessionEventBody): void;
  /** ISO-8601 now, for turn timestamps. */
  now(): string;
}

/** The outcome of one input (the session adds its state). */
export type InputOutcome = Omit<SubmitResult, "state">;

/**
 * §2.5 `process_input` for one input. Never throws for LLM or tool failures: they end the loop
 * with stopReason `error` / `context_length` (and events); sets `host.fatal` for unrecoverable
 * errors (authentication and other non-retryable errors, Appendix B).
 */
export async function processInput(host: LoopHost, input: string): Promise<InputOutcome> {
  const { config, history } = host;
  history.push({ kind: "user", content: input, timestamp: host.now() });
  host.emit({ type: "user_input", content: input });
  drainSteering(host);

  let rounds = 0;
  let lastText = "";
  let contextWarned = false;
  const outcome = (stopReason: StopReason, error?: unknown): InputOutcome => ({
    stopReason,
    text: lastText,
    toolRounds: rounds,
    turnsUsed: countTurns(history),
    ...(error !== undefined ? { error } : {}),
  });

  while (true) {
    if (config.maxToolRoundsPerInput > 0 && rounds >= config.maxToolRoundsPerInput) {
      host.emit({
        type: "turn_limit",
        limit: "max_tool_rounds_per_input",
        round: rounds,
        totalTurns: countTurns(history),
      });
      return outcome("max_tool_rounds");
    }
    if (config.maxTurns > 0 && countTurns(history) >= config.maxTurns) {
      host.emit({ type: "turn_limit", limit: "max_turns", round: rounds, totalTurns: countTurns(history) });
      return outcome("max_turns");
    }
    if (host.signal.aborted) return outcome("aborted");

    const systemPrompt = host.systemPrompt();
    let response: Response;
    try {
      response = await callLlm({
        client: host.client,
        request: buildRequest(host, systemPrompt),
        streaming: host.streaming,
        signal: host.signal,
        retryPolicy: host.retryPolicy,
        emit: (body) => host.emit(body),
      });
    } catch (error) {
      return outcome(llmFailure(host, error), error);
    }

    const turn: AssistantTurn = {
      kind: "assistant",
      content: response.text,
      toolCalls: response.toolCalls,
      reasoning: response.reasoning,
      usage: response.usage,
      responseId: response.id === "" ? undefined : response.id,
      message: response.message,
      timestamp: host.now(),
    };
    history.push(turn);
    lastText = turn.content;
    for (const warning of response.warnings) {
      host.emit({ type: "warning", code: "provider_warning", message: warning.message });
    }
    if (!contextWarned) contextWarned = warnContextUsage(host, systemPrompt);

    if (turn.toolCalls.length === 0) {
      // Steering that arrived while the model was answering would otherwise wait for the next
      // submit(): inject it and let the model continue (a deliberate extension of §2.5).
      if (drainSteering(host) > 0) continue;
      return outcome(isQuestion(turn.content) ? "awaiting_input" : "completed");
    }

    rounds++;
    const results = await executeToolCalls({
      calls: turn.toolCalls,
      registry: host.profile.toolRegistry,
      context: host.toolContext(),
      limits: { toolOutputLimits: config.toolOutputLimits, toolLineLimits: config.toolLineLimits },
      parallel: host.profile.supportsParallelToolCalls,
      signal: host.signal,
      emit: (body) => host.emit(body),
      inFlight: host.inFlight,
    });
    history.push({ kind: "tool_results", results, timestamp: host.now() });
    if (host.signal.aborted) return outcome("aborted");

    drainSteering(host);
    if (config.enableLoopDetection) checkForLoop(host);
  }
}

/** §2.5 step 2: the request for the next call. */
function buildRequest(host: LoopHost, systemPrompt: string): Request {
  const { profile, config } = host;
  const tools = profile.tools();
  const providerOptions = profile.providerOptions();
  return {
    model: profile.model,
    messages: [Message.system(systemPrompt), ...convertHistoryToMessages(host.history)],
    ...(tools.length > 0 ? { tools, toolChoice: { mode: "auto" as const } } : {}),
    ...(profile.supportsReasoning && config.reasoningEffort ? { reasoningEffort: config.reasoningEffort } : {}),
    provider: profile.id,
    ...(providerOptions ? { providerOptions } : {}),
  };
}

/** §2.5 `drain_steering`; returns how many messages were injected. */
function drainSteering(host: LoopHost): number {
  const messages = host.takeSteering();
  for (const content of messages) {
    host.history.push({ kind: "steering", content, timestamp: host.now() });
    host.emit({ type: "steering_injected", content, source: "steer" });
  }
  return messages.length;
}

/** Signature count at the last loop warning, per history (so one loop is reported once per window). */
const lastLoopWarning = new WeakMap<Turn[], number>();

/** §2.10 step 8: a warning SteeringTurn when the recent calls repeat. */
function checkForLoop(host: LoopHost): void {
  const window = host.config.loopDetectionWindow;
  const signatures = extractToolCallSignatures(host.history);
  const since = signatures.length - (lastLoopWarning.get(host.history) ?? 0);
  if (since < window || !detectLoop(signatures, window)) return;
  lastLoopWarning.set(host.history, signatures.length);
  const message = loopWarning(window);
  host.history.push({ kind: "steering", content: message, timestamp: host.now() });
  host.emit({ type: "loop_detection", message, window });
  host.emit({ type: "steering_injected", content: message, source: "loop_detection" });
}

/** §5.5 emits a `context_usage` warning when over 80%; returns whether it did. */
function warnContextUsage(host: LoopHost, systemPrompt: string): boolean {
  const usage = checkContextUsage(host.history, systemPrompt, host.profile.contextWindowSize);
  if (!usage) return false;
  host.emit({
    type: "warning",
    code: "context_usage",
    message: `Context usage at ~${usage.percent}% of context window`,
    contextUsage: usage,
  });
  return true;
}

/**
 * Appendix B: classifies an LLM failure, emits its event, and marks fatal errors. Retryable errors
 * (already retried by callLlm) and {@link RECOVERABLE} ones leave the session idle.
 */
function llmFailure(host: LoopHost, error: unknown): StopReason {
  if (host.signal.aborted) return "aborted";
  if (error instanceof ContextLengthError || (LlmError.isInstance(error) && error.name === "ContextLengthError")) {
    host.emit({
      type: "warning",
      code: "context_length_exceeded",
      message: `The conversation no longer fits the model's context window: ${(error as Error).message}`,
    });
    return "context_length";
  }
  const summary = toEventError(error);
  host.fatal = !summary.retryable && !RECOVERABLE.has(summary.name);
  host.emit({ type: "error", error: summary, fatal: host.fatal });
  return "error";
}

/**
 * Non-retryable errors that still leave the session usable (the next input may succeed): a timed
 * out request and a response blocked by a content filter. Every other non-retryable error
 * (authentication, access, unknown model, invalid request, configuration, quota) closes it.
 */
const RECOVERABLE: ReadonlySet<string> = new Set(["RequestTimeoutError", "ContentFilterError"]);

function toEventError(error: unknown): EventError {
  if (LlmError.isInstance(error)) {
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    return {
      name: error.name,
      message: error.message,
      retryable: error.retryable,
      ...(typeof statusCode === "number" ? { statusCode } : {}),
    };
  }
  return {
    name: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

/** §2.3 PROCESSING → AWAITING_INPUT: a text-only answer whose last line is a question. */
function isQuestion(text: string): boolean {
  return text.trimEnd().endsWith("?");
}
