/**
 * `factory run FILE [--simulate] [--auto-approve] [--logs DIR] [--set key=value]... [--resume DIR]
 * [--json] [--cwd DIR] [--provider P] [--model M] [--store PATH|URL | --no-store]`: validates a
 * pipeline, runs it (codergen stages on coding agents when a provider is configured, else
 * simulated), shows its progress, and records it in a context store.
 * @module
 */
import path from "node:path";
import {
  AttractorError,
  type Diagnostic,
  formatDiagnostic,
  type Graph,
  killRunningCommands,
  type PipelineEvent,
  preparePipeline,
  type RunResult,
  startPipeline,
} from "@darkfactory/attractor";
import type { Command } from "commander";
import { agentProvidersFromEnv, providerFlagProblem } from "../agent/providers.js";
import { CliError, ExitCode, exitWith, withExitCode } from "../cli/errors.js";
import { readTextFile } from "../cli/files.js";
import type { CliIo } from "../cli/io.js";
import { openFactoryRecorder } from "../record/factory-recorder.js";
import { PipelineRecording } from "../record/pipeline-recording.js";
import { readRunRecord, resolveStoreTarget } from "../record/run-record.js";
import { JsonRenderer } from "../render/json.js";
import { LineOutput } from "../render/line-output.js";
import { ProgressRenderer } from "../render/progress.js";
import { TextRenderer } from "../render/text.js";
import type { RunRecordingSummary, RunRenderer } from "../render/types.js";
import { chooseBackend } from "../run/backend.js";
import { watchInterrupts } from "../run/interrupt.js";
import { chooseInterviewer } from "../run/interviewer.js";
import {
  assertFreshLogsDir,
  createLogsDir,
  defaultLogsDir,
  displayPath,
  parseSetPairs,
  type ResumeTarget,
  readResumeTarget,
  resolveWorkDir,
} from "../run/run-options.js";

/** Options of `factory run`, as commander parses them. */
export interface RunCommandOptions {
  /** Simulate codergen stages even when an LLM provider is configured. */
  simulate?: boolean;
  /** Provider of codergen stages that name none (`llm_provider`); default the first configured. */
  provider?: string;
  /** Model of codergen stages that name none (`llm_model`); default the provider's. */
  model?: string;
  /** Answer every human gate with its first option. */
  autoApprove?: boolean;
  /** Run directory; default `<cwd>/.factory/runs/<graph>-<UTC stamp>`. */
  logs?: string;
  /** `key=value` pairs set in the context before the first stage. */
  set?: string[];
  /** Run directory to continue from its checkpoint. */
  resume?: string;
  /** Engine events as JSON lines on stdout. */
  json?: boolean;
  /** Directory tool commands run in (and the default run directory goes under). */
  cwd?: string;
  /** Cap on executions of any one node (overrides the graph's max_node_visits). */
  maxNodeVisits?: string;
  /**
   * Context store to record the run in: a store file, or an `http(s)://` URL of a CXDB server;
   * `false` (`--no-store`) records nothing. Default `<run dir>/cxdb.sqlite` (on `--resume`, the
   * store the run was recorded in).
   */
  store?: string | false;
}

/** Registers `factory run` on `program`. */
export function registerRunCommand(program: Command, io: CliIo): void {
  program
    .command("run")
    .description(
      "run a pipeline (codergen stages run coding agents when OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or a *_BASE_URL is set; else they are simulated)",
    )
    .argument("[file]", "pipeline DOT file (optional with --resume: the run's manifest names it)")
    .option("--simulate", "simulate codergen stages even when an LLM provider is configured")
    .option("--provider <name>", "provider of codergen stages that name none: openai, anthropic or gemini")
    .option("--model <id>", "model of codergen stages that name none (default: the provider's default model)")
    .option("--auto-approve", "answer every human gate with its first option")
    .option("--logs <dir>", "run directory (default: <cwd>/.factory/runs/<name>-<UTC time>)")
    .option("--set <key=value>", "set a context value before the run (repeatable)", collect, [])
    .option("--resume <dir>", "continue the run in <dir> from its checkpoint")
    .option("--json", "print every engine event as one JSON line on stdout")
    .option("--cwd <dir>", "directory tool commands run in (default: the current directory)")
    .option(
      "--max-node-visits <n>",
      "stop when any node is reached more than n times (default: the graph's max_node_visits, else 100)",
    )
    .option(
      "--store <path|url>",
      "record the run in this context store: a file or a CXDB http(s):// URL (default: <run dir>/cxdb.sqlite)",
    )
    .option("--no-store", "do not record the run in a context store")
    .action(async (file: string | undefined, options: RunCommandOptions) => {
      const code = await runCommand(file, options, io);
      if (code !== ExitCode.SUCCESS) throw exitWith(code);
    });
}

