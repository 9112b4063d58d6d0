/**
 * Records a pipeline run into a context store: one context per run (its first turn carries the
 * metadata: client tag `factory`, title, labels, provenance with service `factory`), one turn per
 * engine event, and one child context per codergen stage execution (provenance: parent = the
 * run's context, spawn reason `stage`), which is where the stage's agent session is recorded.
 * @module
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Graph, PipelineEvent } from "@darkfactory/attractor";
import type { ContextRecorder, RecordingReport, SessionOptions, SessionRecorder } from "@darkfactory/cxdb";
import { pipelineEventItems } from "./event-items.js";
import { writeRunRecord } from "./run-record.js";

/** Client tag of every context the factory records. */
export const FACTORY_CLIENT_TAG = "factory";

/** Spawn reason of a stage's context (provenance tag 2). */
export const STAGE_SPAWN_REASON = "stage";

/** Options of {@link PipelineRecording}. */
export interface PipelineRecordingOptions {
  recorder: ContextRecorder;
  graph: Graph;
  /** The run directory: `cxdb.json` is written there, simulated stages' prompts are read from there. */
  logsRoot: string;
  /** True when codergen stages are simulated: their prompt and simulated response are recorded. */
  simulated: boolean;
  /** The context of the run being resumed, to continue instead of opening a new one. */
  resumeContextId?: number;
}

/** How a run was recorded. */
export interface RunRecording extends RecordingReport {
  /** The run's context, when it was created. */
  contextId: number | undefined;
}

/**
 * Feeds engine events into the store. `event` never throws, whatever happens to the store; a
 * recording failure is reported once by the recorder's `onWarning`.
 */
export class PipelineRecording {
  readonly #recorder: ContextRecorder;
  readonly #graph: Graph;
  readonly #logsRoot: string;
  readonly #simulated: boolean;
  readonly #resumeContextId: number | undefined;
  readonly #stages = new Map<string, SessionRecorder>();
  #stageRoot: string;
  #run: SessionRecorder | undefined;
  #runId = "";
  #recordWritten: Promise<void> = Promise.resolve();

  constructor(options: PipelineRecordingOptions) {
    this.#recorder = options.recorder;
    this.#graph = options.graph;
    this.#logsRoot = options.logsRoot;
    this.#stageRoot = options.logsRoot;
    this.#simulated = options.simulated;
    this.#resumeContextId = options.resumeContextId;
  }

  /** The run's context (undefined before the first event). */
  get runSession(): SessionRecorder | undefined {
    return this.#run;
  }

  /**
   * The context of the codergen stage `nodeId` running now (in parallel branch `branch`), for the
   * codergen backend to record its agent session into; undefined when the stage is not running.
   */
  stageSession(nodeId: string, branch?: string): SessionRecorder | undefined {
    return this.#stages.get(stageKey(nodeId, branch));
  }

  /** Records one engine event. Never throws. */
  event(event: PipelineEvent): void {
    try {
      this.#record(event);
    } catch {
      // The recorder never throws; this guards the mapping itself: a run must not fail over its record.
    }
  }

  /** Waits for every write, closes the recorder and says what was recorded. Never rejects. */
  async finish(): Promise<RunRecording> {
    const report = await this.#recorder.close();
    await this.#recordWritten;
    return { ...report, contextId: this.#run?.contextId };
  }

  #record(event: PipelineEvent): void {
    const run = this.#runFor(event);
    const items = pipelineEventItems(event);
    for (const item of items) run.append(item);
    switch (event.type) {
      case "loop_restart":
        this.#stageRoot = event.logsRoot;
        break;
      case "stage_started":
        if (event.handlerType === "codergen") {
          const stage = run.child(this.#stageOptions(event));
          this.#stages.set(stageKey(event.nodeId, event.branch), stage);
          for (const item of items) stage.append(item);
        }
        break;
      case "stage_retrying":
      case "stage_log":
        for (const item of items) this.#stages.get(stageKey(event.nodeId, event.branch))?.append(item);
        break;
      case "stage_completed":
      case "stage_failed": {
        const key = stageKey(event.nodeId, event.branch);
        const stage = this.#stages.get(key);
        if (stage === undefined) break;
        if (this.#simulated) this.#recordSimulatedExchange(stage, event.nodeId);
        for (const item of items) stage.append(item);
        this.#stages.delete(key);
        break;
      }
      default:
        break;
    }
  }

  /** The run's session, opened (or continued) on the first event. */
  #runFor(event: PipelineEvent): SessionRecorder {
    if (this.#run !== undefined) return this.#run;
    if (event.type === "pipeline_started") this.#runId = event.runId;
    const options = this.#runOptions();
    const run =
      this.#resumeContextId === undefined
        ? this.#recorder.openSession(options)
        : this.#recorder.resumeSession(this.#resumeContextId, options);
    this.#run = run;
    this.#recordWritten = run.ready().then((contextId) => {
      if (contextId === undefined) return;
      try {
        writeRunRecord(this.#logsRoot, { store: this.#recorder.target, contextId });
      } catch {
        // Without cxdb.json a resumed run opens a new context; the recording itself is intact.
      }
    });
    return run;
  }

  #runOptions(): SessionOptions {
    const name = this.#graph.name;
    const goal = this.#graph.attrs.get("goal") ?? "";
    const custom: Record<string, string> = { logs_root: this.#logsRoot };
    if (this.#runId !== "") custom.run_id = this.#runId;
    if (this.#graph.file) custom.dot_file = this.#graph.file;
    return {
      clientTag: FACTORY_CLIENT_TAG,
      title: goal ? `${name}: ${goal}` : name,
      labels: ["pipeline", name, ...(this.#simulated ? ["simulated"] : [])],
      custom,
      ...(this.#runId !== "" ? { provenance: { correlationId: this.#runId } } : {}),
    };
  }

  #stageOptions(event: Extract<PipelineEvent, { type: "stage_started" }>): SessionOptions & { spawnReason: string } {
    const custom: Record<string, string> = { node_id: event.nodeId, attempt: String(event.attempt) };
    if (this.#runId !== "") custom.run_id = this.#runId;
    if (event.branch) custom.branch = event.branch;
    const label = event.label.split("\n", 1)[0].trim();
    return {
      spawnReason: STAGE_SPAWN_REASON,
      clientTag: FACTORY_CLIENT_TAG,
      title: `${this.#graph.name} › ${event.nodeId}${label && label !== event.nodeId ? ` — ${label}` : ""}`,
      labels: ["stage", event.handlerType, event.nodeId],
      custom,
      ...(this.#runId !== "" ? { provenance: { correlationId: this.#runId } } : {}),
    };
  }

  /**
   * A simulated codergen stage has no agent session: record what it was asked (prompt.md, as
   * user input) and what the simulation answered (response.md, as an assistant turn from agent
   * `simulation`), read from the stage directory.
   */
  #recordSimulatedExchange(stage: SessionRecorder, nodeId: string): void {
    const dir = path.join(this.#stageRoot, nodeId);
    const prompt = readText(path.join(dir, "prompt.md"));
    if (prompt !== undefined) stage.userInput(prompt, { id: "prompt" });
    const response = readText(path.join(dir, "response.md"));
    if (response !== undefined) {
      stage.assistantTurn({ text: response, agent: "simulation", finishReason: "simulated" }, { id: "response" });
    }
  }
}

function stageKey(nodeId: string, branch: string | undefined): string {
  return `${branch ?? ""}\u0000${nodeId}`;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
