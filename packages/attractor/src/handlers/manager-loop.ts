/**
 * Manager loop handler (attractor-spec §4.11): supervises a child pipeline through
 * observe / steer / wait cycles until the child finishes, a stop condition holds, or the cycle
 * budget runs out.
 *
 * Attributes (node, else graph for `stack.*`): `stack.child_dotfile`, `stack.child_workdir`,
 * `stack.child_autostart` (default true; when false the manager observes the run directory in
 * `stack.child_logs_root`), `manager.actions` (default `observe,wait`), `manager.max_cycles`
 * (default 1000), `manager.poll_interval` (default 45s; a cycle also ends early when the child
 * finishes), `manager.stop_condition`, `manager.steer_prompt`, `manager.steer_cooldown`
 * (default: one poll interval).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { evaluateCondition } from "../conditions/evaluate-condition.js";
import { loadCheckpoint } from "../engine/checkpoint.js";
import type { Context } from "../engine/context.js";
import type { PipelineEvent, PipelineEventInput } from "../engine/events.js";
import type { Outcome } from "../engine/outcome.js";
import type { PipelineRun, RunOptions } from "../engine/runner.js";
import { expandTemplate } from "../engine/template.js";
import type { Interviewer } from "../interviewer/types.js";
import { readBool, readDurationMs, readInt } from "../model/attributes.js";
import type { Graph, Node } from "../model/graph.js";
import { preparePipeline } from "../prepare.js";
import type { CodergenBackend, Handler, StageRuntime } from "./types.js";

/** Services the manager needs to start a child pipeline. */
export interface ManagerLoopOptions {
  startChild: (graph: Graph, options: RunOptions) => PipelineRun;
  backend?: CodergenBackend;
  interviewer?: Interviewer;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** What the manager knows about the child at one observation. */
export interface ChildObservation {
  status: "running" | "completed" | "failed";
  outcome: string;
  currentNode: string;
  completedCount: number;
  failureReason: string;
  logsRoot: string;
}

const DEFAULT_POLL_MS = 45_000;
const DEFAULT_MAX_CYCLES = 1000;

/** The supervisor handler (house). */
export class ManagerLoopHandler implements Handler {
  constructor(private readonly options: ManagerLoopOptions) {}

