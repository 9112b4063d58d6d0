/**
 * Signatures of thinking blocks: opaque to clients (base64, like the API's), deterministic, and
 * verifiable by the twin when a client sends the block back. A signature carries the thinking
 * text and an HMAC over it, so a block whose text or signature was changed is refused, and a
 * block whose text was omitted (`display: "omitted"`) still tells the twin what was thought.
 * @module
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Every signature starts with these bytes (base64 `EuQB...`-like, as the API's do). */
const MAGIC = Buffer.from([0x12, 0xe4, 0x01, 0x74, 0x77, 0x69, 0x6e]);
const KEY = "darkfactory-anthropic-twin/thinking-signature/v1";
const MAC_BYTES = 32;

function mac(thinking: string): Buffer {
  return createHmac("sha256", KEY).update(thinking, "utf8").digest();
}

/** The signature of a thinking block whose text is `thinking` (same text, same signature). */
export function signThinking(thinking: string): string {
  return Buffer.concat([MAGIC, mac(thinking), Buffer.from(thinking, "utf8")]).toString("base64");
}

/**
 * The thinking text a signature vouches for, or undefined when `signature` is not one the twin
 * made or was altered.
 */
export function verifyThinkingSignature(signature: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return undefined;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length < MAGIC.length + MAC_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const sent = bytes.subarray(MAGIC.length, MAGIC.length + MAC_BYTES);
  const thinking = bytes.subarray(MAGIC.length + MAC_BYTES).toString("utf8");
  return timingSafeEqual(sent, mac(thinking)) ? thinking : undefined;
}
