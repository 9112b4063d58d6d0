/**
 * The preamble transform (attractor-spec §9.2): carry-over text for a stage that does not reuse
 * the conversation (`fidelity` other than `full`), sized by mode (§5.4 token budgets, at about
 * four characters per token).
 * @module
 */
import type { FidelityMode } from "../handlers/types.js";
import type { Graph } from "../model/graph.js";
import { type Context, stringify } from "./context.js";
import { type Outcome, outcomeWord } from "./outcome.js";

/** What the run has done so far, as the preamble sees it. */
export interface PreambleState {
  graph: Graph;
  context: Context;
  runId: string;
  /** Completed stages in order, with their outcomes. */
  history: ReadonlyArray<{ nodeId: string; outcome: Outcome }>;
}

interface Budget {
  maxChars: number;
  stages: number;
  withNotes: boolean;
  contextKeys: number;
  valueChars: number;
  logEntries: number;
}

const BUDGETS: Record<Exclude<FidelityMode, "full" | "truncate">, Budget> = {
  compact: { maxChars: 4000, stages: 25, withNotes: false, contextKeys: 20, valueChars: 200, logEntries: 0 },
  "summary:low": { maxChars: 2400, stages: 6, withNotes: false, contextKeys: 6, valueChars: 120, logEntries: 0 },
  "summary:medium": { maxChars: 6000, stages: 15, withNotes: true, contextKeys: 15, valueChars: 300, logEntries: 10 },
  "summary:high": { maxChars: 12000, stages: 40, withNotes: true, contextKeys: 40, valueChars: 1000, logEntries: 30 },
};

/** Keys the engine keeps for itself; they mean nothing to a model. */
const HIDDEN_PREFIXES = ["internal.", "graph.model_stylesheet", "parallel.results"];

/**
 * Builds the carry-over text for `mode`. `full` gives "" (the session itself carries history);
 * `truncate` gives only the goal and run id.
 */
export function buildPreamble(mode: FidelityMode, state: PreambleState): string {
  if (mode === "full") return "";
  const lines: string[] = [];
  const goal = state.graph.goal;
  if (goal) lines.push(`Goal: ${goal}`);
  lines.push(`Run: ${state.runId}`);
  if (mode === "truncate") return lines.join("\n");
  const budget = BUDGETS[mode];
  const history = state.history.slice(-budget.stages);
  if (state.history.length > 0) {
    const skipped = state.history.length - history.length;
    lines.push("", `Completed stages (${state.history.length}${skipped > 0 ? `, last ${history.length} shown` : ""}):`);
    for (const { nodeId, outcome } of history) {
      let line = `- ${nodeId}: ${outcomeWord(outcome)}`;
      if (outcome.failureReason) line += ` — ${clip(outcome.failureReason, budget.valueChars)}`;
      else if (budget.withNotes && outcome.notes) line += ` — ${clip(outcome.notes, budget.valueChars)}`;
      lines.push(line);
    }
  }
  const keys = state.context
    .keys()
    .filter((k) => !HIDDEN_PREFIXES.some((p) => k.startsWith(p)))
    .slice(-budget.contextKeys);
  if (keys.length > 0) {
    lines.push("", "Context:");
    for (const key of keys) lines.push(`- ${key}: ${clip(stringify(state.context.get(key)), budget.valueChars)}`);
  }
  if (budget.logEntries > 0 && state.context.logs.length > 0) {
    lines.push("", "Recent log:");
    for (const entry of state.context.logs.slice(-budget.logEntries)) lines.push(`- ${clip(entry, budget.valueChars)}`);
  }
  const text = lines.join("\n");
  return text.length <= budget.maxChars ? text : `${text.slice(0, budget.maxChars - 1)}…`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
