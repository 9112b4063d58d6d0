/**
 * The `factory` command line: builds the commander program, registers the commands, and turns
 * whatever they throw into one message and an exit code.
 * @module
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { ExitCode, reportError } from "./cli/errors.js";
import { type CliIo, processIo } from "./cli/io.js";
import { registerAgentCommand } from "./commands/agent.js";
import { registerGraphCommand } from "./commands/graph.js";
import { registerRunCommand } from "./commands/run.js";
import { registerStoreCommand } from "./commands/store.js";
import { registerTwinCommand } from "./commands/twin.js";
import { registerValidateCommand } from "./commands/validate.js";

/** Global options, available to every command (before or after the command name). */
export interface GlobalOptions {
  /** Print stack traces of errors. */
  debug?: boolean;
}

/**
 * Builds the `factory` program. Output goes to `io` only; commander errors are thrown as
 * `CommanderError` (never `process.exit`), so {@link main} can report them.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command("factory")
    .description("Dark Factory: validate, run and render Attractor pipelines; run coding agents; start twins")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--debug", "show stack traces of errors")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`factory: ${text.replace(/^error: /, "")}`),
      getOutHelpWidth: () => columns(io.stdout),
      getErrHelpWidth: () => columns(io.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(run 'factory --help' for usage)");

  // Commands, one module each (src/commands/<name>.ts), in the order `--help` lists them.
  registerValidateCommand(program, io);
  registerRunCommand(program, io);
  registerAgentCommand(program, io);
  registerGraphCommand(program, io);
  registerTwinCommand(program, io);
  registerStoreCommand(program, io);

  return program;
}

/**
 * Runs the CLI and resolves to the exit code ({@link ExitCode}); it never rejects and never calls
 * `process.exit`. The caller (bin/factory.js) sets `process.exitCode`.
 * @param argv `process.argv`-shaped: `[node, script, ...args]`.
 * @param io Streams, environment and cwd; the real process's by default.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: "node" });
    return ExitCode.SUCCESS;
  } catch (error) {
    const debug = (program.opts() as GlobalOptions).debug === true;
    return reportError(error, io, { debug });
  }
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function columns(stream: NodeJS.WritableStream): number {
  const width = (stream as { columns?: number }).columns;
  return typeof width === "number" && width > 0 ? width : 80;
}
