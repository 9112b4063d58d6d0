/**
 * The coding-agent backend of codergen stages (attractor-spec §4.5 CodergenBackend, §1.4): each
 * stage runs an agent session (coding-agent-loop-spec §2) in the run's working directory, on the
 * provider, model and reasoning effort the node resolves to (§8). Context fidelity (§5.4): with
 * `full` fidelity, stages of one thread continue the same session and its history; otherwise a
 * fresh session starts with the carry-over preamble. The agent may decide the outcome by writing
 * `status.json` in the stage directory (Appendix C; the engine reads it); tool hooks run around
 * each tool call (§9.7); cancelling the run aborts the session and kills its commands; every
 * event is recorded into the stage's context when the run is recorded.
 * @module
 */
import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LocalExecutionEnvironment, Session, type SessionConfig, type SubmitResult } from "@darkfactory/agent";
import type { CodergenBackend, CodergenRunOptions, Context, Node, Outcome } from "@darkfactory/attractor";
import type { SessionRecorder } from "@darkfactory/cxdb";
import {
  type AgentProviders,
  type AgentTarget,
  createAgentProfile,
  resolveTarget,
  type TargetRequest,
} from "./providers.js";
import { recordSessionEvents } from "./record-session.js";
import { type BindingHolder, bindEnvironment, withToolHooks } from "./stage-binding.js";
import { stageInput } from "./stage-input.js";

/** Characters of the response kept in `last_response` (attractor-spec §4.5). */
const LAST_RESPONSE_CHARS = 200;

/** Options of {@link AgentCodergenBackend}. */
export interface AgentBackendOptions {
  /** The unified client and the providers it can reach. */
  providers: AgentProviders;
  /** Provider, model and reasoning effort of nodes that do not set their own (`--provider`, `--model`). */
  defaults?: TargetRequest;
  /** The run's working directory (`--cwd`): where the agent's tools work. */
  workDir: string;
  /** The run directory: the agent may also write there (status.json in its stage directory). */
  logsRoot?: string;
  /** Environment of the agent's commands (secrets are filtered out) and of tool hooks. */
  env: Readonly<Record<string, string | undefined>>;
  /** The recorder of the codergen stage `nodeId` running now (PipelineRecording.stageSession). */
  stageRecorder?: (nodeId: string, branch: string | undefined) => SessionRecorder | undefined;
  /** Session configuration overrides (turn limits, timeouts...). */
  sessionConfig?: Partial<SessionConfig>;
}

/** A session kept for a thread (§5.4). */
interface ThreadEntry {
  session: Session;
  holder: BindingHolder;
  target: AgentTarget;
  busy: boolean;
}

/** A session lent to one stage execution. */
interface Lease {
  session: Session;
  holder: BindingHolder;
  /** Continuing a thread's session (its history is carried). */
  reused: boolean;
  release(): Promise<void>;
}

/** The CodergenBackend that runs coding agents. Call {@link close} when the run is over. */
export class AgentCodergenBackend implements CodergenBackend {
  readonly #options: AgentBackendOptions;
  readonly #environment: LocalExecutionEnvironment;
  readonly #threads = new Map<string, ThreadEntry>();
  readonly #live = new Set<Session>();
  #ready: Promise<void> | undefined;
  #closed = false;

