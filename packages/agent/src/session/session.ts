/**
 * The Session (coding-agent-loop-spec §2.1-2.3, §2.6-2.9, Appendix B): state machine, history,
 * steering and follow-up queues, events, subagents, abort and graceful shutdown. The loop itself
 * is in `agentic-loop.ts`.
 * @module
 */
import { randomUUID } from "node:crypto";
import { type Client, DEFAULT_RETRY_POLICY, type ReasoningEffort, type RetryPolicy } from "@darkfactory/llm";
import type { ExecutionEnvironment } from "../env/types.js";
import type { ProviderProfile } from "../profiles/types.js";
import { collectEnvironmentContext, type EnvironmentContext } from "../prompts/environment-context.js";
import { discoverProjectDocs, type ProjectDocs } from "../prompts/project-docs.js";
import { scopeEnvironment } from "../subagents/scoped-environment.js";
import { SubagentManager } from "../subagents/subagent-manager.js";
import { SUBAGENT_TOOL_NAMES } from "../subagents/subagent-tools.js";
import type { SpawnRequest } from "../subagents/types.js";
import { type LoopHost, processInput } from "./agentic-loop.js";
import { SessionStateError } from "./errors.js";
import { SessionEventEmitter } from "./event-emitter.js";
import type { SessionEvent, SessionEventBody, SessionEventListener } from "./events.js";
import { resolveSessionConfig, type SessionConfig, type SessionState, type SubmitResult, type Turn } from "./types.js";

/** Options of {@link Session}. */
export interface SessionOptions {
  /** The unified LLM client; requests go to the adapter named by `profile.id`. */
  client: Client;
  profile: ProviderProfile;
  /** Where tools run. The session never initializes or cleans it up: the host owns it. */
  environment: ExecutionEnvironment;
  /** Overrides of the §2.2 defaults. */
  config?: Partial<SessionConfig>;
  /** Session id (default: a random UUID). */
  id?: string;
  /** Aborting it aborts the session (same as `abort()`). */
  signal?: AbortSignal;
  /** Receives every event, from `session_start` on (the injected sink). */
  onEvent?: SessionEventListener;
  /** Retries of retryable LLM errors before any output was delivered. Default: llm's DEFAULT_RETRY_POLICY. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Stream (true) or not (false) regardless of `profile.supportsStreaming`. */
  streaming?: boolean;
  /** Nesting depth: 0 for a root session (set by the subagent machinery). */
  depth?: number;
  /** The spawning session's id (subagents). */
  parentSessionId?: string;
  /** The clock, for event timestamps and the environment block's date. */
  now?: () => Date;
}

/** How long shutdown waits for killed tool executions to settle, ms (SIGTERM + 2 s + SIGKILL). */
const TOOL_SHUTDOWN_GRACE_MS = 3000;

/**
 * §2.1 a coding-agent session. Drive it with `submit()`; observe it with `events()`,
 * `subscribe()` or `onEvent`; redirect it with `steer()`/`followUp()`; stop it with `abort()` or
 * `close()`. LLM and tool failures never reject `submit()`: they are events and results.
 */
export class Session {
  readonly id: string;
  readonly client: Client;
  readonly environment: ExecutionEnvironment;
  /** The active profile (a fork without subagent tools when this session may not spawn). */
  readonly profile: ProviderProfile;
  /** §2.2 live configuration: changes apply to the next LLM call. */
  readonly config: SessionConfig;
  /** 0 for a root session. */
  readonly depth: number;
  readonly parentSessionId: string | undefined;
  /** §7 this session's subagents. */
  readonly subagents: SubagentManager;
  private currentState: SessionState = "idle";
  private readonly turns: Turn[] = [];
  private readonly steeringQueue: string[] = [];
  private readonly followupQueue: string[] = [];
  private readonly emitter: SessionEventEmitter;
  private readonly controller = new AbortController();
  private readonly retryPolicy: Partial<RetryPolicy>;
  private readonly streaming: boolean | undefined;
  private readonly now: () => Date;
  private readonly inFlight = new Set<Promise<unknown>>();
  private started = false;
  private environmentContext: EnvironmentContext | undefined;
  private projectDocs: ProjectDocs = { docs: [], truncated: false };
  private processing: Promise<SubmitResult> | undefined;
  private closing: Promise<void> | undefined;
  private closeReason: "closed" | "aborted" = "aborted";
  private detachSignal: (() => void) | undefined;

