/**
 * Executes one node with its retry policy (attractor-spec §3.5): builds the handler's runtime,
 * applies the node timeout, honours the status-file contract (Appendix C), writes status.json,
 * and emits stage events.
 * @module
 */

import type { FidelityMode, StageRuntime } from "../handlers/types.js";
import { handlerTypeOf, labelOf, readBool, readDurationMs } from "../model/attributes.js";
import { formatDuration } from "../model/duration.js";
import type { Edge, Node } from "../model/graph.js";
import { RunCancelledError, reasonOf } from "./cancellation.js";
import type { Context } from "./context.js";
import type { PipelineEventInput } from "./events.js";
import { resolveFidelity, resolveThreadId } from "./fidelity.js";
import { isSuccessful, type Outcome } from "./outcome.js";
import { buildPreamble } from "./preamble.js";
import { type BackoffConfig, buildRetryPolicy, delayForAttempt } from "./retry-policy.js";
import type { RunState } from "./run-state.js";

/** Where a node execution happens. */
export interface ExecutionSite {
  context: Context;
  /** The edge the traversal arrived by, for fidelity/thread resolution (§5.4). */
  incoming: Edge | undefined;
  previousNodeId: string | undefined;
  /** Parallel branch path, undefined at the top level. */
  branchPath: string | undefined;
  signal: AbortSignal;
  /** Forces a fidelity mode (resume degrades `full` to `summary:high`, §5.3). */
  fidelityOverride?: FidelityMode;
}

/** How long a cancelled or timed-out handler may take to stop before the engine moves on, in ms. */
export const HANDLER_STOP_GRACE_MS = 5000;

class NodeTimeoutError extends Error {
  override name = "TimeoutError";
  readonly retryable = true;
}

/**
 * Runs `node` until it succeeds, is skipped, or its retries are exhausted (§3.5). Handler
 * exceptions become FAIL outcomes (§4.12).
 * @throws RunCancelledError when the run is cancelled while the node runs.
 */
export async function executeNode(state: RunState, node: Node, site: ExecutionSite): Promise<Outcome> {
  const { graph, dir } = state;
  const policy = buildRetryPolicy(node, graph);
  const { handler, type } = state.registry.resolve(node);
  const fidelity = site.fidelityOverride ?? resolveFidelity(node, site.incoming, graph);
  const threadId =
    fidelity === "full" ? resolveThreadId(node, site.incoming, graph, site.previousNodeId, site.context) : undefined;
  const preamble = buildPreamble(fidelity, {
    graph,
    context: site.context,
    runId: state.runId,
    history: state.history,
  });
  // wait.human applies `timeout` to the question itself (§4.6: on timeout the default choice is
  // taken), so the stage timer must not cut the question short and turn it into a FAIL.
  const timeoutMs = type === "wait.human" ? undefined : readDurationMs(node.attrs, "timeout");
  const branch = site.branchPath;
  const emit = (event: PipelineEventInput) => state.emit(branch ? ({ ...event, branch } as PipelineEventInput) : event);
  if (type !== handlerTypeOf(node) && node.attrs.get("type")) {
    emit({
      type: "stage_log",
      nodeId: node.id,
      level: "warning",
      message: `unknown handler type '${node.attrs.get("type")}': running it as '${type}'`,
    });
  }
  if (!branch) state.lastFidelity = fidelity;

  let outcome: Outcome = { status: "fail", failureReason: "not executed" };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const index = ++state.stepIndex;
    const stageDir = dir.stageDir(node.id);
    dir.clearStatus(stageDir);
    emit({ type: "stage_started", nodeId: node.id, label: labelOf(node), handlerType: type, index, attempt });
    const started = Date.now();
    const controller = new AbortController();
    const onParentAbort = () => controller.abort(site.signal.reason);
    if (site.signal.aborted) onParentAbort();
    else site.signal.addEventListener("abort", onParentAbort, { once: true });
    const timer =
      timeoutMs !== undefined && timeoutMs > 0
        ? setTimeout(
            () => controller.abort(new NodeTimeoutError(`timed out after ${formatDuration(timeoutMs)}`)),
            timeoutMs,
          )
        : undefined;
    const runtime: StageRuntime = {
      stageDir,
      branchPath: site.branchPath,
      artifacts: state.artifacts,
      attempt,
      signal: controller.signal,
      emit,
      fidelity,
      threadId,
      preamble,
      runBranch: (startNodeId, context, options) => state.runBranch(startNodeId, context, options),
    };
    let result: Outcome | undefined;
    let thrown: unknown;
    try {
      const work = handler.execute(node, site.context, graph, dir.stageRoot, runtime);
      result = (await settleWithinGrace(work, controller.signal, HANDLER_STOP_GRACE_MS)) ?? undefined;
    } catch (error) {
      thrown = error;
    } finally {
      if (timer) clearTimeout(timer);
      site.signal.removeEventListener("abort", onParentAbort);
    }
    if (site.signal.aborted) throw new RunCancelledError(reasonOf(site.signal));
    if (controller.signal.aborted && controller.signal.reason instanceof NodeTimeoutError) {
      thrown = controller.signal.reason;
      result = undefined;
    }

    // Appendix D: an error the policy does not consider transient is terminal — no more attempts.
    let terminal = false;
    if (thrown !== undefined) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      if (policy.shouldRetry(thrown) && attempt < policy.maxAttempts) {
        await retryPause(state, {
          node,
          attempt,
          index,
          error: message,
          started,
          backoff: policy.backoff,
          emit,
          signal: site.signal,
        });
        continue;
      }
      terminal = true;
      outcome = { status: "fail", failureReason: message };
    } else {
      outcome = applyStatusFile(state, node, stageDir, result);
    }

    if (isSuccessful(outcome.status) || outcome.status === "skipped") {
      state.nodeRetries.delete(node.id);
      dir.writeStatus(stageDir, outcome);
      emit({ type: "stage_completed", nodeId: node.id, index, durationMs: Date.now() - started, attempt, outcome });
      return outcome;
    }
    if (attempt < policy.maxAttempts && !terminal) {
      state.nodeRetries.set(node.id, (state.nodeRetries.get(node.id) ?? 0) + 1);
      site.context.set(`internal.retry_count.${node.id}`, state.nodeRetries.get(node.id));
      dir.writeStatus(stageDir, outcome);
      const error = outcome.failureReason ?? outcome.status;
      await retryPause(state, {
        node,
        attempt,
        index,
        error,
        started,
        backoff: policy.backoff,
        emit,
        signal: site.signal,
      });
      continue;
    }
    if (outcome.status === "retry") {
      outcome = readBool(node.attrs, "allow_partial")
        ? { ...outcome, status: "partial_success", notes: "retries exhausted, partial accepted" }
        : {
            ...outcome,
            status: "fail",
            failureReason: outcome.failureReason
              ? `max retries exceeded: ${outcome.failureReason}`
              : "max retries exceeded",
          };
    }
    dir.writeStatus(stageDir, outcome);
    if (isSuccessful(outcome.status)) {
      emit({ type: "stage_completed", nodeId: node.id, index, durationMs: Date.now() - started, attempt, outcome });
    } else {
      emit({
        type: "stage_failed",
        nodeId: node.id,
        index,
        error: outcome.failureReason ?? "failed",
        willRetry: false,
        attempt,
        durationMs: Date.now() - started,
      });
    }
    return outcome;
  }
  return outcome;
}

