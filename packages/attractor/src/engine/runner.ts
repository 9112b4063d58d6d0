/**
 * The pipeline runner (attractor-spec §3.1-3.2): initialize the run directory and context (or
 * restore them from a checkpoint, §5.3), traverse the graph from the start node, checkpoint
 * after every node, honour goal gates and loop restarts, and finalize.
 * @module
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { CheckpointError } from "../errors.js";
import { createDefaultRegistry } from "../handlers/register-builtins.js";
import type { CodergenBackend, FidelityMode, Handler } from "../handlers/types.js";
import type { Interviewer } from "../interviewer/types.js";
import { findStartNodes, isExitNode, readInt } from "../model/attributes.js";
import type { Edge, Graph } from "../model/graph.js";
import { EventStream } from "../util/event-stream.js";
import { sleep as defaultSleep } from "../util/sleep.js";
import type { LintRule } from "../validation/diagnostic.js";
import { validateOrRaise } from "../validation/validate.js";
import { ArtifactStore } from "./artifact-store.js";
import { runBranch } from "./branch-runner.js";
import { RunCancelledError, reasonOf } from "./cancellation.js";
import type { Checkpoint } from "./checkpoint.js";
import { Context } from "./context.js";
import type { EventSink, PipelineEvent, PipelineEventInput } from "./events.js";
import { findUnsatisfiedGoalGate, resolveRetryTarget } from "./goal-gates.js";
import type { HandlerRegistry } from "./handler-registry.js";
import { type Outcome, outcomeWord } from "./outcome.js";
import { checkpointToResume, restore } from "./resume.js";
import { initContext, record, restartRun, saveState } from "./run-bookkeeping.js";
import { RunDirectory } from "./run-directory.js";
import type { RunState } from "./run-state.js";
import { executeNode } from "./stage-executor.js";
import { nextStep } from "./traversal.js";

/** Options of {@link runPipeline} / {@link startPipeline}. */
export interface RunOptions {
  /** The run directory (§5.6). Created if missing. */
  logsRoot: string;
  /** LLM backend for codergen nodes; without one they run in simulation (§4.5). */
  backend?: CodergenBackend;
  /** Frontend for wait.human nodes (§6). Without one, human gates fail with a clear reason. */
  interviewer?: Interviewer;
  /** Extra or replacement handlers by type string (§4.12). */
  handlers?: Record<string, Handler>;
  /** A complete registry to use instead of the built-ins plus `handlers`. */
  registry?: HandlerRegistry;
  /** Receives every event (§9.6). */
  onEvent?: EventSink;
  /** Cancels the run; the last checkpoint stays valid for resume. */
  signal?: AbortSignal;
  /** Continue from `{logsRoot}/checkpoint.json` (§5.3). */
  resume?: boolean;
  /** Values set in the context before the first node (`--set key=value`). */
  initialContext?: Record<string, unknown>;
  /** Run id; generated when omitted. */
  runId?: string;
  /** Working directory for tool commands (default `process.cwd()`). */
  cwd?: string;
  /** Environment for tool commands (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Whether codergen runs simulated; default: true when there is no backend. */
  simulated?: boolean;
  /** Cap on executions of one node, overriding the graph's `max_node_visits` (0 = unlimited). */
  maxNodeVisits?: number;
  /** Skip §7 validation (the caller already validated). Default false. */
  skipValidation?: boolean;
  /** Custom lint rules to validate with (§7.4). */
  lintRules?: LintRule[];
  /** Sleep used for retry backoff; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Random source in [0,1) for jitter; injectable for tests. */
  random?: () => number;
}

/** How a run ended. */
export interface RunResult {
  status: "success" | "fail" | "cancelled";
  outcome: Outcome;
  runId: string;
  logsRoot: string;
  /** The last node that completed. */
  currentNode: string;
  completedNodes: string[];
  nodeOutcomes: Record<string, Outcome>;
  context: Record<string, unknown>;
  durationMs: number;
}

/** A run in progress: iterate its events, await its result, or cancel it. */
export interface PipelineRun extends AsyncIterable<PipelineEvent> {
  /** The run's events as they happen (§9.6 stream pattern). */
  readonly events: AsyncIterable<PipelineEvent>;
  /** Resolves when the run ends (never rejects for pipeline failures; rejects for invalid input). */
  result(): Promise<RunResult>;
  /** Cancels the run; it ends with status `cancelled`. */
  cancel(reason?: string): void;
}

/** Default cap on executions of one node per run (graph attribute `max_node_visits`, 0 = unlimited). */
export const DEFAULT_MAX_NODE_VISITS = 100;
/** Default cap on loop restarts (graph attribute `max_loop_restarts`). */
export const DEFAULT_MAX_LOOP_RESTARTS = 100;

/**
 * Runs a pipeline to completion (§3.2).
 * @throws ValidationError when the graph has error diagnostics; CheckpointError when resuming
 *   from a missing or mismatched checkpoint. Pipeline failures resolve with status `fail`.
 */
