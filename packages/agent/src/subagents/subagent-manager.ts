/**
 * Owns a session's subagents (coding-agent-loop-spec §7): spawns child sessions (depth-limited by
 * `max_subagent_depth`), forwards input, waits for results and closes them.
 * @module
 */
import type { SessionEvent } from "../session/events.js";
import type { StopReason, SubmitResult } from "../session/types.js";
import type { SpawnRequest, SubAgentHandle, SubAgentResult, SubAgentStatus, SubagentSession } from "./types.js";

/** Options of {@link SubagentManager}. */
export interface SubagentManagerOptions {
  /** Depth of the owning session (0 = root). */
  depth: number;
  /** §2.2 `max_subagent_depth` (read at each spawn): children may be spawned only while depth < maxDepth. */
  maxDepth: () => number;
  /** Creates the child session (sharing the parent's environment and client). */
  create: (request: SpawnRequest) => SubagentSession;
  /** Receives every event of every child, with the child's id. */
  onEvent: (agentId: string, event: SessionEvent) => void;
}

interface Entry extends SubAgentHandle {
  /** The processing now under way (or last finished). */
  run: Promise<SubmitResult>;
  last: SubmitResult | undefined;
  unsubscribe: () => void;
}

const SUCCESS: ReadonlySet<StopReason> = new Set(["completed", "awaiting_input"]);
const FINISHED: ReadonlySet<StopReason> = new Set(["completed", "awaiting_input", "max_turns", "max_tool_rounds"]);

/** §7.3 the subagents of one session. Errors are thrown as `Error`s fit for the model. */
export class SubagentManager {
  private readonly agents = new Map<string, Entry>();

  constructor(private readonly options: SubagentManagerOptions) {}

  /** True when this session may spawn children (depth < max_subagent_depth). */
  get canSpawn(): boolean {
    return this.options.depth < this.options.maxDepth();
  }

  /**
   * §7.2 spawns a child session and starts it on `request.task` in the background.
   * @throws Error when the depth limit is reached or the task is empty.
   */
  spawn(request: SpawnRequest): SubAgentHandle {
    if (!this.canSpawn) {
      throw new Error(
        `Cannot spawn a subagent: the maximum subagent depth (${this.options.maxDepth()}) is reached at depth ${this.options.depth}.`,
      );
    }
    if (request.task.trim() === "") throw new Error("spawn_agent needs a non-empty task.");
    const session = this.options.create(request);
    const unsubscribe = session.subscribe((event) => this.options.onEvent(session.id, event));
    // `run` is set by start().
    const entry = {
      id: session.id,
      session,
      status: "running",
      task: request.task,
      last: undefined,
      unsubscribe,
    } as Entry;
    this.agents.set(entry.id, entry);
    this.start(entry, request.task);
    return entry;
  }

  /**
   * §7.2 `send_input`: steers a child that is working, or starts it on `message` when it is idle.
   * @returns an acknowledgement for the model.
   * @throws Error for an unknown or closed agent.
   */
  sendInput(agentId: string, message: string): string {
    const entry = this.entry(agentId);
    const state = entry.session.state;
    if (state === "closed") throw new Error(`Subagent ${agentId} is closed.`);
    if (state === "processing") {
      entry.session.steer(message);
      return `Message queued for subagent ${agentId}; it will see it after its current tool round.`;
    }
    this.start(entry, message);
    return `Subagent ${agentId} is working on the message.`;
  }

  /**
   * §7.2 `wait`: resolves when the child's current processing ends.
   * @throws Error for an unknown agent; AbortError-like Error when `signal` aborts first.
   */
  async wait(agentId: string, signal?: AbortSignal): Promise<SubAgentResult> {
    const entry = this.entry(agentId);
    let run: Promise<SubmitResult>;
    let result: SubmitResult;
    do {
      run = entry.run;
      result = await abortable(run, signal);
      // send_input may have started another run while we waited: wait for that one too.
    } while (entry.run !== run);
    return toResult(result);
  }

  /**
   * §7.2 `close_agent`: aborts and closes the child.
   * @returns its final status (`failed` when it was still running).
   * @throws Error for an unknown agent.
   */
  async close(agentId: string): Promise<{ status: SubAgentStatus; result: SubAgentResult }> {
    const entry = this.entry(agentId);
    if (entry.status === "running") entry.status = "failed";
    await entry.session.close();
    await entry.run.catch(() => undefined);
    entry.unsubscribe();
    this.agents.delete(agentId);
    return { status: entry.status, result: toResult(entry.last) };
  }

  /** Appendix B step 6: closes every child (on the parent's shutdown). Never throws. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.agents.keys()].map((id) => this.close(id).catch(() => undefined)));
  }

  /** The handle of a child, or undefined. */
  get(agentId: string): SubAgentHandle | undefined {
    return this.agents.get(agentId);
  }

  /** Every child not yet closed. */
  list(): SubAgentHandle[] {
    return [...this.agents.values()];
  }

  private start(entry: Entry, input: string): void {
    entry.status = "running";
    entry.run = entry.session.submit(input).then(
      (result) => {
        entry.last = result;
        if (entry.status === "running") entry.status = FINISHED.has(result.stopReason) ? "completed" : "failed";
        return result;
      },
      (error: unknown) => {
        entry.status = "failed";
        const text = error instanceof Error ? error.message : String(error);
        entry.last = { stopReason: "error", text, toolRounds: 0, turnsUsed: 0, state: entry.session.state, error };
        return entry.last;
      },
    );
  }

  private entry(agentId: string): Entry {
    const entry = this.agents.get(agentId);
    if (!entry) {
      const known = [...this.agents.keys()].join(", ") || "none";
      throw new Error(`Unknown subagent '${agentId}' (active: ${known}).`);
    }
    return entry;
  }
}

function toResult(result: SubmitResult | undefined): SubAgentResult {
  if (!result) return { output: "", success: false, turnsUsed: 0 };
  return { output: result.text, success: SUCCESS.has(result.stopReason), turnsUsed: result.turnsUsed };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Error("wait was aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("wait was aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
