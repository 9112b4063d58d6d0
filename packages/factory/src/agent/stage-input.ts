/**
 * What a codergen stage submits to its agent session: the carry-over preamble for a fresh session
 * (attractor-spec §5.4, §9.2), the stage's prompt (§4.5), and how to report an outcome through
 * `status.json` (Appendix C), naming the labels the stage's outgoing edges route on.
 * @module
 */
import path from "node:path";
import type { Graph, Node } from "@darkfactory/attractor";

/** What {@link stageInput} needs. */
export interface StageInputOptions {
  node: Node;
  graph: Graph;
  /** The expanded prompt (prompt.md). */
  prompt: string;
  /** §5.4 carry-over for a fresh session; "" for `full` fidelity. */
  preamble: string;
  stageDir: string;
  /** The run's working directory. */
  workDir: string;
}

/**
 * The user input of a stage. The status-file paragraph gives the absolute path of status.json
 * and says it is also `$ATTRACTOR_STAGE_DIR/status.json` in shell commands.
 */
export function stageInput(options: StageInputOptions): string {
  const parts: string[] = [];
  if (options.preamble.trim() !== "") {
    parts.push(`Context carried over from earlier stages of this pipeline:\n\n${options.preamble.trim()}`);
  }
  parts.push(options.prompt);
  parts.push(statusInstructions(options));
  return parts.join("\n\n---\n\n");
}

function statusInstructions(options: StageInputOptions): string {
  const { node, graph, stageDir, workDir } = options;
  const labels = graph
    .outgoing(node.id)
    .map((edge) => edge.attrs.get("label")?.trim() ?? "")
    .filter((label) => label !== "");
  const statusFile = path.join(stageDir, "status.json");
  const lines = [
    `You are working on stage \`${node.id}\` of the pipeline \`${graph.name}\`; the working directory is ${workDir}.`,
    `When you are done, reply with a short summary. To report an outcome other than success, write ${statusFile} ` +
      '(also `$ATTRACTOR_STAGE_DIR/status.json` in shell commands) as JSON: `{"outcome": "success" | "fail" | ' +
      '"retry" | "partial_success", "notes": "...", "preferred_label": "...", "context_updates": {"key": "value"}}`.',
  ];
  if (labels.length > 0) {
    lines.push(
      `The labels the next step can be chosen by (preferred_label): ${labels.map((l) => `"${l}"`).join(", ")}.`,
    );
  }
  return lines.join("\n");
}
