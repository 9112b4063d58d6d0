/**
 * Automatic prompt caching for Anthropic (unified-llm-spec §2.10, §8.6): `cache_control`
 * breakpoints injected into a Messages request body.
 *
 * Heuristic. Anthropic caches the prompt prefix up to each block marked
 * `cache_control: {type:"ephemeral"}` (at most 4 marks per request), in the order tools → system
 * → messages. An agent re-sends the same tools, the same system prompt and a conversation that
 * only grows, so three marks cover it:
 *   1. the last tool definition (the whole tool list),
 *   2. the last system block (tools + system),
 *   3. the last cacheable block of the conversation (text, image, document, tool_use,
 *      tool_result or search_result; never thinking blocks, which cannot carry a mark). On the
 *      next turn that prefix is read from the cache and the new turn is written after it.
 * Marks the caller set (on blocks, tools, or a top-level `cache_control`) count toward the limit
 * of 4 and are left alone; a location that already carries one is skipped, and a top-level
 * `cache_control` (the API's own automatic mark on the last block) replaces mark 3. Prefixes
 * shorter than the model's minimum (about 1024 tokens) are simply not cached by the API.
 *
 * Disable with `new AnthropicAdapter({ autoCache: false })` or, per request,
 * `providerOptions.anthropic.autoCache = false` (or `auto_cache = false`).
 * @module
 */

/** Anthropic's limit on `cache_control` marks per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

/** The mark the adapter injects (5-minute TTL, the API default). */
export const EPHEMERAL: Readonly<{ type: "ephemeral" }> = Object.freeze({ type: "ephemeral" });

const CACHEABLE_BLOCKS = new Set(["text", "image", "document", "tool_use", "tool_result", "search_result"]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasMark(value: unknown): boolean {
  return isObject(value) && value.cache_control !== undefined && value.cache_control !== null;
}

/** How many `cache_control` marks `body` carries (top-level, tools, system and every block, nested too). */
export function countCacheBreakpoints(body: Json): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (isObject(value)) {
      if (hasMark(value)) count++;
      for (const [key, child] of Object.entries(value)) if (key !== "cache_control") visit(child);
    }
  };
  visit(body);
  return count;
}

/** True when the body uses prompt caching (so the `prompt-caching-2024-07-31` beta applies). */
export function usesPromptCaching(body: Json): boolean {
  return countCacheBreakpoints(body) > 0;
}

/** Where mark 3 goes: the last cacheable block of the conversation, as [message, block] indexes. */
function lastCacheableBlock(messages: unknown): [number, number] | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let m = messages.length - 1; m >= 0; m--) {
    const content = (messages[m] as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (let b = content.length - 1; b >= 0; b--) {
      const block = content[b];
      if (isObject(block) && typeof block.type === "string" && CACHEABLE_BLOCKS.has(block.type)) {
        if (block.type === "text" && block.text === "") continue;
        return [m, b];
      }
    }
  }
  return undefined;
}

/**
 * Returns `body` with up to three breakpoints added (see the module comment), never exceeding
 * {@link MAX_CACHE_BREAKPOINTS} marks in all. The input is not modified; unchanged parts are shared.
 */
export function applyAutoCache<T extends Json>(body: T): T {
  let budget = MAX_CACHE_BREAKPOINTS - countCacheBreakpoints(body);
  if (budget <= 0) return body;
  const out: Json = { ...body };

  const tools = out.tools;
  if (Array.isArray(tools) && tools.length > 0 && budget > 0) {
    const last = tools[tools.length - 1];
    if (isObject(last) && !hasMark(last)) {
      out.tools = [...tools.slice(0, -1), { ...last, cache_control: EPHEMERAL }];
      budget--;
    }
  }

  const system = out.system;
  if (Array.isArray(system) && system.length > 0 && budget > 0) {
    const last = system[system.length - 1];
    if (isObject(last) && !hasMark(last)) {
      out.system = [...system.slice(0, -1), { ...last, cache_control: EPHEMERAL }];
      budget--;
    }
  }

  const where = hasMark(out) ? undefined : lastCacheableBlock(out.messages);
  if (where && budget > 0) {
    const [m, b] = where;
    const messages = [...(out.messages as Json[])];
    const content = [...(messages[m].content as Json[])];
    if (!hasMark(content[b])) {
      content[b] = { ...content[b], cache_control: EPHEMERAL };
      messages[m] = { ...messages[m], content };
      out.messages = messages;
    }
  }
  return out as T;
}