export function runPipeline(graph: Graph, options: RunOptions): Promise<RunResult> {
  return startPipeline(graph, options).result();
}

/** Starts a pipeline and returns a handle with its event stream (§9.6). */
export function startPipeline(graph: Graph, options: RunOptions): PipelineRun {
  const stream = new EventStream<PipelineEvent, RunResult>();
  const controller = new AbortController();
  if (options.signal) {
    if (options.signal.aborted) controller.abort(options.signal.reason);
    else options.signal.addEventListener("abort", () => controller.abort(options.signal?.reason), { once: true });
  }
  execute(graph, options, stream, controller.signal).then(
    (result) => stream.end(result),
    (error) => stream.fail(error),
  );
  return {
    events: stream,
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
    result: () => stream.result(),
    cancel: (reason = "run cancelled") => controller.abort(reason),
  };
}

async function execute(
  graph: Graph,
  options: RunOptions,
  stream: EventStream<PipelineEvent, RunResult>,
  signal: AbortSignal,
): Promise<RunResult> {
  const started = Date.now();
  const registry =
    options.registry ??
    createDefaultRegistry({
      backend: options.backend,
      interviewer: options.interviewer,
      cwd: options.cwd,
      env: options.env,
      startChild: (child, childOptions) => startPipeline(child, childOptions),
    });
  if (options.handlers)
    for (const [type, handler] of Object.entries(options.handlers)) registry.register(type, handler);
  if (!options.skipValidation) {
    validateOrRaise(graph, { extraRules: options.lintRules, knownHandlerTypes: registry.types() });
  }
  const dir = new RunDirectory(options.logsRoot);
  try {
    return await traverse({ graph, options, stream, signal, registry, dir, started });
  } finally {
    dir.close();
  }
}

/** Everything a run is set up with before it starts. */
interface RunSetup {
  graph: Graph;
  options: RunOptions;
  stream: EventStream<PipelineEvent, RunResult>;
  signal: AbortSignal;
  registry: HandlerRegistry;
  dir: RunDirectory;
  /** Start time, ms since the epoch. */
  started: number;
}

