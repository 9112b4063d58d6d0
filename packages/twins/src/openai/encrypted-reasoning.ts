/**
 * `encrypted_content` of reasoning items (`include: ["reasoning.encrypted_content"]`): opaque to
 * clients, and decodable by the twin when a client sends the item back (stateless multi-turn).
 * @module
 */

const PREFIX = "gAAAAABtwin";

/** The opaque token of `reasoning` (it starts like OpenAI's Fernet tokens). */
export function encryptReasoning(reasoning: string): string {
  return `${PREFIX}${Buffer.from(reasoning, "utf8").toString("base64url")}`;
}

/** The reasoning text of a token the twin made, or undefined for any other text. */
export function decryptReasoning(token: unknown): string | undefined {
  if (typeof token !== "string" || !token.startsWith(PREFIX)) return undefined;
  return Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8");
}
