/**
 * The subagent tools (coding-agent-loop-spec §7.2): `spawn_agent`, `send_input`, `wait` and
 * `close_agent`. They find the calling session's SubagentManager in the ToolContext, so one
 * registry can serve many sessions; their outputs are JSON for the model.
 * @module
 */
import type { RegisteredTool, ToolContext } from "../tools/types.js";
import type { SubagentManager } from "./subagent-manager.js";
import type { SubagentToolContext } from "./types.js";

/** §7.2 the subagent tool names. */
export const SUBAGENT_TOOL_NAMES: readonly string[] = Object.freeze([
  "spawn_agent",
  "send_input",
  "wait",
  "close_agent",
]);

function managerOf(context: ToolContext): SubagentManager {
  const manager = (context as SubagentToolContext).subagents;
  if (!manager) throw new Error("Subagents are not available in this session.");
  return manager;
}

const agentId = { type: "string", description: "The id returned by spawn_agent." };

/** §7.2 `spawn_agent`: starts a child session on a task; returns its id and status. */
export function createSpawnAgentTool(): RegisteredTool {
  return {
    definition: {
      name: "spawn_agent",
      description:
        "Spawn a subagent to handle a scoped task autonomously. It shares your filesystem but has its own " +
        "conversation; it starts working at once. Collect its result with wait.",
      parameters: {
        type: "object",
        properties: {
          task: { type: "string", description: "Complete, self-contained description of the task." },
          working_dir: { type: "string", description: "Subdirectory of the working directory to scope the agent to." },
          model: { type: "string", description: "Model override (default: your model)." },
          max_turns: {
            type: "integer",
            minimum: 0,
            description: "Turn limit for the subagent (default 0 = unlimited).",
          },
        },
        required: ["task"],
        additionalProperties: false,
      },
    },
    executor: async (args, context) => {
      const handle = managerOf(context).spawn({
        task: String(args.task),
        ...(typeof args.working_dir === "string" ? { workingDir: args.working_dir } : {}),
        ...(typeof args.model === "string" ? { model: args.model } : {}),
        ...(typeof args.max_turns === "number" ? { maxTurns: args.max_turns } : {}),
      });
      return JSON.stringify({ agent_id: handle.id, status: handle.status });
    },
  };
}

/** §7.2 `send_input`: a message to a subagent (steers it while it works, restarts it when idle). */
export function createSendInputTool(): RegisteredTool {
  return {
    definition: {
      name: "send_input",
      description: "Send a message to a running subagent.",
      parameters: {
        type: "object",
        properties: { agent_id: agentId, message: { type: "string", description: "The message to send." } },
        required: ["agent_id", "message"],
        additionalProperties: false,
      },
    },
    executor: async (args, context) => managerOf(context).sendInput(String(args.agent_id), String(args.message)),
  };
}

/** §7.2 `wait`: blocks until the subagent finishes its current work; returns its result. */
export function createWaitTool(): RegisteredTool {
  return {
    definition: {
      name: "wait",
      description: "Wait for a subagent to complete and return its result (output, success, turns used).",
      parameters: {
        type: "object",
        properties: { agent_id: agentId },
        required: ["agent_id"],
        additionalProperties: false,
      },
    },
    executor: async (args, context) => {
      const id = String(args.agent_id);
      const manager = managerOf(context);
      const result = await manager.wait(id, context.signal);
      return JSON.stringify({
        agent_id: id,
        status: manager.get(id)?.status ?? "completed",
        success: result.success,
        turns_used: result.turnsUsed,
        output: result.output,
      });
    },
  };
}

/** §7.2 `close_agent`: terminates a subagent; returns its final status. */
export function createCloseAgentTool(): RegisteredTool {
  return {
    definition: {
      name: "close_agent",
      description: "Terminate a subagent.",
      parameters: {
        type: "object",
        properties: { agent_id: agentId },
        required: ["agent_id"],
        additionalProperties: false,
      },
    },
    executor: async (args, context) => {
      const id = String(args.agent_id);
      const { status, result } = await managerOf(context).close(id);
      return JSON.stringify({ agent_id: id, status, output: result.output });
    },
  };
}

/** §7.2 the four subagent tools, for a profile's registry. */
export function createSubagentTools(): RegisteredTool[] {
  return [createSpawnAgentTool(), createSendInputTool(), createWaitTool(), createCloseAgentTool()];
}
