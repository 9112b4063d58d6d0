/**
 * Ready-made stop conditions for the tool loop (unified-llm-spec §5.6 `stop_when`).
 * @module
 */
import type { StopCondition } from "./types.js";

/** Stops once `count` steps have run. */
export function stepCountIs(count: number): StopCondition {
  return (steps) => steps.length >= count;
}

/** Stops after a step in which the model called the tool `name`. */
export function hasToolCall(name: string): StopCondition {
  return (steps) => steps.at(-1)?.toolCalls.some((call) => call.name === name) ?? false;
}