/**
 * Runs `factory run` and resolves to its exit code: 0 when the pipeline succeeded, 1 when it
 * failed, 130 when it was interrupted.
 *
 * Before anything runs: `--set` pairs, `--resume`/`--cwd` directories, the file and its
 * validation are checked. Warnings and errors go to stderr as `file:line:col severity rule
 * message`; any error stops here (nothing runs, no run directory is created).
 *
 * Output: the simulation notice is the first line, the run directory the second (both on stderr
 * under `--json`). Then the renderer: JSON lines (`--json`), live progress (stdout is a
 * terminal), or plain lines; then a summary (not under `--json`) whose last line says where the
 * run was recorded (`--json`: a `run_recorded` line before the terminal event).
 *
 * Recording: unless `--no-store`, the run is recorded in a context store (`--store`, default
 * `<run dir>/cxdb.sqlite`), see PipelineRecording. A store that cannot be opened or reached is a
 * `warning:` line on stderr, once; it never changes the exit code.
 *
 * The first Ctrl-C (`io.onInterrupt`) cancels the run through its AbortSignal (the engine stops
 * running tools and writes a checkpoint marked `cancelled`) and prints how to resume; the second
 * exits at once with 130 (`io.exit`).
 *
 * @throws CliError (exit 2) for invalid input: bad `--set`, missing file, unreadable file,
 *   `--resume` directory without checkpoint.json, a fresh run into a directory holding one;
 *   DotSyntaxError (exit 2); engine errors other than pipeline failures (exit 1).
 */
export async function runCommand(file: string | undefined, options: RunCommandOptions, io: CliIo): Promise<ExitCode> {
  const plan = await planRun(file, options, io);
  if (typeof plan === "number") return plan;
  return executeRun(plan, io);
}

/** Everything checked and decided before a run starts. */
interface RunPlan {
  graph: Graph;
  /** The DOT file as the user should type it. */
  dotFile: string;
  logsRoot: string;
  /** The run directory as the user should type it. */
  logsShown: string;
  resume: boolean;
  initialContext: Record<string, string>;
  workDir: string;
  maxNodeVisits: number | undefined;
  /** Store file or URL to record into; undefined with `--no-store`. */
  storeTarget: string | undefined;
  /** The run's context to continue (resume into the store it was recorded in). */
  resumeContextId: number | undefined;
  options: RunCommandOptions;
}