  constructor(options: SessionOptions) {
    this.id = options.id ?? randomUUID();
    this.client = options.client;
    this.environment = options.environment;
    this.config = resolveSessionConfig(options.config);
    this.depth = options.depth ?? 0;
    this.parentSessionId = options.parentSessionId;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.streaming = options.streaming;
    this.now = options.now ?? (() => new Date());
    const mayNotSpawn = this.depth >= this.config.maxSubagentDepth;
    const hasSubagentTools = SUBAGENT_TOOL_NAMES.some((name) => options.profile.toolRegistry.get(name));
    this.profile =
      mayNotSpawn && hasSubagentTools ? options.profile.fork({ withoutTools: SUBAGENT_TOOL_NAMES }) : options.profile;
    this.emitter = new SessionEventEmitter(this.id, this.now);
    if (options.onEvent) this.emitter.subscribe(options.onEvent);
    this.subagents = new SubagentManager({
      depth: this.depth,
      maxDepth: () => this.config.maxSubagentDepth,
      create: (request) => this.createSubagent(request),
      onEvent: (agentId, event) => this.emit({ type: "subagent_event", agentId, event }),
    });
    if (options.signal) {
      const signal = options.signal;
      const onAbort = () => void this.abort(signal.reason);
      if (signal.aborted) queueMicrotask(onAbort);
      else signal.addEventListener("abort", onAbort, { once: true });
      this.detachSignal = () => signal.removeEventListener("abort", onAbort);
    }
  }

  /** §2.3 the lifecycle state. */
  get state(): SessionState {
    return this.currentState;
  }

  /** §2.4 the conversation so far (read-only view). */
  get history(): readonly Turn[] {
    return this.turns;
  }

  /** Aborted when the session is aborted or closed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * §2.5 processes `input` (then any queued follow-ups) through the agentic loop and resolves
   * when the session is idle, awaiting input, or closed. The first call emits `session_start` and
   * snapshots the environment context and project docs (§6.3-6.5).
   * @throws SessionStateError when the session is processing (use steer/followUp) or closed.
   */
  async submit(input: string): Promise<SubmitResult> {
    if (this.currentState === "closed" || this.closing) {
      throw new SessionStateError({ message: "the session is closed", state: this.currentState });
    }
    if (this.currentState === "processing") {
      throw new SessionStateError({
        message: "the session is processing; use steer() or followUp() to add input",
        state: this.currentState,
      });
    }
    this.currentState = "processing";
    // Started on the next microtask so `processing` is set before any listener can call abort().
    const run = Promise.resolve().then(() => this.run(input));
    this.processing = run;
    try {
      return await run;
    } finally {
      this.processing = undefined;
    }
  }

  /**
   * §2.6 queues `message` for injection after the current tool round (as a SteeringTurn, sent as
   * user input). If the model's answer turns out to have no tool calls, the message is injected and
   * the model continues rather than stopping. When idle it is delivered on the next submit().
   * @throws SessionStateError when closed.
   */
  steer(message: string): void {
    this.assertOpen();
    this.steeringQueue.push(message);
  }

  /**
   * §2.6 queues `message` to be processed as new input after the current input completes (within
   * the same submit()). When idle it waits for the next submit().
   * @throws SessionStateError when closed.
   */
  followUp(message: string): void {
    this.assertOpen();
    this.followupQueue.push(message);
  }

  /** §2.7 sets the reasoning effort of the next LLM call (null = provider default). */
  setReasoningEffort(effort: ReasoningEffort | null): void {
    this.config.reasoningEffort = effort;
  }

  /** §2.9 an async iterator over every later event; it ends after `session_end`. */
  events(): AsyncIterableIterator<SessionEvent> {
    return this.emitter.iterate();
  }

  /** §2.9 calls `listener` for every later event; returns the unsubscribe function. */
  subscribe(listener: SessionEventListener): () => void {
    return this.emitter.subscribe(listener);
  }

  /**
   * Appendix B graceful shutdown: cancels the in-flight LLM call, kills running commands (through
   * the tools' signal), closes subagents, emits `session_end` and moves to `closed`. Resolves when
   * done; idempotent. A pending submit() resolves with stopReason `aborted`.
   */
  abort(reason?: unknown): Promise<void> {
    if (this.closing) return this.closing;
    this.closeReason = "aborted";
    return this.stop(reason);
  }

