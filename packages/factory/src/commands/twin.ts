/**
 * `factory twin start NAME... [--port N] [--script FILE] [--host HOST] [--record FILE
 * [--upstream URL]]`: starts provider twins (local clones of the LLM APIs) and keeps them running
 * until Ctrl-C; with `--record`, what the real API answers is recorded into a replayable script.
 * `--seed FILE` gives the slack twin its workspace.
 * @module
 */
import path from "node:path";
import {
  findTwin,
  listTwins,
  loadScript,
  loadSlackSeed,
  type RunningTwin,
  registerBuiltinTwins,
  type Script,
  ScriptError,
  type SlackTwinOptions,
  slackState,
  startTwin,
  TwinError,
  type TwinLogLevel,
} from "@darkfactory/twins";
import type { Command } from "commander";
import { CliError, ExitCode, exitWith } from "../cli/errors.js";
import { readTextFile } from "../cli/files.js";
import { type CliIo, writeText } from "../cli/io.js";
import { serveUntilInterrupted } from "../run/interrupt.js";

/** Options of `factory twin start`, as commander parses them. */
export interface TwinStartOptions {
  /** First port; several twins take N, N+1, ... (0: any free port each). Default: each twin's own port. */
  port?: string;
  /** Script (YAML or JSON) loaded into every twin. */
  script?: string;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Workspace seed (YAML or JSON) of the slack twin. */
  seed?: string;
  /**
   * Record mode: requests the script does not answer go to the real API, and its answers are
   * written to this script file (with several twins, one file each: `rec.yaml` -> `rec.openai.yaml`).
   */
  record?: string;
  /** With `record`: base URL of the API to record from (one twin only; default: each twin's real API). */
  upstream?: string;
}

/** Registers `factory twin` (and `factory twin start`) on `program`. */
export function registerTwinCommand(program: Command, io: CliIo): void {
  registerBuiltinTwins();
  const twin = program.command("twin").description("run digital twins of third-party services (the LLM providers)");
  twin
    .command("start")
    .description(`start twins and serve them until Ctrl-C (known: ${listTwins().join(", ")})`)
    .argument("<names...>", "twins to start, e.g. openai")
    .option("--port <n>", "port of the first twin; the next ones take n+1, n+2, ... (0: any free port)")
    .option("--script <file>", "script (YAML or JSON) every twin answers from")
    .option("--seed <file>", "workspace (YAML or JSON) of the slack twin: team, users, tokens, channels, messages")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--record <file>", "forward what the script does not answer to the real API and record it into FILE")
    .option("--upstream <url>", "with --record: the API to record from (default: the twin's real API)")
    .action(async (names: string[], options: TwinStartOptions) => {
      const code = await twinStartCommand(names, options, io);
      if (code !== ExitCode.SUCCESS) throw exitWith(code);
    });
}

/**
 * Runs `factory twin start`: checks the names, the port and the script, starts every twin, prints
 * one line per twin (`openai twin listening on http://127.0.0.1:4101
 * (OPENAI_BASE_URL=http://127.0.0.1:4101/v1)`), then waits for Ctrl-C (`io.onInterrupt`), closes
 * the twins and resolves to 0. A second Ctrl-C exits at once with 130 (`io.exit`). Server logs go
 * to stderr when env `FACTORY_TWIN_LOG` is set (`debug`: one line per request). With `--record`,
 * each line ends with `recording <upstream> to <file>`, and the files are complete before the
 * command resolves. The slack twin's line is followed by one naming its tokens.
 * @throws CliError exit 2 for an unknown twin, a bad port, an unreadable or invalid script or
 *   seed, `--seed` without the slack twin,
 *   `--upstream` without `--record` or with several twins; exit 1 when a twin cannot start (it
 *   cannot listen, or `--upstream` is not an http(s) URL; the ones already started are closed).
 */
