/**
 * Tool handler (attractor-spec §4.10): runs `tool_command` in a shell in its own process group,
 * streams stdout/stderr to the stage directory, and turns the exit status into an outcome. On
 * timeout or cancel the whole process group is terminated (SIGTERM, then SIGKILL).
 * @module
 */
import { writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { type Context, stringify } from "../engine/context.js";
import type { Outcome } from "../engine/outcome.js";
import { expandTemplate } from "../engine/template.js";
import type { Graph, Node } from "../model/graph.js";
import { runShellCommand } from "../util/shell.js";
import type { Handler, StageRuntime } from "./types.js";

/** Characters of stdout stored in the `tool.output` context key; the full text is in stdout.txt. */
export const TOOL_OUTPUT_CONTEXT_CHARS = 64 * 1024;

/** Options of {@link ToolHandler}. */
export interface ToolHandlerOptions {
  /** Working directory for commands; a node's `cwd` attribute is resolved against it. */
  cwd?: string;
  /** Environment for commands (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Shell to run commands with (default `/bin/sh`). */
  shell?: string;
}

/**
 * Runs shell commands (`shape=parallelogram`). The command sees `ATTRACTOR_STAGE_DIR`,
 * `ATTRACTOR_LOGS_ROOT`, `ATTRACTOR_NODE_ID`, `ATTRACTOR_RUN_ID`, `ATTRACTOR_ATTEMPT` and, when
 * the node has a `prompt`, `ATTRACTOR_PROMPT_FILE` (the prompt is also its stdin). It may write
 * `$ATTRACTOR_STAGE_DIR/status.json` to decide the outcome itself (Appendix C).
 */
export class ToolHandler implements Handler {
  constructor(private readonly options: ToolHandlerOptions = {}) {}

  async execute(node: Node, context: Context, graph: Graph, logsRoot: string, runtime: StageRuntime): Promise<Outcome> {
    const command = node.attrs.get("tool_command") ?? "";
    if (command.trim() === "") return { status: "fail", failureReason: "No tool_command specified" };
    const baseCwd = this.options.cwd ?? process.cwd();
    const nodeCwd = node.attrs.get("cwd");
    const cwd = nodeCwd ? (isAbsolute(nodeCwd) ? nodeCwd : resolve(baseCwd, nodeCwd)) : baseCwd;
    const promptTemplate = node.attrs.get("prompt");
    const prompt = promptTemplate ? expandTemplate(promptTemplate, graph, context) : undefined;
    const env: NodeJS.ProcessEnv = {
      ...(this.options.env ?? process.env),
      ATTRACTOR_STAGE_DIR: runtime.stageDir,
      ATTRACTOR_LOGS_ROOT: logsRoot,
      ATTRACTOR_NODE_ID: node.id,
      ATTRACTOR_RUN_ID: stringify(context.get("internal.run_id", "")),
      ATTRACTOR_ATTEMPT: String(runtime.attempt),
    };
    if (prompt !== undefined) {
      const promptFile = join(runtime.stageDir, "prompt.md");
      writeFileSync(promptFile, prompt);
      env.ATTRACTOR_PROMPT_FILE = promptFile;
    }
    writeFileSync(join(runtime.stageDir, "command.sh"), `${command}\n`);
    const result = await runShellCommand(command, {
      cwd,
      env,
      stdin: prompt ?? "",
      shell: this.options.shell ?? "/bin/sh",
      stdoutPath: join(runtime.stageDir, "stdout.txt"),
      stderrPath: join(runtime.stageDir, "stderr.txt"),
      signal: runtime.signal,
    });
    const output = result.stdout.replace(/\s+$/, "");
    const contextOutput =
      output.length > TOOL_OUTPUT_CONTEXT_CHARS
        ? `${output.slice(0, TOOL_OUTPUT_CONTEXT_CHARS)}\n[truncated: full output in ${join(runtime.stageDir, "stdout.txt")}]`
        : output;
    if (result.error) return { status: "fail", failureReason: `cannot run tool_command: ${result.error.message}` };
    if (result.exitCode === 0) {
      return {
        status: "success",
        contextUpdates: { "tool.output": contextOutput, "tool.last_line": lastLine(output), "tool.exit_code": 0 },
        notes: `Tool completed: ${command}`,
      };
    }
    const how = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
    const tail = result.stderrTail.trim();
    return {
      status: "fail",
      failureReason: tail ? `tool_command failed (${how}): ${tail}` : `tool_command failed (${how})`,
      contextUpdates: {
        "tool.output": contextOutput,
        "tool.last_line": lastLine(output),
        "tool.exit_code": result.exitCode ?? -1,
      },
    };
  }
}

/** The last non-empty line of the output (pipelines route on a final verdict line). */
function lastLine(output: string): string {
  const lines = output.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim()) return lines[i].trim();
  return "";
}
