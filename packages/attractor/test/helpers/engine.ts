/** Shared fakes for engine and handler tests: temp run directories, graphs, backends, runtimes. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type {
  CodergenBackend,
  CodergenRunOptions,
  Context,
  Graph,
  Handler,
  Node,
  Outcome,
  PipelineEvent,
  PipelineEventInput,
  RunOptions,
  RunResult,
  StageRuntime,
} from "../../src/index.js";
import { ArtifactStore, runPipeline } from "../../src/index.js";
import { preparePipeline } from "../../src/prepare.js";

/**
 * Registers an `afterEach` that removes every directory made by the returned function.
 * Call once at the top of a test file (or describe block).
 */
export function useTempDirs(prefix = "attractor-test-"): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Parses, transforms and validates `source`; throws when it has error diagnostics. */
export function graphOf(source: string, file?: string): Graph {
  const { graph, diagnostics } = preparePipeline(source, { file });
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`test graph is invalid: ${errors.map((d) => d.message).join("; ")}`);
  return graph;
}

/** Parses and transforms `source` without validating (for graphs lint would reject). */
export function unvalidatedGraphOf(source: string): Graph {
  return preparePipeline(source).graph;
}

/** Retries never wait in tests. */
export const noSleep = async (): Promise<void> => undefined;

/** Runs `source` in `logsRoot` with instant retries; extra options override. */
export function run(source: string | Graph, logsRoot: string, options: Partial<RunOptions> = {}): Promise<RunResult> {
  const graph = typeof source === "string" ? graphOf(source) : source;
  return runPipeline(graph, { logsRoot, sleep: noSleep, ...options });
}

/** Records events in order. */
export function eventLog(): { events: PipelineEvent[]; onEvent: (e: PipelineEvent) => void; types: () => string[] } {
  const events: PipelineEvent[] = [];
  return { events, onEvent: (e) => events.push(e), types: () => events.map((e) => e.type) };
}

/** One backend call as the fake saw it. */
export interface BackendCall {
  nodeId: string;
  prompt: string;
  options: CodergenRunOptions;
}

/** A CodergenBackend driven by a callback; records every call. */
export function fakeBackend(
  respond: (
    node: Node,
    prompt: string,
    context: Context,
  ) => string | Outcome | undefined | Promise<string | Outcome | undefined> = (node) => `response of ${node.id}`,
): CodergenBackend & { calls: BackendCall[] } {
  const calls: BackendCall[] = [];
  return {
    calls,
    async run(node, prompt, context, options) {
      calls.push({ nodeId: node.id, prompt, options });
      return respond(node, prompt, context);
    },
  };
}

/** A handler that returns scripted outcomes in order (the last one repeats) and counts calls. */
export function scriptedHandler(...outcomes: Array<Outcome | Error>): Handler & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async execute(node) {
      const next = outcomes[Math.min(calls.length, outcomes.length - 1)];
      calls.push(node.id);
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

/** A StageRuntime for calling a handler directly; records emitted events. */
export function stubRuntime(
  stageDir: string,
  overrides: Partial<StageRuntime> = {},
): StageRuntime & { events: PipelineEventInput[] } {
  const events: PipelineEventInput[] = [];
  return {
    events,
    stageDir,
    branchPath: undefined,
    artifacts: new ArtifactStore(),
    attempt: 1,
    signal: new AbortController().signal,
    emit: (e) => events.push(e),
    fidelity: "compact",
    threadId: undefined,
    preamble: "",
    runBranch: async () => {
      throw new Error("runBranch is not available in this stub");
    },
    ...overrides,
  };
}

/** Reads and parses a JSON file. */
export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

/** Reads a text file. */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** Parses an events.ndjson file. */
export function readEvents(logsRoot: string): PipelineEvent[] {
  return readText(join(logsRoot, "events.ndjson"))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PipelineEvent);
}

/** Wraps `body` in a digraph with a start and an exit node. */
export function dot(body: string, graphAttrs = 'goal="Ship it"'): string {
  return `digraph T {\n  graph [${graphAttrs}]\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n${body}\n}\n`;
}
