/**
 * Deterministic embedding vectors for the twins' embedding endpoints (OpenAI `/v1/embeddings`,
 * Gemini `embedContent`): no model, the same vector on every machine, and texts that share words
 * point the same way, so a retrieval test ranks "weather in Paris" closer to "Paris weather
 * report" than to "banana bread".
 *
 * Each lower-cased word (a run of letters or digits) adds ±1 at 16 positions picked by a
 * generator seeded with the model and the word (signed feature hashing); the sum is scaled to
 * length 1. A text without words is hashed whole, so no vector is zero (should its ±1s cancel
 * out, the vector is the first axis).
 * @module
 */
import { createPrng } from "./prng.js";

/** Positions each word adds to. */
const FEATURES_PER_WORD = 16;

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The unit vector of `text` for `model`, with `dimensions` components.
 * @param model part of the seed: two models give unrelated vectors for one text.
 * @param dimensions a positive integer (the caller checks the model's limits).
 */
export function embedText(text: string, model: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const words = text.toLowerCase().match(WORD) ?? [text];
  for (const word of words) {
    const random = createPrng(`${model}\u0000${word}`);
    for (let k = 0; k < FEATURES_PER_WORD; k++) {
      const at = Math.floor(random() * dimensions);
      vector[at] += random() < 0.5 ? -1 : 1;
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  // Opposite signs can cancel out completely (one short word, few dimensions): fall back to one axis.
  if (norm === 0) {
    vector[0] = 1;
    norm = 1;
  }
  const scale = 1 / Math.sqrt(norm);
  return Array.from(vector, (value) => Math.fround(value * scale));
}

/** `vector` as OpenAI's `encoding_format: "base64"` sends it: little-endian float32s, base64. */
export function base64Floats(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) bytes.writeFloatLE(value, i * 4);
  return bytes.toString("base64");
}