/** Checks options and the pipeline; returns the exit code instead when validation fails. */
async function planRun(file: string | undefined, options: RunCommandOptions, io: CliIo): Promise<RunPlan | ExitCode> {
  const initialContext = parseSetPairs(options.set ?? []);
  const maxNodeVisits = parseMaxNodeVisits(options.maxNodeVisits);
  if (options.resume !== undefined && options.logs !== undefined) {
    throw invalid("--resume and --logs both name the run directory: give only --resume");
  }
  const resume: ResumeTarget | undefined =
    options.resume !== undefined ? readResumeTarget(options.resume, io.cwd) : undefined;
  const dotFile = file ?? (resume?.dotFile !== undefined ? displayPath(resume.dotFile, io.cwd) : undefined);
  if (dotFile === undefined) {
    throw invalid(
      resume
        ? `cannot resume ${options.resume}: its manifest.json names no DOT file; pass it: factory run FILE --resume ${options.resume}`
        : "missing pipeline file: factory run FILE (or --resume DIR)",
    );
  }
  const workDir = options.cwd !== undefined ? resolveWorkDir(options.cwd, io.cwd) : io.cwd;
  if (options.simulate !== true) checkProviderFlags(options, io.env);

  const { graph, diagnostics } = preparePipeline(await readTextFile(dotFile, io.cwd), { file: dotFile });
  if (!reportDiagnostics(diagnostics, io)) return ExitCode.INVALID_INPUT;
  // The manifest records the DOT file for `--resume DIR` from anywhere, and child pipelines
  // (stack.child_dotfile) resolve against it: make it absolute.
  graph.file = path.resolve(io.cwd, dotFile);

  const logsRoot =
    resume?.logsRoot ??
    (options.logs !== undefined ? path.resolve(io.cwd, options.logs) : defaultLogsDir(graph.name, workDir));
  const logsShown = options.resume ?? options.logs ?? displayPath(logsRoot, io.cwd);
  const previous = resume ? readRunRecord(logsRoot) : undefined;
  const storeTarget = resolveStoreTarget(options.store, { logsRoot, cwd: io.cwd, previous });
  const resumeContextId = previous !== undefined && previous.store === storeTarget ? previous.contextId : undefined;
  if (!resume) {
    assertFreshLogsDir(logsRoot, logsShown);
    createLogsDir(logsRoot, logsShown);
  }
  return {
    graph,
    dotFile,
    logsRoot,
    logsShown,
    resume: resume !== undefined,
    initialContext,
    workDir,
    maxNodeVisits,
    storeTarget,
    resumeContextId,
    options,
  };
}

/** Wires backend, renderer, interviewer and interrupts to the engine, runs, and reports. */
async function executeRun(plan: RunPlan, io: CliIo): Promise<ExitCode> {
  const { options, logsShown } = plan;
  const json = options.json === true;
  const color = io.env.NO_COLOR === undefined && io.env.TERM !== "dumb";
  const out = new LineOutput(io.stdout);
  const renderer = createRenderer({ json, out, io, color });
  const stdinTty = (io.stdin as { isTTY?: boolean }).isTTY === true;
  const questions = json || (stdinTty && !out.isTTY) ? new LineOutput(io.stderr) : out;
  let recording: PipelineRecording | undefined;
  const backend = chooseBackend({
    simulate: options.simulate === true,
    env: io.env,
    graph: plan.graph,
    defaults: { provider: options.provider, model: options.model },
    workDir: plan.workDir,
    logsRoot: plan.logsRoot,
    stageRecorder: (nodeId, branch) => recording?.stageSession(nodeId, branch),
  });
  const resumeHint = `interrupted — resume with: factory run ${shellWord(plan.dotFile)} --resume ${shellWord(logsShown)}`;

  const controller = new AbortController();
  let forceExit: (code: ExitCode) => void = () => undefined;
  const forced = new Promise<ExitCode>((resolve) => {
    forceExit = resolve;
  });
  const interrupts = watchInterrupts(io, {
    first() {
      renderer.note("interrupting: stopping running stages and saving a checkpoint (Ctrl-C again to quit at once)");
      controller.abort("interrupted by the user (Ctrl-C)");
    },
    second() {
      renderer.close();
      io.stderr.write(`${resumeHint}\n`);
      // Tool process groups are detached: take them along instead of leaving orphans.
      killRunningCommands();
      backend.interrupt();
      if (io.exit) io.exit(ExitCode.INTERRUPTED);
      forceExit(ExitCode.INTERRUPTED);
    },
  });
  const { interviewer } = chooseInterviewer({
    autoApprove: options.autoApprove === true,
    io,
    output: questions,
    renderer,
    onInterrupt: () => interrupts.trigger(),
    color,
  });

  let result: RunResult | ExitCode;
  try {
    renderer.start({ simulation: backend.notice, logsDir: logsShown });
    recording = await openRecording(plan, backend.simulated, (message) => renderer.note(`warning: ${message}`));
    const run = startPipeline(plan.graph, {
      logsRoot: plan.logsRoot,
      backend: backend.backend,
      simulated: backend.simulated,
      interviewer,
      onEvent: (event: PipelineEvent) => {
        recording?.event(event);
        renderer.event(event);
      },
      signal: controller.signal,
      resume: plan.resume,
      initialContext: plan.initialContext,
      cwd: plan.workDir,
      env: io.env as NodeJS.ProcessEnv,
      skipValidation: true,
      ...(plan.maxNodeVisits !== undefined ? { maxNodeVisits: plan.maxNodeVisits } : {}),
    });
    result = await Promise.race([run.result(), forced]);
  } catch (error) {
    await backend.close();
    await recording?.finish();
    renderer.close();
    // A checkpoint that does not fit the pipeline is bad input, like a bad file.
    throw AttractorError.isInstance(error) && error.name === "CheckpointError"
      ? withExitCode(error, ExitCode.INVALID_INPUT)
      : error;
  } finally {
    interrupts.dispose();
  }
  if (typeof result === "number") {
    // Forced exit (second Ctrl-C): close the store without waiting for a remote one.
    void recording?.finish();
    return result;
  }
  await backend.close();

  const recorded = recording === undefined ? undefined : recordingSummary(await recording.finish(), io.cwd);
  renderer.finish({
    status: result.status,
    completedNodes: result.completedNodes,
    durationMs: result.durationMs,
    logsDir: logsShown,
    ...(result.status !== "success" && result.outcome.failureReason
      ? { failureReason: result.outcome.failureReason }
      : {}),
    ...(recorded !== undefined ? { recording: recorded } : {}),
  });
  renderer.close();
  if (result.status === "cancelled") {
    io.stderr.write(`${resumeHint}\n`);
    return ExitCode.INTERRUPTED;
  }
  return result.status === "success" ? ExitCode.SUCCESS : ExitCode.FAILURE;
}