/** §3.1 INITIALIZE (or resume), EXECUTE and FINALIZE, with the run directory open. */
async function traverse(setup: RunSetup): Promise<RunResult> {
  const { graph, options, stream, signal, registry, dir, started } = setup;
  const checkpoint = options.resume ? checkpointToResume(dir) : undefined;
  const manifest = options.resume && !checkpoint ? dir.readManifest() : undefined;
  const runId =
    checkpoint?.runId || (typeof manifest?.run_id === "string" ? manifest.run_id : "") || options.runId || newRunId();

  const emit = (input: PipelineEventInput): void => {
    const event = { ts: new Date().toISOString(), ...input } as PipelineEvent;
    try {
      dir.appendEvent(event);
    } catch {
      // The event log is a convenience; a full disk must not kill the run.
    }
    try {
      options.onEvent?.(event);
    } catch {
      // A throwing sink is ignored (EventSink contract).
    }
    stream.push(event);
  };

  const state: RunState = {
    graph,
    registry,
    dir,
    runId,
    artifacts: new ArtifactStore(options.logsRoot),
    simulated: options.simulated ?? !options.backend,
    signal,
    context: new Context(),
    completedNodes: [],
    nodeOutcomes: new Map(),
    nodeRetries: new Map(),
    history: [],
    restartCount: 0,
    visits: new Map(),
    stepIndex: 0,
    lastFidelity: undefined,
    emit,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    runBranch: (startNodeId, context, branchOptions) => runBranch(state, startNodeId, context, branchOptions),
  };

  let current: string;
  let incoming: Edge | undefined;
  let previous: string | undefined;
  let fidelityOverride: FidelityMode | undefined;
  let finished: Outcome | undefined;

  if (checkpoint) {
    const resumed = restore(state, checkpoint, options.initialContext);
    emitStarted(state, options, checkpoint);
    if (resumed.kind === "finish") finished = resumed.outcome;
    else {
      current = resumed.current;
      incoming = resumed.incoming;
      previous = checkpoint.currentNode;
      fidelityOverride = checkpoint.lastFidelity === "full" ? "summary:high" : undefined;
    }
  } else {
    initContext(state, options.initialContext);
    const start = findStartNodes(graph)[0];
    if (!start) throw new CheckpointError({ message: "pipeline has no start node", path: options.logsRoot });
    current = start.id;
    dir.writeManifest({
      name: graph.name,
      goal: graph.goal,
      label: graph.attrs.get("label") ?? "",
      dot_file: graph.file ? resolve(graph.file) : null,
      run_id: runId,
      started_at: new Date(started).toISOString(),
      simulated: state.simulated,
    });
    emitStarted(state, options, undefined);
  }

  const maxVisits = options.maxNodeVisits ?? readInt(graph.attrs, "max_node_visits") ?? DEFAULT_MAX_NODE_VISITS;
  const maxRestarts = readInt(graph.attrs, "max_loop_restarts") ?? DEFAULT_MAX_LOOP_RESTARTS;
  try {
    while (!finished) {
      // Let timers and signals (Ctrl-C) in between nodes: a simulated run does only synchronous I/O.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) throw new RunCancelledError(reasonOf(signal));
      const node = graph.nodes.get(current!);
      if (!node) {
        finished = { status: "fail", failureReason: `node '${current!}' does not exist` };
        break;
      }
      const visits = (state.visits.get(node.id) ?? 0) + 1;
      state.visits.set(node.id, visits);
      if (maxVisits > 0 && visits > maxVisits) {
        finished = {
          status: "fail",
          failureReason: `node '${node.id}' was reached ${visits} times (max_node_visits=${maxVisits}): the pipeline appears to loop without end`,
        };
        break;
      }

      if (isExitNode(node)) {
        const gate = findUnsatisfiedGoalGate(graph, state.nodeOutcomes);
        if (gate) {
          const target = resolveRetryTarget(gate, graph, true);
          emit({ type: "goal_gate_unsatisfied", nodeId: gate.id, retryTarget: target });
          if (target) {
            emit({ type: "edge_selected", from: node.id, to: target, label: "", reason: "goal_gate_retry" });
            previous = node.id;
            incoming = undefined;
            current = target;
            continue;
          }
          finished = {
            status: "fail",
            failureReason: `Goal gate unsatisfied and no retry target: '${gate.id}' ended ${outcomeWord(state.nodeOutcomes.get(gate.id)!)}`,
          };
          break;
        }
      }

      state.context.set("current_node", node.id);
      const outcome = await executeNode(state, node, {
        context: state.context,
        incoming,
        previousNodeId: previous,
        branchPath: undefined,
        signal,
        fidelityOverride,
      });
      fidelityOverride = undefined;
      record(state, node.id, outcome);
      saveState(state, node.id, "running");

      if (isExitNode(node)) {
        finished = { status: "success", notes: "Pipeline completed" };
        break;
      }
      const step = nextStep(graph, node, outcome, state.context, {
        simulated: state.simulated,
        jumpTo: outcome.jumpTo,
      });
      if (step.kind === "finish") {
        if (step.warning) emit({ type: "stage_log", nodeId: node.id, level: "warning", message: step.warning });
        finished = step.outcome;
        break;
      }
      const to = step.kind === "jump" ? step.target : step.edge.to;
      emit({
        type: "edge_selected",
        from: node.id,
        to,
        label: step.kind === "jump" ? "" : (step.edge.attrs.get("label") ?? ""),
        reason: step.reason,
      });
      if (step.kind === "restart") {
        if (state.restartCount + 1 > maxRestarts) {
          finished = {
            status: "fail",
            failureReason: `loop_restart taken more than max_loop_restarts=${maxRestarts} times`,
          };
          break;
        }
        restartRun(state, options.initialContext, node.id, to);
      }
      previous = node.id;
      incoming = step.kind === "jump" ? undefined : step.edge;
      current = to;
    }
  } catch (error) {
    if (!(error instanceof RunCancelledError)) throw error;
    const last = state.completedNodes[state.completedNodes.length - 1] ?? "";
    saveState(state, last, "cancelled");
    emit({ type: "pipeline_cancelled", reason: error.message, durationMs: Date.now() - started, currentNode: last });
    return result(state, "cancelled", { status: "fail", failureReason: error.message }, started);
  }

  const ok = finished.status !== "fail";
  const last = state.completedNodes[state.completedNodes.length - 1] ?? "";
  saveState(state, last, ok ? "success" : "fail", ok ? undefined : finished.failureReason);
  if (ok) {
    emit({
      type: "pipeline_completed",
      durationMs: Date.now() - started,
      artifactCount: state.artifacts.size,
      outcome: finished,
      completedNodes: [...state.completedNodes],
    });
  } else {
    emit({
      type: "pipeline_failed",
      error: finished.failureReason ?? "pipeline failed",
      durationMs: Date.now() - started,
      completedNodes: [...state.completedNodes],
    });
  }
  return result(state, ok ? "success" : "fail", finished, started);
}

function emitStarted(state: RunState, options: RunOptions, cp: Checkpoint | undefined): void {
  state.emit({
    type: "pipeline_started",
    runId: state.runId,
    name: state.graph.name,
    goal: state.graph.goal,
    logsRoot: options.logsRoot,
    nodeCount: state.graph.nodes.size,
    edgeCount: state.graph.edges.length,
    simulated: state.simulated,
    ...(cp ? { resumedFrom: cp.currentNode || "start" } : {}),
  });
}

function result(state: RunState, status: RunResult["status"], outcome: Outcome, started: number): RunResult {
  return {
    status,
    outcome,
    runId: state.runId,
    logsRoot: state.dir.root,
    currentNode: state.completedNodes[state.completedNodes.length - 1] ?? "",
    completedNodes: [...state.completedNodes],
    nodeOutcomes: Object.fromEntries(state.nodeOutcomes),
    context: state.context.snapshot(),
    durationMs: Date.now() - started,
  };
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  return `run-${stamp}-${randomBytes(3).toString("hex")}`;
}
