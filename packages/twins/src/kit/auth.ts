/**
 * The auth hook: each twin's own credential check (`TwinDefinition.authenticate`) runs on every
 * provider request before its body is read, and a refusal is sent in the provider's shape.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { sendWireError } from "./send.js";
import type { TwinKit } from "./types.js";

/** Adds the definition's auth check as an `onRequest` hook of the provider context of `app`. */
export function installAuthHook(app: FastifyInstance, kit: TwinKit): void {
  const authenticate = kit.definition.authenticate;
  if (!authenticate) return;
  app.addHook("onRequest", async (request, reply) => {
    const refusal = authenticate(request, kit);
    if (refusal) return sendWireError(reply, refusal);
  });
}

/**
 * True when `key` may be used: with an allow-list (`TwinOptions.apiKeys`), only listed keys;
 * without, any non-empty key without spaces. Providers call this from `authenticate`.
 */
export function isAcceptedKey(key: string | undefined, kit: TwinKit): boolean {
  if (key === undefined || key === "" || /\s/.test(key)) return false;
  const allowed = kit.options.apiKeys;
  return allowed === undefined || allowed.includes(key);
}
