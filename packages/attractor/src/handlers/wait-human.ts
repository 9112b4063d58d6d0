/**
 * Wait-for-human handler (attractor-spec §4.6): asks the Interviewer to choose among the node's
 * outgoing edges and routes on the answer. A `timeout` on the node bounds the wait; on timeout
 * `human.default_choice` (an edge target id or label) is used, else the stage asks to be retried.
 * @module
 */
import type { Context } from "../engine/context.js";
import type { Outcome } from "../engine/outcome.js";
import type { Answer, Interviewer, Question } from "../interviewer/types.js";
import { labelOf, readDurationMs } from "../model/attributes.js";
import type { Graph, Node } from "../model/graph.js";
import { normalizeLabel, parseAcceleratorKey } from "../model/labels.js";
import type { Handler, StageRuntime } from "./types.js";

/** One choice of a human gate: an outgoing edge. */
export interface HumanChoice {
  key: string;
  label: string;
  /** Target node id. */
  to: string;
}

/** The choices of a gate, one per outgoing edge, in edge order (§4.6 step 1). */
export function choicesOf(node: Node, graph: Graph): HumanChoice[] {
  return graph.outgoing(node.id).map((edge) => {
    const label = edge.attrs.get("label") || edge.to;
    return { key: parseAcceleratorKey(label), label, to: edge.to };
  });
}

/** The choice an answer designates: by key, label, target id or selected option; undefined if none. */
export function findChoice(answer: Answer, choices: readonly HumanChoice[]): HumanChoice | undefined {
  // The selected option's label is the most specific reference: keys can repeat ("Retry"/"Reject").
  const option = answer.selectedOption;
  if (option) {
    const byLabel =
      choices.find((ch) => ch.label === option.label) ??
      choices.find((ch) => normalizeLabel(ch.label) === normalizeLabel(option.label));
    if (byLabel) return byLabel;
  }
  const candidates = [answer.value, answer.text, option?.key].filter(
    (v): v is string => typeof v === "string" && v !== "",
  );
  for (const c of candidates) {
    const byKey = choices.find((ch) => ch.key.toLowerCase() === c.toLowerCase());
    if (byKey) return byKey;
    const byLabel = choices.find((ch) => ch.label === c || normalizeLabel(ch.label) === normalizeLabel(c));
    if (byLabel) return byLabel;
    const byTarget = choices.find((ch) => ch.to === c);
    if (byTarget) return byTarget;
  }
  return undefined;
}

/** The human gate handler (hexagon). Without an interviewer the stage fails with a clear reason. */
export class WaitForHumanHandler implements Handler {
  private questionCount = 0;

  constructor(private readonly interviewer: Interviewer | undefined) {}

  async execute(
    node: Node,
    _context: Context,
    graph: Graph,
    _logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome> {
    const choices = choicesOf(node, graph);
    if (choices.length === 0) return { status: "fail", failureReason: "No outgoing edges for human gate" };
    if (!this.interviewer) {
      return {
        status: "fail",
        failureReason: `human gate '${node.id}' needs an interviewer (run on a terminal, or pass --auto-approve)`,
      };
    }
    const defaultChoiceRef = node.attrs.get("human.default_choice");
    const defaultChoice = defaultChoiceRef ? findChoice({ value: defaultChoiceRef }, choices) : undefined;
    const timeoutMs = readDurationMs(node.attrs, "human.timeout") ?? readDurationMs(node.attrs, "timeout");
    const question: Question = {
      id: `${node.id}-${++this.questionCount}`,
      text: node.attrs.get("label") || node.attrs.get("prompt") || "Select an option:",
      type: "multiple_choice",
      options: choices.map((c) => ({ key: c.key, label: c.label })),
      stage: node.id,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      // The default is applied here on timeout (§4.6), not by the interviewer, so the timeout is observable.
      ...(defaultChoice ? { metadata: { default_choice: defaultChoice.label } } : {}),
    };
    runtime.emit({ type: "interview_started", question, stage: node.id });
    const started = Date.now();
    const answer = await this.interviewer.ask(question, runtime.signal);
    const durationMs = Date.now() - started;

    let selected: HumanChoice | undefined;
    if (answer.value === "timeout") {
      runtime.emit({ type: "interview_timeout", question, stage: node.id, durationMs });
      if (!defaultChoice) return { status: "retry", failureReason: "human gate timeout, no default" };
      selected = defaultChoice;
    } else if (answer.value === "skipped") {
      runtime.emit({ type: "interview_completed", question, answer, durationMs });
      return { status: "fail", failureReason: "human skipped interaction" };
    } else {
      runtime.emit({ type: "interview_completed", question, answer, durationMs });
      selected = findChoice(answer, choices) ?? choices[0];
    }
    return {
      status: "success",
      preferredLabel: selected.label,
      suggestedNextIds: [selected.to],
      contextUpdates: { "human.gate.selected": selected.key, "human.gate.label": selected.label },
      notes: `${labelOf(node)}: selected ${selected.label}`,
    };
  }
}
