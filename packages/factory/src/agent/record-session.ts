/**
 * Records a coding-agent session (coding-agent-loop-spec §2.9 events) into a context store, as
 * the cxdb README's "Recording an agent session" describes: `user_input` and `steering_injected`
 * are user input; `assistant_text_end` is an assistant turn (text, reasoning, tool calls, usage,
 * finish reason); `tool_call_end` is a tool result with the full output; `warning`, `error`,
 * `turn_limit` and `loop_detection` are system turns; each subagent's events go to a child
 * context (spawn reason `sub_agent`). Deltas are not recorded: the `_end` events carry the whole.
 * @module
 */
import type { SessionEvent, SessionEventListener } from "@darkfactory/agent";
import type { SessionRecorder, SystemKind, TurnMetrics } from "@darkfactory/cxdb";

/** Spawn reason of a subagent's context (provenance tag 2). */
export const SUBAGENT_SPAWN_REASON = "sub_agent";

/**
 * A listener that records every event it receives into `recorder` (subagents into children of
 * it). Never throws: the recorder never does, and unknown events are ignored.
 */
export function recordSessionEvents(recorder: SessionRecorder): SessionEventListener {
  const children = new Map<string, SessionEventListener>();
  const record = (event: SessionEvent): void => {
    const stamp = timestampOf(event);
    switch (event.type) {
      case "user_input":
        recorder.userInput(event.content, { ...stamp });
        break;
      case "steering_injected":
        recorder.userInput(event.content, { id: event.source === "steer" ? "steering" : "loop_detection", ...stamp });
        break;
      case "assistant_text_end":
        recorder.assistantTurn(
          {
            text: event.text,
            ...(event.reasoning ? { reasoning: event.reasoning } : {}),
            toolCalls: event.toolCalls.map((call) => ({
              id: call.id,
              name: call.name,
              args: JSON.stringify(call.arguments ?? {}),
              status: "pending",
            })),
            metrics: metricsOf(event),
            finishReason: event.incomplete ? "incomplete" : event.finishReason.reason,
          },
          { ...stamp, ...(event.incomplete ? { status: "error" } : {}) },
        );
        break;
      case "tool_call_end":
        recorder.toolResult(
          { callId: event.callId, content: event.output, isError: event.isError, durationMs: event.durationMs },
          { ...stamp, ...(event.isError ? { status: "error" } : {}) },
        );
        break;
      case "warning":
        recorder.system("warning", event.message, { title: `warning: ${event.code}`, ...stamp });
        break;
      case "error":
        recorder.system("error", event.error.message, {
          title: `${event.fatal ? "fatal " : ""}error: ${event.error.name}`,
          ...stamp,
        });
        break;
      case "turn_limit":
        recorder.system("warning", JSON.stringify(event), {
          title: `turn limit reached: ${event.limit} (round ${event.round}, ${event.totalTurns} turns)`,
          ...stamp,
        });
        break;
      case "loop_detection":
        recorder.system("guardrail" satisfies SystemKind, event.message, { title: "loop detected", ...stamp });
        break;
      case "subagent_event": {
        let child = children.get(event.agentId);
        if (child === undefined) {
          child = recordSessionEvents(
            recorder.child({
              spawnReason: SUBAGENT_SPAWN_REASON,
              title: `subagent ${event.agentId}`,
              labels: ["agent", "subagent"],
              custom: { agent_id: event.agentId },
            }),
          );
          children.set(event.agentId, child);
        }
        child(event.event);
        break;
      }
      default:
        break;
    }
  };
  return (event) => {
    try {
      record(event);
    } catch {
      // A recording must never break the session it records.
    }
  };
}

/** CXDB's metrics from an assistant turn's usage. */
function metricsOf(event: Extract<SessionEvent, { type: "assistant_text_end" }>): TurnMetrics {
  const usage = event.usage;
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.totalTokens,
    ...(usage.cacheReadTokens !== undefined ? { cachedTokens: usage.cacheReadTokens } : {}),
    ...(usage.reasoningTokens !== undefined ? { reasoningTokens: usage.reasoningTokens } : {}),
    model: event.model,
  };
}

function timestampOf(event: SessionEvent): { timestampMs?: number } {
  const ms = Date.parse(event.timestamp);
  return Number.isFinite(ms) ? { timestampMs: ms } : {};
}
