/**
 * Loop detection (coding-agent-loop-spec §2.10): tool-call signatures (name + arguments hash) and
 * the repeating-pattern check over the last N calls.
 * @module
 */
import { createHash } from "node:crypto";
import type { Turn } from "./types.js";

/** JSON with object keys sorted, so equal arguments give equal text whatever their key order. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** §2.10 a call's signature: `name:<sha256 of its arguments, 16 hex digits>`. */
export function toolCallSignature(name: string, args: Record<string, unknown>): string {
  return `${name}:${createHash("sha256").update(stableStringify(args)).digest("hex").slice(0, 16)}`;
}

/** The signatures of the tool calls in `history`, oldest first. */
export function extractToolCallSignatures(history: readonly Turn[]): string[] {
  const signatures: string[] = [];
  for (const turn of history) {
    if (turn.kind !== "assistant") continue;
    for (const call of turn.toolCalls) signatures.push(toolCallSignature(call.name, call.arguments));
  }
  return signatures;
}

/**
 * §2.10 `detect_loop`: true when the last `windowSize` signatures are one pattern of length 1, 2
 * or 3 repeated (the window must be a multiple of the pattern length). False when there are fewer
 * than `windowSize` signatures. Unlike the spec's pseudocode, a pattern must occur at least twice
 * (so a window of 3 varied calls is not "a pattern of length 3").
 */
export function detectLoop(signatures: readonly string[], windowSize: number): boolean {
  if (windowSize <= 0 || signatures.length < windowSize) return false;
  const recent = signatures.slice(-windowSize);
  for (const patternLen of [1, 2, 3]) {
    if (windowSize % patternLen !== 0 || windowSize / patternLen < 2) continue;
    let allMatch = true;
    for (let i = patternLen; i < windowSize && allMatch; i++) {
      if (recent[i] !== recent[i % patternLen]) allMatch = false;
    }
    if (allMatch) return true;
  }
  return false;
}

/** §2.10 the warning injected as a SteeringTurn. */
export function loopWarning(windowSize: number): string {
  return `Loop detected: the last ${windowSize} tool calls follow a repeating pattern. ` + "Try a different approach.";
}
