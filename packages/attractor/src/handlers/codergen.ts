/**
 * Codergen handler (attractor-spec §4.5): builds the stage prompt, calls the CodergenBackend (or
 * simulates without one), and writes prompt.md and response.md in the stage directory.
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../engine/context.js";
import type { Outcome } from "../engine/outcome.js";
import { expandTemplate } from "../engine/template.js";
import { labelOf } from "../model/attributes.js";
import type { Graph, Node } from "../model/graph.js";
import { simulateOutcome } from "./simulation.js";
import type { CodergenBackend, CodergenRunOptions, Handler, StageRuntime, ToolHooks } from "./types.js";

/** Characters of the response kept in the `last_response` context key (§4.5). */
export const LAST_RESPONSE_CHARS = 200;

/** The prompt a codergen node runs: `prompt`, else `label`, with `$goal` and `${...}` expanded. */
export function buildStagePrompt(node: Node, graph: Graph, context: Context): string {
  return expandTemplate(node.attrs.get("prompt") || labelOf(node), graph, context);
}

/** Tool hook commands for a node: node attribute over graph attribute (§9.7). */
export function toolHooksOf(node: Node, graph: Graph): ToolHooks {
  const pre = node.attrs.get("tool_hooks.pre") ?? graph.attrs.get("tool_hooks.pre");
  const post = node.attrs.get("tool_hooks.post") ?? graph.attrs.get("tool_hooks.post");
  return { ...(pre ? { pre } : {}), ...(post ? { post } : {}) };
}

/** What a backend gets to know about the stage it runs (§4.5, §5.4, §9.7). */
export function backendOptions(node: Node, graph: Graph, runtime: StageRuntime): CodergenRunOptions {
  return {
    stageDir: runtime.stageDir,
    ...(runtime.branchPath !== undefined ? { branchPath: runtime.branchPath } : {}),
    signal: runtime.signal,
    fidelity: runtime.fidelity,
    threadId: runtime.threadId,
    preamble: runtime.preamble,
    toolHooks: toolHooksOf(node, graph),
    emit: runtime.emit,
    graph,
  };
}

/** The LLM task handler; `backend` undefined means simulation (§4.5). */
export class CodergenHandler implements Handler {
  constructor(private readonly backend: CodergenBackend | undefined) {}

  async execute(
    node: Node,
    context: Context,
    graph: Graph,
    _logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome | undefined> {
    const prompt = buildStagePrompt(node, graph, context);
    writeFileSync(join(runtime.stageDir, "prompt.md"), prompt);
    if (runtime.preamble) writeFileSync(join(runtime.stageDir, "preamble.md"), runtime.preamble);
    let responseText: string;
    let simulated: Outcome | undefined;
    if (this.backend) {
      const result = await this.backend.run(node, prompt, context, backendOptions(node, graph, runtime));
      if (result === undefined || typeof result === "object") return result;
      responseText = result;
    } else {
      responseText = `[Simulated] Response for stage: ${node.id}`;
      simulated = simulateOutcome(node, graph, context);
    }
    writeFileSync(join(runtime.stageDir, "response.md"), responseText);
    return {
      status: "success",
      ...simulated,
      notes: `Stage completed: ${node.id}`,
      contextUpdates: {
        ...simulated?.contextUpdates,
        last_stage: node.id,
        last_response: responseText.slice(0, LAST_RESPONSE_CHARS),
      },
    };
  }
}
