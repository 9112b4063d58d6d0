// A deterministic tokenizer for the scripted providers: one token per word and per punctuation
// mark (close to what BPE tokenizers give for English), a flat price per image, and a small
// per-block overhead. Used for prompt blocks (input) and answers (output).
import type { ModelTurn, PromptBlock } from "./types.js";

/** Tokens every prompt block costs on top of its content (role markers, separators). */
export const BLOCK_OVERHEAD_TOKENS = 3;

/** Tokens of one image, whatever its size. */
export const IMAGE_TOKENS = 85;

/** Token count of `text`: words and punctuation marks. */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)?.length ?? 0;
}

/**
 * A prompt block for `content`. `key` is the canonical serialization (kind + JSON, cache marks
 * already removed by the caller); images cost {@link IMAGE_TOKENS}, the rest their text's tokens.
 */
export function promptBlock(kind: string, content: unknown, marked: boolean): PromptBlock {
  const json = JSON.stringify(content) ?? "";
  const tokens = kind === "image" ? IMAGE_TOKENS : countTokens(typeof content === "string" ? content : json);
  return { key: `${kind}:${json}`, tokens: tokens + BLOCK_OVERHEAD_TOKENS, marked };
}

/** Output tokens of an answer, and how many of them are reasoning. */
export function outputTokens(turn: ModelTurn): { output: number; reasoning: number } {
  const reasoning = turn.reasoning ? countTokens(turn.reasoning) : 0;
  let output = reasoning + (turn.text ? countTokens(turn.text) : 0);
  for (const call of turn.toolCalls ?? []) output += countTokens(call.name + JSON.stringify(call.args));
  return { output: Math.max(output, 1), reasoning };
}

/** Removes `cache_control` keys (at any depth) so that a block's key ignores where marks were put. */
export function withoutCacheMarks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCacheMarks);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== "cache_control") out[k] = withoutCacheMarks(v);
  return out;
}