  async execute(
    node: Node,
    context: Context,
    graph: Graph,
    _logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome> {
    const attr = (key: string) => node.attrs.get(key) ?? graph.attrs.get(key);
    const actions = new Set((node.attrs.get("manager.actions") ?? "observe,wait").split(",").map((a) => a.trim()));
    const maxCycles = Math.max(1, readInt(node.attrs, "manager.max_cycles") ?? DEFAULT_MAX_CYCLES);
    const pollMs = readDurationMs(node.attrs, "manager.poll_interval") ?? DEFAULT_POLL_MS;
    const cooldownMs = readDurationMs(node.attrs, "manager.steer_cooldown") ?? pollMs;
    const stopCondition = node.attrs.get("manager.stop_condition") ?? "";
    const autostart = readBool(
      node.attrs.has("stack.child_autostart") ? node.attrs : graph.attrs,
      "stack.child_autostart",
      true,
    );

    const child = autostart
      ? this.startChild(node, graph, attr, runtime)
      : observeExternal(attr("stack.child_logs_root"), graph);
    if ("error" in child) return { status: "fail", failureReason: child.error };
    let lastSteer = Number.NEGATIVE_INFINITY;
    let cycle = 0;
    try {
      for (; cycle < maxCycles; cycle++) {
        const cycleDir = join(runtime.stageDir, `cycle_${cycle}`);
        mkdirSync(cycleDir, { recursive: true });
        const seen = child.observe();
        if (actions.has("observe")) {
          context.applyUpdates({
            "stack.child.status": seen.status,
            "stack.child.outcome": seen.outcome,
            "stack.child.current_node": seen.currentNode,
            "stack.child.completed_count": seen.completedCount,
            "stack.child.logs_root": seen.logsRoot,
            "stack.manager.cycle": cycle + 1,
          });
          writeFileSync(join(cycleDir, "observation.json"), `${JSON.stringify(seen, null, 2)}\n`);
        }
        if (actions.has("steer") && seen.status === "running" && Date.now() - lastSteer >= cooldownMs) {
          lastSteer = Date.now();
          const text = expandTemplate(
            node.attrs.get("manager.steer_prompt") ?? node.attrs.get("prompt") ?? "",
            graph,
            context,
          );
          if (text && seen.currentNode) {
            const target = join(seen.logsRoot, seen.currentNode);
            mkdirSync(target, { recursive: true });
            writeFileSync(join(target, "steer.md"), `${text}\n`);
            writeFileSync(join(cycleDir, "steer.md"), `${text}\n`);
          }
        }
        const done = (status: Outcome["status"], reason: string): Outcome => ({
          status,
          ...(status === "fail" ? { failureReason: reason } : { notes: reason }),
          contextUpdates: {
            "stack.manager.cycle_count": cycle + 1,
            "stack.child.status": seen.status,
            "stack.child.outcome": seen.outcome,
          },
        });
        if (seen.status === "completed") return done("success", "Child completed");
        if (seen.status === "failed")
          return done("fail", `Child failed${seen.failureReason ? `: ${seen.failureReason}` : ""}`);
        if (stopCondition && evaluateCondition(stopCondition, { status: "success" }, context)) {
          return done("success", "Stop condition satisfied");
        }
        if (actions.has("wait")) await child.waitForChange(pollMs, runtime.signal);
        else await new Promise((r) => setImmediate(r));
      }
      // The last wait may have ended because the child finished.
      const final = child.observe();
      if (final.status !== "running") {
        const ok = final.status === "completed";
        return {
          status: ok ? "success" : "fail",
          ...(ok
            ? { notes: "Child completed" }
            : { failureReason: `Child failed${final.failureReason ? `: ${final.failureReason}` : ""}` }),
          contextUpdates: {
            "stack.manager.cycle_count": cycle,
            "stack.child.status": final.status,
            "stack.child.outcome": final.outcome,
          },
        };
      }
      return {
        status: "fail",
        failureReason: `Max cycles exceeded (${maxCycles} cycle${maxCycles === 1 ? "" : "s"}, child still ${child.observe().status})`,
        contextUpdates: { "stack.manager.cycle_count": cycle },
      };
    } finally {
      await child.stop();
    }
  }

  private startChild(
    node: Node,
    graph: Graph,
    attr: (key: string) => string | undefined,
    runtime: StageRuntime,
  ): ChildHandle | { error: string } {
    const dotfile = attr("stack.child_dotfile");
    if (!dotfile) return { error: `manager '${node.id}' has no stack.child_dotfile (node or graph attribute)` };
    const workdir = attr("stack.child_workdir");
    const baseCwd = this.options.cwd ?? process.cwd();
    const candidates = isAbsolute(dotfile)
      ? [dotfile]
      : [
          workdir && resolve(baseCwd, workdir, dotfile),
          graph.file && resolve(dirname(graph.file), dotfile),
          resolve(baseCwd, dotfile),
        ];
    const path = candidates.find((p): p is string => !!p && existsSync(p));
    if (!path)
      return { error: `child pipeline not found: ${dotfile} (looked in ${candidates.filter(Boolean).join(", ")})` };
    let childGraph: Graph;
    try {
      const prepared = preparePipeline(readFileSync(path, "utf8"), { file: path });
      const errors = prepared.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        return {
          error: `child pipeline ${path} is invalid: ${errors.map((d) => `${d.loc?.line ?? 0}:${d.loc?.column ?? 0} ${d.rule} ${d.message}`).join("; ")}`,
        };
      }
      childGraph = prepared.graph;
    } catch (error) {
      return { error: `child pipeline ${path}: ${(error as Error).message}` };
    }
    const logsRoot = join(runtime.stageDir, "child");
    const stop = new AbortController();
    const observation: ChildObservation = {
      status: "running",
      outcome: "",
      currentNode: "",
      completedCount: 0,
      failureReason: "",
      logsRoot,
    };
    const onEvent = (event: PipelineEvent) => {
      if (event.type === "stage_started" && !event.branch) observation.currentNode = event.nodeId;
      if (event.type === "stage_completed" && !event.branch) observation.completedCount++;
      if (event.type.startsWith("stage_")) {
        const { ts: _ts, ...rest } = event;
        const branch = `${node.id}:child${"branch" in event && event.branch ? `/${event.branch}` : ""}`;
        runtime.emit({ ...rest, branch } as PipelineEventInput);
      }
    };
    const run = this.options.startChild(childGraph, {
      logsRoot,
      backend: this.options.backend,
      interviewer: this.options.interviewer,
      cwd: workdir ? resolve(baseCwd, workdir) : baseCwd,
      env: this.options.env,
      signal: stop.signal,
      onEvent,
      skipValidation: true,
      resume: existsSync(join(logsRoot, "checkpoint.json")),
    });
    const finished = run.result().then(
      (r) => {
        observation.status = r.status === "success" ? "completed" : "failed";
        observation.outcome = r.status === "success" ? "success" : "fail";
        observation.failureReason = r.status === "success" ? "" : (r.outcome.failureReason ?? r.status);
      },
      (error: unknown) => {
        observation.status = "failed";
        observation.outcome = "fail";
        observation.failureReason = (error as Error).message;
      },
    );
    return {
      observe: () => ({ ...observation }),
      waitForChange: (ms, signal) =>
        new Promise<void>((resolveWait) => {
          const timer = ms > 0 ? setTimeout(done, ms) : undefined;
          const onAbort = () => done();
          signal.addEventListener("abort", onAbort, { once: true });
          finished.then(done);
          function done() {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            resolveWait();
          }
        }),
      stop: async () => {
        if (observation.status === "running") stop.abort("manager stopped the child");
        await finished;
      },
    };
  }
}

interface ChildHandle {
  observe(): ChildObservation;
  /** Resolves after `ms` (never, for 0), or earlier when the child finishes. */
  waitForChange(ms: number, signal: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

/** Observes a child run started elsewhere, through its checkpoint. */
function observeExternal(logsRoot: string | undefined, _graph: Graph): ChildHandle | { error: string } {
  if (!logsRoot)
    return { error: "stack.child_autostart=false needs stack.child_logs_root: the run directory to observe" };
  const observe = (): ChildObservation => {
    try {
      const cp = loadCheckpoint(join(logsRoot, "checkpoint.json"));
      return {
        status: cp.status === "success" ? "completed" : cp.status === "fail" ? "failed" : "running",
        outcome: cp.status === "success" ? "success" : cp.status === "fail" ? "fail" : "",
        currentNode: cp.currentNode,
        completedCount: cp.completedNodes.length,
        failureReason: cp.failureReason ?? "",
        logsRoot,
      };
    } catch {
      return { status: "running", outcome: "", currentNode: "", completedCount: 0, failureReason: "", logsRoot };
    }
  };
  return {
    observe,
    waitForChange: (ms, signal) =>
      new Promise<void>((r) => {
        const timer = setTimeout(r, ms);
        signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            r();
          },
          { once: true },
        );
      }),
    stop: async () => undefined,
  };
}