  /** §2.3 closes the session (aborting any processing first). Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closeReason = this.processing ? "aborted" : "closed";
    return this.stop(undefined);
  }

  private stop(reason: unknown): Promise<void> {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    if (this.processing) {
      const processing = this.processing;
      return processing.then(() => this.shutdown(this.closeReason));
    }
    return this.shutdown(this.closeReason);
  }

  private assertOpen(): void {
    if (this.currentState === "closed" || this.closing) {
      throw new SessionStateError({ message: "the session is closed", state: this.currentState });
    }
  }

  private emit(body: SessionEventBody): void {
    this.emitter.emit(body);
  }

  private async run(input: string): Promise<SubmitResult> {
    let outcome: Omit<SubmitResult, "state">;
    let fatal = false;
    try {
      await this.start();
      const host = this.loopHost();
      outcome = await processInput(host, input);
      while (!host.fatal && outcome.stopReason !== "aborted" && this.followupQueue.length > 0) {
        outcome = await processInput(host, this.followupQueue.shift() as string);
      }
      fatal = host.fatal;
    } catch (error) {
      // A bug or a broken environment: report it and close rather than leave the session stuck.
      const message = error instanceof Error ? error.message : String(error);
      this.emit({ type: "error", error: { name: errorName(error), message, retryable: false }, fatal: true });
      outcome = { stopReason: "error", text: "", toolRounds: 0, turnsUsed: 0, error };
      fatal = true;
    }
    if (fatal || outcome.stopReason === "aborted" || this.controller.signal.aborted) {
      this.emit({ type: "processing_end", state: "closed", stopReason: outcome.stopReason });
      await this.shutdown(fatal ? "error" : this.closeReason);
    } else {
      this.currentState = outcome.stopReason === "awaiting_input" ? "awaiting_input" : "idle";
      this.emit({ type: "processing_end", state: this.currentState, stopReason: outcome.stopReason });
    }
    return { ...outcome, state: this.currentState };
  }

  /** Emits `session_start` and snapshots the environment and project docs, once. */
  private async start(): Promise<void> {
    if (this.started) return;
    this.emitSessionStart();
    this.environmentContext = await collectEnvironmentContext(
      this.environment,
      {
        model: this.profile.model,
        modelDisplayName: this.profile.modelDisplayName,
        ...(this.profile.knowledgeCutoff ? { knowledgeCutoff: this.profile.knowledgeCutoff } : {}),
      },
      this.now(),
    );
    this.projectDocs = await discoverProjectDocs(this.environment, {
      fileNames: this.profile.projectDocFiles,
      ...(this.environmentContext.git ? { gitRoot: this.environmentContext.git.root } : {}),
    });
  }

  private emitSessionStart(): void {
    this.started = true;
    this.emit({
      type: "session_start",
      provider: this.profile.id,
      model: this.profile.model,
      workingDirectory: this.environment.workingDirectory(),
      depth: this.depth,
      ...(this.parentSessionId ? { parentSessionId: this.parentSessionId } : {}),
    });
  }

  private loopHost(): LoopHost {
    const environmentContext = this.environmentContext as EnvironmentContext;
    return {
      fatal: false,
      client: this.client,
      profile: this.profile,
      config: this.config,
      history: this.turns,
      signal: this.controller.signal,
      streaming: this.streaming ?? this.profile.supportsStreaming,
      retryPolicy: this.retryPolicy,
      inFlight: this.inFlight,
      systemPrompt: () =>
        this.profile.buildSystemPrompt(environmentContext, this.projectDocs, this.config.userInstructions),
      toolContext: () => ({
        env: this.environment,
        signal: this.controller.signal,
        defaultCommandTimeoutMs: this.profile.defaultCommandTimeoutMs ?? this.config.defaultCommandTimeoutMs,
        maxCommandTimeoutMs: this.config.maxCommandTimeoutMs,
        subagents: this.subagents,
      }),
      takeSteering: () => this.steeringQueue.splice(0),
      emit: (body) => this.emit(body),
      now: () => this.now().toISOString(),
    };
  }

  /** Appendix B steps 1-8 (the in-flight call and tools were cancelled by the abort signal). */
  private shutdown(reason: "closed" | "aborted" | "error"): Promise<void> {
    this.closing ??= (async () => {
      if (!this.controller.signal.aborted) this.controller.abort();
      if (!this.started) this.emitSessionStart();
      await settleWithin([...this.inFlight], TOOL_SHUTDOWN_GRACE_MS);
      await this.subagents.closeAll();
      this.detachSignal?.();
      this.currentState = "closed";
      this.emit({ type: "session_end", state: "closed", reason });
    })();
    return this.closing;
  }

  private createSubagent(request: SpawnRequest): Session {
    const profile = request.model ? this.profile.fork({ model: request.model }) : this.profile.fork();
    const environment = request.workingDir ? scopeEnvironment(this.environment, request.workingDir) : this.environment;
    return new Session({
      client: this.client,
      profile,
      environment,
      config: { ...this.config, maxTurns: request.maxTurns ?? 0 },
      retryPolicy: this.retryPolicy,
      ...(this.streaming !== undefined ? { streaming: this.streaming } : {}),
      depth: this.depth + 1,
      parentSessionId: this.id,
      now: this.now,
    });
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "Error";
}

async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
