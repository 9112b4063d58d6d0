/**
 * `factory agent INSTRUCTION [--provider P] [--model M] [--reasoning-effort E] [--cwd DIR]
 * [--max-turns N] [--json] [--store PATH|URL | --no-store]`: one non-interactive coding-agent run
 * (coding-agent-loop-spec §2), like `codex exec` or `claude -p`. On a terminal the session streams
 * readably; `--json` writes every session event as one JSON line; off a terminal stdout holds only
 * the final answer. With `--store` (or `$FACTORY_STORE`) the session is recorded in a context store.
 * @module
 */
import { LocalExecutionEnvironment, Session, type SubmitResult } from "@darkfactory/agent";
import type { Command } from "commander";
import {
  type AgentTarget,
  agentProvidersFromEnv,
  createAgentProfile,
  providerFlagProblem,
  resolveTarget,
} from "../agent/providers.js";
import { CliError, ExitCode, exitWith } from "../cli/errors.js";
import type { CliIo } from "../cli/io.js";
import { AgentRecording, agentRecordedLine, resolveAgentStore } from "../record/agent-recording.js";
import { type AgentRenderer, JsonAgentRenderer, TextAgentRenderer } from "../render/agent-output.js";
import { paint, recordingText } from "../render/format.js";
import { LineOutput } from "../render/line-output.js";
import { watchInterrupts } from "../run/interrupt.js";
import { resolveWorkDir } from "../run/run-options.js";

/** Options of `factory agent`, as commander parses them. */
export interface AgentCommandOptions {
  /** openai, anthropic or gemini; default the provider of `--model`, else the first configured. */
  provider?: string;
  /** Model id; default the provider's default model. */
  model?: string;
  /** low, medium or high; default the provider's. */
  reasoningEffort?: string;
  /** The agent's working directory (must exist); default the current directory. */
  cwd?: string;
  /** Most assistant turns (LLM responses); default unlimited. */
  maxTurns?: string;
  /** Every session event as one JSON line on stdout. */
  json?: boolean;
  /**
   * Context store to record the session in: a store file, or an `http(s)://` URL of a CXDB
   * server; `false` (`--no-store`) records nothing. Default `$FACTORY_STORE`, else nothing.
   */
  store?: string | false;
}

/** Registers `factory agent` on `program`. */
export function registerAgentCommand(program: Command, io: CliIo): void {
  program
    .command("agent")
    .description("run a coding agent on one instruction, non-interactively (needs a provider key or *_BASE_URL)")
    .argument("<instruction>", "what the agent should do ('-' reads it from stdin)")
    .option(
      "--provider <name>",
      "openai, anthropic or gemini (default: the provider of --model, else the first configured)",
    )
    .option("--model <id>", "model (default: the provider's default model)")
    .option("--reasoning-effort <level>", "low, medium or high (default: the provider's)")
    .option("--cwd <dir>", "directory the agent works in (default: the current directory)")
    .option("--max-turns <n>", "stop after n assistant turns (default: no limit)")
    .option("--json", "print every session event as one JSON line on stdout")
    .option(
      "--store <path|url>",
      "record the session in this context store: a file or a CXDB http(s):// URL (default: $FACTORY_STORE, else none)",
    )
    .option("--no-store", "do not record the session (even with $FACTORY_STORE set)")
    .action(async (instruction: string, options: AgentCommandOptions) => {
      const code = await agentCommand(instruction, options, io);
      if (code !== ExitCode.SUCCESS) throw exitWith(code);
    });
}

/**
 * Runs `factory agent` and resolves to its exit code: 0 when the agent finished (or ended with a
 * question), 1 when it stopped on an error, a turn limit or a full context window, 130 when
 * interrupted. Output: see the module comment; a header line (`agent: openai/gpt-5.2-codex in
 * DIR`) and the final `tokens: ...` summary go to stderr off a terminal, to stdout on one.
 *
 * The first Ctrl-C aborts the session (its commands are killed) and exits 130; the second exits
 * at once (`io.exit`).
 *
 * Recording: with `--store` (or `$FACTORY_STORE`) the session is recorded in one context of that
 * store (see AgentRecording) and the end says where: a `store: context N in PATH` line after the
 * `tokens:` one, or with `--json` a last `agent_recorded` line. A store that cannot be opened or
 * reached is a warning; the agent still runs.
 * @throws CliError exit 2 for an empty instruction, a bad `--max-turns`, `--cwd` or `--store`, an
 *   unknown provider, or a provider (or any provider) that is not configured.
 */