/** One failed attempt that will be retried. */
interface RetryPause {
  node: Node;
  attempt: number;
  index: number;
  error: string;
  /** When the failed attempt started (ms since epoch). */
  started: number;
  backoff: BackoffConfig;
  emit: (event: PipelineEventInput) => void;
  signal: AbortSignal;
}

/** Announces a failed attempt and sleeps the backoff delay (§3.6). */
async function retryPause(state: RunState, pause: RetryPause): Promise<void> {
  const { node, attempt, index, error, emit, signal } = pause;
  const delayMs = delayForAttempt(attempt, pause.backoff, () => state.random());
  emit({
    type: "stage_failed",
    nodeId: node.id,
    index,
    error,
    willRetry: true,
    attempt,
    durationMs: Date.now() - pause.started,
  });
  emit({ type: "stage_retrying", nodeId: node.id, index, attempt: attempt + 1, delayMs });
  try {
    await state.sleep(delayMs, signal);
  } catch {
    throw new RunCancelledError(reasonOf(signal));
  }
}

/**
 * Appendix C: a status.json written during the execution (by a tool or an agent) decides the
 * outcome; the handler's context updates are kept under the file's. Without either, `auto_status`
 * decides.
 */
function applyStatusFile(state: RunState, node: Node, stageDir: string, result: Outcome | undefined): Outcome {
  const written = state.dir.readStatus(stageDir);
  if (written && "problem" in written) {
    return { status: "fail", failureReason: `${node.id}: ${written.problem}` };
  }
  if (written) {
    return {
      ...written,
      contextUpdates: { ...(result?.contextUpdates ?? {}), ...(written.contextUpdates ?? {}) },
      notes: written.notes ?? result?.notes,
    };
  }
  if (result) return result;
  if (readBool(node.attrs, "auto_status")) {
    return { status: "success", notes: "auto-status: handler completed without writing status" };
  }
  return {
    status: "fail",
    failureReason: `${node.id}: the handler returned no outcome and wrote no status.json (set auto_status=true to treat this as success)`,
  };
}

/**
 * Awaits a handler, but once `signal` aborts gives it only `graceMs` to settle: a handler that
 * ignores its signal must not hang the run past its timeout or a cancel.
 */
function settleWithinGrace<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const onAbort = () => {
      grace = setTimeout(() => {
        const reason = signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
        reject(reason);
      }, graceMs);
    };
    const done = () => {
      clearTimeout(grace);
      signal.removeEventListener("abort", onAbort);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
