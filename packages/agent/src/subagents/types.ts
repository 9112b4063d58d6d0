/**
 * Subagent records (coding-agent-loop-spec §7.2-7.3): status, handle, result, and the slice of a
 * Session the manager drives (so this folder does not import the session module).
 * @module
 */
import type { SessionEventListener } from "../session/events.js";
import type { SessionState, SubmitResult } from "../session/types.js";
import type { ToolContext } from "../tools/types.js";
import type { SubagentManager } from "./subagent-manager.js";

/** §7.3 where a subagent is. */
export type SubAgentStatus = "running" | "completed" | "failed";

/** §7.3 what `wait` returns. */
export interface SubAgentResult {
  /** Final text output of the subagent's last assistant turn. */
  output: string;
  /** True when its last input ended naturally (the model finished). */
  success: boolean;
  /** Assistant turns the subagent used. */
  turnsUsed: number;
}

/** What the manager needs from a child Session. */
export interface SubagentSession {
  readonly id: string;
  readonly state: SessionState;
  /** Runs the agentic loop for `input`; never rejects for LLM or tool failures. */
  submit(input: string): Promise<SubmitResult>;
  /** Queues a message injected after the current tool round. */
  steer(message: string): void;
  /** Aborts any processing and closes the session. */
  close(): Promise<void>;
  subscribe(listener: SessionEventListener): () => void;
}

/** §7.2 `spawn_agent` parameters. */
export interface SpawnRequest {
  /** Natural-language task: the subagent's first input. */
  task: string;
  /** Subdirectory (relative to the parent's working directory) the subagent is scoped to. */
  workingDir?: string;
  /** Model override (default: the parent's model). */
  model?: string;
  /** Turn limit of the subagent (default 0, unlimited). */
  maxTurns?: number;
}

/** §7.3 a running or finished subagent. */
export interface SubAgentHandle {
  id: string;
  session: SubagentSession;
  status: SubAgentStatus;
  /** The task it was spawned with. */
  task: string;
}

/**
 * The ToolContext the session passes to executors: the subagent tools find their manager here, so
 * one tool registry can serve many sessions.
 */
export interface SubagentToolContext extends ToolContext {
  subagents?: SubagentManager;
}