export async function twinStartCommand(names: string[], options: TwinStartOptions, io: CliIo): Promise<ExitCode> {
  const unknown = names.filter((name) => !findTwin(name));
  if (unknown.length > 0) {
    throw invalid(
      `unknown twin${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `'${n}'`).join(", ")} (known: ${listTwins().join(", ")})`,
    );
  }
  const firstPort = parsePort(options.port, names.length);
  const script = options.script !== undefined ? await readScript(options.script, io) : undefined;
  const slack = options.seed !== undefined ? await readSlackSeed(options.seed, names, io) : undefined;
  const host = options.host ?? "127.0.0.1";
  const logLevel = parseLogLevel(io.env.FACTORY_TWIN_LOG);
  checkRecordOptions(options, names.length);

  const running: RunningTwin[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(
      running.splice(0).map(async (t) => {
        await t.kit.recorder?.flushed();
        await t.close().catch(() => undefined);
      }),
    );
  };
  try {
    for (const [i, name] of names.entries()) {
      const port = firstPort === undefined ? (findTwin(name)?.defaultPort ?? 0) : firstPort === 0 ? 0 : firstPort + i;
      running.push(
        await startTwin(name, {
          port,
          host,
          ...(script ? { script } : {}),
          ...(name === "slack" && slack ? { slack } : {}),
          ...(options.record !== undefined
            ? {
                record: {
                  file: recordFile(path.resolve(io.cwd, options.record), name, names.length),
                  ...(options.upstream !== undefined ? { upstream: options.upstream } : {}),
                },
              }
            : {}),
          logLevel,
          logStream: io.stderr,
        }),
      );
    }
  } catch (error) {
    await closeAll();
    if (TwinError.isInstance(error))
      throw new CliError({ message: error.message, exitCode: ExitCode.FAILURE, cause: error });
    throw error;
  }
  const lines = running.map((t) => {
    const env = findTwin(t.name)?.sdkBaseUrl?.env;
    const recorder = t.kit.recorder;
    const recording = recorder ? ` recording ${recorder.upstream} to ${recorder.options.file}` : "";
    const tokens = t.name === "slack" ? slackTokensLine(t) : "";
    return `${t.name} twin listening on ${t.url}${env ? ` (${env}=${t.sdkBaseUrl})` : ""}${recording}\n${tokens}`;
  });
  await writeText(io.stdout, lines.join(""));

  return serveUntilInterrupted(io, "stopping twins", closeAll);
}

const LOG_LEVELS: readonly TwinLogLevel[] = ["silent", "error", "warn", "info", "debug", "trace"];

/** `FACTORY_TWIN_LOG`: a log level, default `silent`. */
function parseLogLevel(value: string | undefined): TwinLogLevel {
  if (value === undefined || value === "") return "silent";
  if (!LOG_LEVELS.includes(value as TwinLogLevel)) {
    throw invalid(`FACTORY_TWIN_LOG must be one of ${LOG_LEVELS.join(", ")}, got '${value}'`);
  }
  return value as TwinLogLevel;
}

function parsePort(value: string | undefined, count: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65535) {
    throw invalid(`--port needs a port number (0-65535), got '${value}'`);
  }
  const port = Number(value);
  if (port !== 0 && port + count - 1 > 65535)
    throw invalid(`--port ${port}: ${count} twins need ports up to ${port + count - 1}`);
  return port;
}

async function readScript(file: string, io: CliIo): Promise<Script> {
  const text = await readTextFile(file, io.cwd);
  try {
    return loadScript(text, { file });
  } catch (error) {
    if (error instanceof ScriptError || TwinError.isInstance(error)) {
      throw new CliError({
        message: `invalid script ${(error as Error).message}`,
        exitCode: ExitCode.INVALID_INPUT,
        cause: error,
      });
    }
    throw error;
  }
}

/** `--upstream` needs `--record` and names one API, so it goes with one twin. */
function checkRecordOptions(options: TwinStartOptions, count: number): void {
  if (options.upstream === undefined) return;
  if (options.record === undefined) throw invalid("--upstream needs --record FILE");
  if (count > 1) throw invalid("--upstream names one API: give it with one twin (each twin records from its own API)");
}

/** The record file of twin `name`: `file` itself for one twin, else `rec.yaml` -> `rec.<name>.yaml`. */
function recordFile(file: string, name: string, count: number): string {
  if (count === 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${name}${ext}`;
}

/** Reads and checks `--seed FILE` for the slack twin. */
async function readSlackSeed(file: string, names: string[], io: CliIo): Promise<SlackTwinOptions> {
  if (!names.includes("slack")) throw invalid("--seed gives the slack twin its workspace: start slack too");
  const text = await readTextFile(file, io.cwd);
  try {
    loadSlackSeed(text, { file });
  } catch (error) {
    if (error instanceof ScriptError) {
      throw new CliError({ message: `invalid seed ${error.message}`, exitCode: ExitCode.INVALID_INPUT, cause: error });
    }
    throw error;
  }
  return { seed: text, seedFile: file };
}

/** `slack tokens: bot xoxb-... (@twinbot), user xoxp-... (@alice), app xapp-...` */
function slackTokensLine(twin: RunningTwin): string {
  const state = slackState(twin.kit);
  const tokens = [...state.tokens.values()].map((t) => {
    const user = t.userId === undefined ? undefined : state.users.get(t.userId);
    return `${t.kind} ${t.token}${user ? ` (@${user.name})` : ""}`;
  });
  return `slack tokens: ${tokens.join(", ") || "none"}\n`;
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}