  constructor(options: AgentBackendOptions) {
    this.#options = options;
    this.#environment = new LocalExecutionEnvironment({
      workingDir: options.workDir,
      ...(options.logsRoot !== undefined ? { allowedRoots: [options.logsRoot] } : {}),
      baseEnv: options.env,
    });
  }

  /** What a node runs on (its attributes, then the defaults); warnings say what could not be honoured. */
  targetOf(node: Node): AgentTarget {
    return this.targetFor({
      provider: node.attrs.get("llm_provider"),
      model: node.attrs.get("llm_model"),
      reasoningEffort: node.attrs.get("reasoning_effort"),
    });
  }

  /** What a request resolves to over the defaults (`{}`: the defaults themselves). */
  targetFor(request: TargetRequest): AgentTarget {
    return resolveTarget(request, this.#options.defaults ?? {}, this.#options.providers.configured);
  }

  /**
   * Runs the stage's agent session. Resolves to the final response text (the engine writes
   * response.md and a status.json written by the agent overrides the success), or to a FAIL
   * Outcome when the agent stopped at a turn limit or the context window.
   * @throws the LLM error that stopped the session (its `retryable` drives the node's retry
   *   policy), or the cancellation reason when the run was cancelled.
   */
  async run(node: Node, prompt: string, _context: Context, options: CodergenRunOptions): Promise<string | Outcome> {
    if (this.#closed) throw new Error("the agent backend is closed");
    const target = this.targetOf(node);
    for (const message of target.warnings)
      options.emit({ type: "stage_log", nodeId: node.id, level: "warning", message });
    this.#ready ??= this.#environment.initialize();
    await this.#ready;
    const lease = this.#acquire(target, options);
    const { session } = lease;
    lease.holder.current = {
      nodeId: node.id,
      stageDir: options.stageDir,
      hooks: options.toolHooks,
      emit: options.emit,
    };
    options.emit({
      type: "stage_log",
      nodeId: node.id,
      level: "info",
      message: `agent ${target.provider}/${target.model}${target.reasoningEffort ? ` (${target.reasoningEffort} effort)` : ""}${lease.reused ? `, continuing thread ${options.threadId}` : ""}`,
    });
    const unsubscribe = [session.subscribe(stageEventLog(options.stageDir))];
    const recorder = this.#options.stageRecorder?.(node.id, options.branchPath);
    if (recorder !== undefined) unsubscribe.push(session.subscribe(recordSessionEvents(recorder)));
    const onAbort = () => void session.abort(options.signal.reason);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });
    let result: SubmitResult;
    try {
      const input = stageInput({
        node,
        graph: options.graph,
        prompt,
        preamble: lease.reused ? "" : options.preamble,
        stageDir: options.stageDir,
        workDir: this.#options.workDir,
      });
      result = await session.submit(input);
    } finally {
      options.signal.removeEventListener("abort", onAbort);
      for (const off of unsubscribe) off();
      lease.holder.current = undefined;
      await lease.release();
    }
    return outcomeOf(node, result, options);
  }

  /** Aborts every session (killing their commands) at once, for a forced exit. Never throws. */
  interrupt(): void {
    for (const session of this.#live) void session.abort("interrupted").catch(() => undefined);
    void this.#environment.cleanup().catch(() => undefined);
  }

  /** Closes every session and the execution environment. Idempotent; never rejects. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#live].map((session) => session.close()));
    this.#threads.clear();
    await this.#environment.cleanup().catch(() => undefined);
  }

  /**
   * §5.4 the session for one stage execution: a thread's idle session when fidelity is `full`
   * and it runs on the same provider and model; otherwise a fresh one (kept for the thread when
   * fidelity is `full`, closed after the stage otherwise or when the thread's session is busy in
   * a parallel branch).
   */
  #acquire(target: AgentTarget, options: CodergenRunOptions): Lease {
    const threadId = options.fidelity === "full" ? options.threadId : undefined;
    const entry = threadId !== undefined ? this.#threads.get(threadId) : undefined;
    if (
      entry !== undefined &&
      !entry.busy &&
      entry.session.state !== "closed" &&
      entry.target.provider === target.provider &&
      entry.target.model === target.model
    ) {
      entry.busy = true;
      entry.session.setReasoningEffort(target.reasoningEffort ?? null);
      return {
        session: entry.session,
        holder: entry.holder,
        reused: true,
        release: async () => {
          entry.busy = false;
        },
      };
    }
    const { session, holder } = this.#createSession(target);
    if (threadId !== undefined && (entry === undefined || !entry.busy)) {
      if (entry !== undefined) void this.#retire(entry.session);
      const fresh: ThreadEntry = { session, holder, target, busy: true };
      this.#threads.set(threadId, fresh);
      return {
        session,
        holder,
        reused: false,
        release: async () => {
          fresh.busy = false;
        },
      };
    }
    return { session, holder, reused: false, release: () => this.#retire(session) };
  }

  #createSession(target: AgentTarget): { session: Session; holder: BindingHolder } {
    const holder: BindingHolder = { current: undefined };
    const site = { cwd: this.#options.workDir, env: this.#options.env as NodeJS.ProcessEnv };
    const session = new Session({
      client: this.#options.providers.client,
      profile: withToolHooks(createAgentProfile(target.provider, target.model), holder, site),
      environment: bindEnvironment(this.#environment, holder),
      config: { ...this.#options.sessionConfig, reasoningEffort: target.reasoningEffort ?? null },
    });
    this.#live.add(session);
    return { session, holder };
  }

  async #retire(session: Session): Promise<void> {
    this.#live.delete(session);
    await session.close().catch(() => undefined);
  }
}

/**
 * The stage's result from how the session stopped: the text on natural completion; a FAIL
 * Outcome (with response.md written) at a turn limit or context overflow; the error otherwise.
 */
function outcomeOf(node: Node, result: SubmitResult, options: CodergenRunOptions): string | Outcome {
  switch (result.stopReason) {
    case "completed":
    case "awaiting_input":
      return result.text;
    case "aborted":
      throw options.signal.aborted ? abortError(options.signal.reason) : new Error("the agent session was aborted");
    case "error":
      throw result.error instanceof Error ? result.error : new Error(String(result.error ?? "the agent failed"));
    default: {
      writeFileSync(path.join(options.stageDir, "response.md"), result.text);
      const why =
        result.stopReason === "context_length"
          ? "the conversation no longer fits the model's context window"
          : `the agent reached its ${result.stopReason === "max_turns" ? "turn" : "tool round"} limit`;
      return {
        status: "fail",
        failureReason: `${node.id}: ${why}`,
        contextUpdates: { last_stage: node.id, last_response: result.text.slice(0, LAST_RESPONSE_CHARS) },
      };
    }
  }
}

function abortError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(typeof reason === "string" ? reason : "cancelled");
}

/**
 * Appends the session's events (not the deltas: the `_end` events carry the whole) to
 * `{stageDir}/agent.ndjson`, so a run directory tells what the agent did even without a store.
 */
function stageEventLog(stageDir: string): (event: { type: string }) => void {
  const file = path.join(stageDir, "agent.ndjson");
  return (event) => {
    if (event.type.endsWith("_delta")) return;
    try {
      appendFileSync(file, `${JSON.stringify(event)}\n`);
    } catch {
      // The log is a convenience; the stage goes on without it.
    }
  };
}
