/**
 * `factory graph FILE [-o out.svg] [--run DIR] [--format svg|dot]`: draws a pipeline, optionally
 * coloured by the outcomes of a run.
 * @module
 */
import { type Graph, parseDot } from "@darkfactory/attractor";
import { type Command, Option } from "commander";
import { CliError, ExitCode } from "../cli/errors.js";
import { readTextFile, writeFileAtomic } from "../cli/files.js";
import { type CliIo, writeText } from "../cli/io.js";
import { renderDot, renderSvg } from "../render/svg.js";
import { type RunStatusReport, readRunStatus } from "../run-status.js";

/** Options of `factory graph`, as commander parses them. */
export interface GraphCommandOptions {
  /** Output file; stdout when absent. */
  output?: string;
  /** Run directory whose outcomes colour the nodes. */
  run?: string;
  /** `svg` (default) or `dot` (the styled DOT that would be laid out). */
  format: "svg" | "dot";
}

/** Registers `factory graph` on `program`. */
export function registerGraphCommand(program: Command, io: CliIo): void {
  program
    .command("graph")
    .description("render a pipeline as SVG (or styled DOT), optionally coloured by a run's outcomes")
    .argument("<file>", "pipeline DOT file")
    .option("-o, --output <file>", "write to this file (atomically) instead of stdout")
    .option("--run <dir>", "colour nodes by their outcome in this run directory (checkpoint.json, <node>/status.json)")
    .addOption(new Option("--format <format>", "output format").choices(["svg", "dot"]).default("svg"))
    .action(async (file: string, options: GraphCommandOptions) => {
      await graphCommand(file, options, io);
    });
}

/**
 * Runs `factory graph`: parses `file`, reads the run directory when asked, renders, and writes
 * the result to `options.output` (atomically) or to stdout. Warnings about unusable
 * `status.json` files go to stderr.
 * @throws CliError / DotSyntaxError, which the CLI reports (exit 2 for bad input, 1 for render
 *   or write failures).
 */
export async function graphCommand(file: string, options: GraphCommandOptions, io: CliIo): Promise<void> {
  const source = await readTextFile(file, io.cwd);
  const graph: Graph = parseDot(source, { file });
  let run: RunStatusReport | undefined;
  if (options.run !== undefined) {
    run = await readRunStatus(options.run, graph.nodes.keys(), io.cwd);
    for (const warning of run.warnings) io.stderr.write(`factory: warning: ${warning}\n`);
  }
  let text: string;
  if (options.format === "dot") {
    text = renderDot(graph, run);
  } else {
    try {
      text = await renderSvg(graph, run);
    } catch (cause) {
      throw new CliError({ message: (cause as Error).message, exitCode: ExitCode.FAILURE, cause });
    }
  }
  if (options.output !== undefined) await writeFileAtomic(options.output, text, io.cwd);
  else await writeText(io.stdout, text);
}