export async function agentCommand(instruction: string, options: AgentCommandOptions, io: CliIo): Promise<ExitCode> {
  const input = instruction === "-" ? await readAll(io.stdin) : instruction;
  if (input.trim() === "") throw invalid('empty instruction: factory agent "what to do" (or - to read it from stdin)');
  const maxTurns = parseMaxTurns(options.maxTurns);
  const workDir = options.cwd !== undefined ? resolveWorkDir(options.cwd, io.cwd) : io.cwd;
  const storeTarget = resolveAgentStore(options.store, { cwd: io.cwd, env: io.env });
  const providers = agentProvidersFromEnv(io.env);
  const problem = providerFlagProblem(options, providers.configured);
  if (problem !== undefined) throw invalid(problem);
  const target = resolveTarget(
    {},
    { provider: options.provider, model: options.model, reasoningEffort: options.reasoningEffort },
    providers.configured,
  );

  const json = options.json === true;
  const stdout = new LineOutput(io.stdout);
  const color = stdout.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== "dumb";
  const progress = json || stdout.isTTY ? stdout : new LineOutput(io.stderr);
  const renderer = createRenderer({ json, stdout, progress, io, color });
  const notes = json ? io.stderr : progress;
  for (const warning of target.warnings) notes.write(`warning: ${warning}\n`);
  if (!json) progress.write(`${paint("2", header(target, workDir), color)}\n`);

  const recording =
    storeTarget === undefined
      ? undefined
      : await AgentRecording.open(
          storeTarget,
          { instruction: input, provider: target.provider, model: target.model, workDir },
          (message) => notes.write(`warning: ${message}\n`),
        );
  const environment = new LocalExecutionEnvironment({ workingDir: workDir, baseEnv: io.env });
  const session = new Session({
    client: providers.client,
    profile: createAgentProfile(target.provider, target.model),
    environment,
    config: { maxTurns, reasoningEffort: target.reasoningEffort ?? null },
    onEvent: (event) => {
      recording?.listener(event);
      renderer.event(event);
    },
  });
  let forceExit: (code: ExitCode) => void = () => undefined;
  const forced = new Promise<ExitCode>((resolve) => {
    forceExit = resolve;
  });
  const interrupts = watchInterrupts(io, {
    first() {
      notes.write("interrupting: stopping the agent (Ctrl-C again to quit at once)\n");
      void session.abort("interrupted by the user (Ctrl-C)");
    },
    second() {
      void environment.cleanup();
      // Forced exit: close the store without waiting for a remote one.
      void recording?.finish(io.cwd);
      if (io.exit) io.exit(ExitCode.INTERRUPTED);
      forceExit(ExitCode.INTERRUPTED);
    },
  });
  const started = Date.now();
  let result: SubmitResult | ExitCode;
  try {
    await environment.initialize();
    result = await Promise.race([session.submit(input), forced]);
  } finally {
    interrupts.dispose();
  }
  if (typeof result === "number") return result;
  await session.close();
  await environment.cleanup();
  renderer.finish({ durationMs: Date.now() - started });
  if (recording !== undefined) {
    const recorded = await recording.finish(io.cwd);
    if (json) io.stdout.write(`${JSON.stringify(agentRecordedLine(recorded))}\n`);
    else progress.write(`${paint("2", `store: ${recordingText(recorded)}`, color)}\n`);
  }
  return exitCodeOf(result, { maxTurns, json, io });
}

/** The exit code of a finished session; off `--json`, the renderer already showed why it stopped. */
function exitCodeOf(result: SubmitResult, context: { maxTurns: number; json: boolean; io: CliIo }): ExitCode {
  switch (result.stopReason) {
    case "completed":
    case "awaiting_input":
      return ExitCode.SUCCESS;
    case "aborted":
      return ExitCode.INTERRUPTED;
    default: {
      if (context.json) context.io.stderr.write(`factory: ${stopMessage(result, context.maxTurns)}\n`);
      return ExitCode.FAILURE;
    }
  }
}

/** Why a session stopped without finishing, in one line. */
function stopMessage(result: SubmitResult, maxTurns: number): string {
  switch (result.stopReason) {
    case "max_turns":
      return `the agent stopped at its turn limit (--max-turns ${maxTurns}) before finishing`;
    case "max_tool_rounds":
      return "the agent stopped at its tool round limit before finishing";
    case "context_length":
      return "the conversation no longer fits the model's context window";
    default:
      return `the agent stopped on an error: ${result.error instanceof Error ? result.error.message : String(result.error)}`;
  }
}

/** `agent: openai/gpt-5.2-codex (high effort) in /work/x`. */
function header(target: AgentTarget, workDir: string): string {
  const effort = target.reasoningEffort !== undefined ? ` (${target.reasoningEffort} effort)` : "";
  return `agent: ${target.provider}/${target.model}${effort} in ${workDir}`;
}

function createRenderer(options: {
  json: boolean;
  stdout: LineOutput;
  progress: LineOutput;
  io: CliIo;
  color: boolean;
}): AgentRenderer {
  if (options.json) return new JsonAgentRenderer(options.io.stdout);
  if (options.progress === options.stdout) {
    return new TextAgentRenderer({ out: options.stdout, err: options.io.stderr, color: options.color });
  }
  return new TextAgentRenderer({ out: options.progress, err: options.progress, color: false, answer: options.stdout });
}

/** `--max-turns`: a whole number >= 1; undefined means no limit (0). */
function parseMaxTurns(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw invalid(`invalid --max-turns ${value}: expected a whole number of at least 1`);
  }
  return Number(value);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}
