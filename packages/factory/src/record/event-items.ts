/**
 * Engine events as `cxdb.ConversationItem` turns. ConversationItem has no pipeline-event variant,
 * so an event is a `system` item (CXDB's variant for events that are not conversation): `kind`
 * info/warning/error by severity, `title` one human line, `content` the event exactly as the
 * engine emitted it (JSON, the same object `--json` prints), `id` the event type, `timestamp` the
 * event's `ts`, `status` `error`/`cancelled` for a failed/cancelled pipeline or stage. A human's
 * answer at a gate is what people typed or picked, so it is also recorded as `user_input`.
 * @module
 */
import { formatDuration, type PipelineEvent, stripAcceleratorPrefix } from "@darkfactory/attractor";
import { type ConversationItem, type ItemStatus, type SystemKind, systemItem, userInputItem } from "@darkfactory/cxdb";

/** The turns one engine event is recorded as (most events: one `system` item). */
export function pipelineEventItems(event: PipelineEvent): ConversationItem[] {
  const { kind, title, status } = describe(event);
  const parsed = Date.parse(event.ts);
  const stamp = Number.isFinite(parsed) ? { timestampMs: parsed } : {};
  const items = [systemItem(kind, JSON.stringify(event), { id: event.type, title, status, ...stamp })];
  if (event.type === "interview_completed") {
    items.push(userInputItem(answerText(event.answer), { id: "interview_answer", ...stamp }));
  }
  return items;
}

interface Description {
  kind: SystemKind;
  title: string;
  status: ItemStatus;
}

function info(title: string): Description {
  return { kind: "info", title, status: "complete" };
}

function warning(title: string): Description {
  return { kind: "warning", title, status: "complete" };
}

/** Severity and one-line title of an event. */
function describe(event: PipelineEvent): Description {
  const where = (nodeId: string, branch: string | undefined): string => (branch ? `${branch}: ${nodeId}` : nodeId);
  switch (event.type) {
    case "pipeline_started":
      return info(
        event.resumedFrom
          ? `pipeline ${event.name} resumed (${event.nodeCount} nodes${event.simulated ? ", simulated" : ""})`
          : `pipeline ${event.name} started (${event.nodeCount} nodes${event.simulated ? ", simulated" : ""})`,
      );
    case "pipeline_completed":
      return info(
        `pipeline completed: ${event.outcome.status} in ${formatDuration(event.durationMs)} (${event.completedNodes.join(" -> ")})`,
      );
    case "pipeline_failed":
      return { kind: "error", title: `pipeline failed: ${event.error}`, status: "error" };
    case "pipeline_cancelled":
      return {
        kind: "warning",
        title: `pipeline cancelled at ${event.currentNode}: ${event.reason}`,
        status: "cancelled",
      };
    case "stage_started":
      return info(
        `stage ${where(event.nodeId, event.branch)} started (${event.handlerType}, attempt ${event.attempt})`,
      );
    case "stage_completed": {
      const o = event.outcome;
      const word = o.customOutcome ? `${o.status} (${o.customOutcome})` : o.status;
      const detail = o.failureReason ?? o.notes;
      const title = `stage ${where(event.nodeId, event.branch)} ${word} in ${formatDuration(event.durationMs)}${detail ? `: ${detail}` : ""}`;
      if (o.status === "fail") return { kind: "error", title, status: "error" };
      return o.status === "success" || o.status === "skipped" ? info(title) : warning(title);
    }
    case "stage_failed": {
      const title = `stage ${where(event.nodeId, event.branch)} failed (attempt ${event.attempt}): ${event.error}${event.willRetry ? " — will retry" : ""}`;
      return { kind: event.willRetry ? "warning" : "error", title, status: "error" };
    }
    case "stage_retrying":
      return warning(
        `stage ${where(event.nodeId, event.branch)} retrying: attempt ${event.attempt} in ${formatDuration(event.delayMs)}`,
      );
    case "edge_selected":
      return info(`edge ${event.from} -> ${event.to}${event.label ? ` [${event.label}]` : ""} (${event.reason})`);
    case "goal_gate_unsatisfied":
      return warning(
        `goal gate ${event.nodeId} unsatisfied${event.retryTarget ? `: back to ${event.retryTarget}` : ""}`,
      );
    case "loop_restart":
      return info(`loop restart #${event.restartCount}: ${event.from} -> ${event.to}`);
    case "parallel_started":
      return info(`parallel ${where(event.nodeId, event.branch)}: ${event.branchCount} branches`);
    case "parallel_branch_started":
      return info(`branch ${event.branchId} of ${event.nodeId} started`);
    case "parallel_branch_completed":
      return (event.success ? info : warning)(
        `branch ${event.branchId} of ${event.nodeId} ${event.success ? "succeeded" : "failed"} in ${formatDuration(event.durationMs)}`,
      );
    case "parallel_completed":
      return (event.failureCount === 0 ? info : warning)(
        `parallel ${event.nodeId} joined: ${event.successCount} succeeded, ${event.failureCount} failed`,
      );
    case "interview_started":
      return info(`question at ${event.stage}: ${event.question.text}`);
    case "interview_completed":
      return info(`answer at ${event.question.stage}: ${answerText(event.answer)}`);
    case "interview_timeout":
      return warning(`question at ${event.stage} timed out after ${formatDuration(event.durationMs)}`);
    case "checkpoint_saved":
      return info(`checkpoint saved after ${event.nodeId}`);
    case "stage_log":
      return (event.level === "warning" ? warning : info)(`${where(event.nodeId, event.branch)}: ${event.message}`);
    default: {
      const never: never = event;
      return info(`event ${(never as { type: string }).type}`);
    }
  }
}

/** What a human answered, as they would read it: the option's label, the free text, or the value. */
function answerText(answer: { value: string; selectedOption?: { label: string }; text?: string }): string {
  if (answer.selectedOption) return stripAcceleratorPrefix(answer.selectedOption.label);
  if (answer.text !== undefined && answer.text !== "") return answer.text;
  return answer.value;
}
