/**
 * A small deterministic pseudo-random number generator (mulberry32), so that fault probabilities,
 * jitter and minted ids repeat exactly from one run to the next for the same seed.
 * @module
 */

/** A seeded generator: each call returns the next number in [0, 1). */
export type Prng = () => number;

/** Hashes `text` to a 32-bit seed (FNV-1a). */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Creates a generator. The same `seed` always gives the same sequence.
 * @param seed any number (its low 32 bits are used) or a string (hashed with {@link seedFrom}).
 */
export function createPrng(seed: number | string): Prng {
  let state = (typeof seed === "string" ? seedFrom(seed) : seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = "0123456789abcdef";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Mints provider-looking ids from a seeded generator. */
export interface IdSource {
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** `length` characters of [A-Za-z0-9]. */
  alnum(length: number): string;
}

/** An {@link IdSource} drawing from `random`. */
export function createIdSource(random: Prng): IdSource {
  const pick = (alphabet: string, length: number): string => {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
  return { hex: (length) => pick(HEX, length), alnum: (length) => pick(ALNUM, length) };
}