/**
 * Opens the run's recorder (undefined with `--no-store`). Never throws: a store that cannot be
 * opened or reached is reported once through `warn`, and the run goes on unrecorded.
 */
async function openRecording(
  plan: RunPlan,
  simulated: boolean,
  warn: (message: string) => void,
): Promise<PipelineRecording | undefined> {
  if (plan.storeTarget === undefined) return undefined;
  const recorder = await openFactoryRecorder(plan.storeTarget, warn);
  return new PipelineRecording({
    recorder,
    graph: plan.graph,
    logsRoot: plan.logsRoot,
    simulated,
    ...(plan.resumeContextId !== undefined ? { resumeContextId: plan.resumeContextId } : {}),
  });
}

/** What the summary says about the recording; the store path is shown relative to the cwd. */
function recordingSummary(
  recording: Awaited<ReturnType<PipelineRecording["finish"]>>,
  cwd: string,
): RunRecordingSummary {
  const shown = recording.kind === "remote" ? recording.target : displayPath(recording.target, cwd);
  return {
    target: recording.target,
    shown,
    contextId: recording.contextId,
    turns: recording.turns,
    dropped: recording.dropped,
    ...(recording.error !== undefined ? { error: recording.error } : {}),
  };
}

/** Prints warnings and errors to stderr; returns false when there is an error. */
function reportDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): boolean {
  const shown = diagnostics.filter((d) => d.severity !== "info");
  if (shown.length > 0) io.stderr.write(`${shown.map(formatDiagnostic).join("\n")}\n`);
  return !diagnostics.some((d) => d.severity === "error");
}

function createRenderer(options: { json: boolean; out: LineOutput; io: CliIo; color: boolean }): RunRenderer {
  if (options.json) return new JsonRenderer(options.io.stdout, options.io.stderr);
  if (options.out.isTTY)
    return new ProgressRenderer({ out: options.out, err: options.io.stderr, color: options.color });
  return new TextRenderer(options.out, options.io.stderr);
}

/** A path as a shell word: as is when safe, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_./@:+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}

/**
 * `--provider` must name a provider with an agent profile that is configured; `--model` needs some
 * provider configured.
 * @throws CliError (exit 2) naming the variable to set.
 */
function checkProviderFlags(options: RunCommandOptions, env: Readonly<Record<string, string | undefined>>): void {
  if (options.provider === undefined && options.model === undefined) return;
  const problem = providerFlagProblem(options, agentProvidersFromEnv(env).configured);
  if (problem !== undefined) throw invalid(problem);
}

/** `--max-node-visits`: a whole number >= 0 (0 = unlimited). */
function parseMaxNodeVisits(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw invalid(`--max-node-visits needs a whole number (0 = unlimited), got '${value}'`);
  }
  return Number(value);
}
