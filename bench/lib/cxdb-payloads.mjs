/**
 * 10 KB turn payloads for the cxdb suite: msgpack maps shaped like CXDB's `cxdb.ConversationItem`
 * (numeric field tags), holding prose, a tool call with JSON arguments, a code excerpt and some
 * random ids, so they compress about as well as real agent turns (zstd: roughly 3×).
 *
 * A pool of distinct payloads is built once; {@link TurnPayloads.get} copies one and writes a
 * unique 12-digit serial into it, so every append stores a new blob (no deduplication) at the cost
 * of one 10 KB copy.
 * @module
 */
import { encodeMsgpack as encode } from "@darkfactory/cxdb";

const WORDS = (
  "the a of to and in is that for it with as on be by this are from or at an which not have has " +
  "function return value error file path test build run module import export type interface class " +
  "const let async await promise request response server client store context turn append read " +
  "write commit transaction index query result status message user assistant tool call input output " +
  "change update fix check case step plan code line branch merge review issue report data field " +
  "string number array object map list key parse encode decode stream event handler config option " +
  "because then when where before after should would could will can may must need want see look " +
  "first next last each every other same different new old small large fast slow simple clear"
).split(" ");

const MARKER = "serial-000000000000";

/** A small seeded PRNG (mulberry32), so the payloads are the same in every run. */
function rng(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function prose(next, chars) {
  const out = [];
  let length = 0;
  while (length < chars) {
    const sentence = [];
    const n = 6 + Math.floor(next() * 14);
    for (let i = 0; i < n; i++) sentence.push(WORDS[Math.floor(next() * WORDS.length)]);
    if (next() < 0.2) sentence.push(`\`${WORDS[Math.floor(next() * WORDS.length)]}_${Math.floor(next() * 1e4)}()\``);
    const text = `${sentence.join(" ")}.`;
    out.push(text[0].toUpperCase() + text.slice(1));
    length += text.length + 1;
  }
  return out.join(" ");
}

function hex(next, bytes) {
  let s = "";
  for (let i = 0; i < bytes; i++)
    s += Math.floor(next() * 256)
      .toString(16)
      .padStart(2, "0");
  return s;
}

function code(next, lines) {
  const out = [];
  for (let i = 0; i < lines; i++) {
    const w = () => WORDS[Math.floor(next() * WORDS.length)];
    out.push(
      `${"  ".repeat(1 + Math.floor(next() * 3))}const ${w()}${i} = await ${w()}.${w()}(${w()}, ${Math.floor(next() * 1000)});`,
    );
  }
  return out.join("\n");
}

/** One ConversationItem-like payload of about `targetBytes` bytes. */
function buildPayload(seed, targetBytes) {
  const next = rng(seed);
  const build = (proseChars) =>
    encode(
      new Map([
        [1, "assistant_turn"],
        [2, "complete"],
        [3, 1_767_000_000_000 + seed * 1000],
        [4, MARKER],
        [
          10,
          new Map([
            [1, prose(rng(seed + 1), proseChars)],
            [
              2,
              [
                new Map([
                  [1, "tool_call"],
                  [2, "read_file"],
                  [
                    3,
                    JSON.stringify({
                      path: `src/${hex(next, 4)}/${WORDS[seed % WORDS.length]}.ts`,
                      offset: seed % 400,
                    }),
                  ],
                  [4, `call_${hex(next, 12)}`],
                ]),
              ],
            ],
          ]),
        ],
        [
          12,
          new Map([
            [1, code(next, 25)],
            [2, Array.from({ length: 8 }, () => hex(next, 32))],
          ]),
        ],
        [
          20,
          new Map([
            [1, "claude-opus-4-6"],
            [2, 1000 + (seed % 9000)],
            [3, 200 + (seed % 800)],
          ]),
        ],
      ]),
    );
  // Grow the prose until the whole payload reaches the target size.
  let chars = targetBytes / 2;
  let bytes = build(chars);
  while (bytes.byteLength < targetBytes) {
    chars += Math.max(16, targetBytes - bytes.byteLength);
    bytes = build(chars);
  }
  return bytes;
}

/** A pool of distinct payloads and a cheap way to make each append unique. */
export class TurnPayloads {
  /**
   * @param targetBytes size of each payload (default 10,240)
   * @param poolSize distinct payloads built up front (default 64)
   */
  constructor(targetBytes = 10_240, poolSize = 64) {
    this.targetBytes = targetBytes;
    this.pool = Array.from({ length: poolSize }, (_, i) => buildPayload(1000 + i, targetBytes));
    const marker = Buffer.from(MARKER);
    this.offsets = this.pool.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength).indexOf(marker) + 7);
    this.serial = 0;
  }

  /** A fresh copy of a pool payload with a serial no other payload of this run has. */
  next() {
    const n = this.serial++;
    const k = n % this.pool.length;
    const bytes = new Uint8Array(this.pool[k]);
    bytes.set(Buffer.from(String(n).padStart(12, "0")), this.offsets[k]);
    return bytes;
  }

  /** Mean size of the pool's payloads, in bytes. */
  get meanBytes() {
    return this.pool.reduce((sum, p) => sum + p.byteLength, 0) / this.pool.length;
  }
}
