/**
 * Decides what the model answers to a Conversation: the script's rule (or its fault), or the
 * default echo reply; then computes the usage (token estimates, prompt cache) and applies the
 * request's output limit.
 * @module
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  type Answer,
  type AnswerToolCall,
  type Conversation,
  type FinishReason,
  lastUserText,
  trailingToolResults,
  type Usage,
} from "./conversation.js";
import { injectFault } from "./faults/apply-fault.js";
import { requestState } from "./request-state.js";
import { schemaInstance } from "./schema-instance.js";
import { readReply } from "./script/parse-script.js";
import type { ScriptDecision } from "./script/script-engine.js";
import { fillTemplate, type TemplateValues } from "./script/template.js";
import type { ReplyFunction, ScriptReply, UsageOverrides } from "./script/types.js";
import { sendWireError } from "./send.js";
import { ShapeError } from "./shape.js";
import { estimateTokens, truncateToTokens } from "./token-estimator.js";
import type { TwinKit } from "./types.js";

/** Provider specifics the answer needs. */
export interface AnswerHooks {
  /** Mints a tool-call id in the provider's format (`call_...`, `toolu_...`). */
  toolCallId(): string;
}

/** An answer before usage and limits. */
interface Draft {
  text: string;
  toolCalls: AnswerToolCall[];
  reasoning?: string;
  finishReason?: FinishReason;
  usage?: UsageOverrides;
}

/**
 * Answers one model request. Returns the Answer for the provider to render, or undefined when
 * the reply is already handled: an error fault of the script (sent in the provider's shape, or a
 * hang), or an ordered script that does not fit the request (the provider's `scriptMismatch`).
 * A stream fault of the script is kept on the request for `sendJson`/`sendSse`.
 */
export async function answerConversation(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  conversation: Conversation,
  hooks: AnswerHooks,
): Promise<Answer | undefined> {
  const decision = kit.script.next(conversation);
  const state = requestState(request);
  if (kit.recorder && (decision.kind === "default" || (decision.kind === "mismatch" && decision.miss))) {
    // Record mode: what the script does not answer goes to the real API (and is recorded).
    await kit.recorder.forward(request, reply, conversation);
    return undefined;
  }
  if (decision.kind === "mismatch") {
    sendWireError(reply, kit.definition.errors.scriptMismatch(decision.message));
    return undefined;
  }
  let draft: Draft;
  if (decision.kind === "rule") {
    const { rule, index } = decision;
    if (state) state.entry.scriptRule = rule.name ?? String(index + 1);
    if (rule.fault && (await injectFault(kit, request, reply, rule.fault))) return undefined;
    if (rule.reply) {
      const scripted = await scriptedReply(rule.reply, decision, conversation);
      if (typeof scripted === "string") {
        sendWireError(reply, kit.definition.errors.scriptMismatch(scripted));
        return undefined;
      }
      draft = fromReply(scripted, hooks);
    } else {
      draft = defaultDraft(conversation, hooks);
    }
  } else {
    draft = defaultDraft(conversation, hooks);
  }
  const answer = finalize(draft, conversation, kit);
  if (decision.kind === "rule") answer.ruleIndex = decision.index;
  return answer;
}

/**
 * The reply of a rule for this request: a static reply with its placeholders filled, or what the
 * rule's reply function returned (checked). A string is a message for the client: the function
 * threw or returned something that is not a reply.
 */
async function scriptedReply(
  source: ScriptReply | ReplyFunction,
  decision: Extract<ScriptDecision, { kind: "rule" }>,
  conversation: Conversation,
): Promise<ScriptReply | string> {
  const values: TemplateValues = { captures: decision.captures, conversation, sequence: decision.sequence };
  if (typeof source !== "function") return fillReply(source, values);
  const label = `rule ${decision.index + 1}${decision.rule.name ? ` (${decision.rule.name})` : ""}`;
  let produced: unknown;
  try {
    produced = await source({ conversation, captures: decision.captures, sequence: decision.sequence });
  } catch (error) {
    return `twin script: the reply function of ${label} threw: ${(error as Error)?.message ?? String(error)}`;
  }
  try {
    return readReply(produced, ["reply"]);
  } catch (error) {
    if (error instanceof ShapeError)
      return `twin script: the reply function of ${label} returned an invalid reply: ${error.message}`;
    throw error;
  }
}

/** `reply` with the placeholders of its strings filled (see `template.ts`). */
function fillReply(reply: ScriptReply, values: TemplateValues): ScriptReply {
  const fill = (text: string): string => fillTemplate(text, values);
  const out: ScriptReply = { ...reply };
  if (reply.text !== undefined) out.text = fill(reply.text);
  if (reply.reasoning !== undefined) out.reasoning = fill(reply.reasoning);
  if (reply.json !== undefined) out.json = fillStrings(reply.json, fill);
  if (reply.toolCalls !== undefined) out.toolCalls = reply.toolCalls.map((call) => fillStrings(call, fill));
  return out;
}

function fillStrings<T>(value: T, fill: (text: string) => string): T {
  if (typeof value === "string") return fill(value) as T;
  if (Array.isArray(value)) return value.map((item) => fillStrings(item, fill)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fillStrings(item, fill);
    return out as T;
  }
  return value;
}

function fromReply(reply: ScriptReply, hooks: AnswerHooks): Draft {
  return {
    text: reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? ""),
    toolCalls: (reply.toolCalls ?? []).map((call) => ({
      id: call.id ?? hooks.toolCallId(),
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
    })),
    ...(reply.reasoning !== undefined ? { reasoning: reply.reasoning } : {}),
    ...(reply.finishReason !== undefined ? { finishReason: reply.finishReason } : {}),
    ...(reply.usage !== undefined ? { usage: reply.usage } : {}),
  };
}

/**
 * The default reply (no script, or no free rule matched): a forced tool call (tool choice
 * `required` or a named tool) with a schema instance of its parameters; a schema instance for
 * `json_schema`; `{"echo": <last user text>}` for `json_object`; else `Echo: <text>`, where the
 * text is the outputs of the tool results the request ends with, or the last user text.
 * Reasoning (when the request asks for it) says what the reply will be.
 */
export function defaultDraft(conversation: Conversation, hooks: AnswerHooks): Draft {
  const last = lastUserText(conversation);
  const results = trailingToolResults(conversation);
  const reasoning = conversation.reasoning
    ? `The user wrote ${JSON.stringify(last.length > 60 ? `${last.slice(0, 57)}...` : last)}. I will echo it back.`
    : undefined;
  const base = reasoning !== undefined ? { reasoning } : {};
  const choice = conversation.toolChoice;
  const forced =
    choice.mode === "tool"
      ? (conversation.tools.find((t) => t.name === choice.name) ?? { name: choice.name })
      : choice.mode === "required"
        ? conversation.tools[0]
        : undefined;
  if (forced) {
    const args = schemaInstance(forced.parameters ?? { type: "object" });
    return {
      ...base,
      text: "",
      toolCalls: [{ id: hooks.toolCallId(), name: forced.name, arguments: JSON.stringify(args) }],
    };
  }
  const format = conversation.responseFormat;
  if (format.type === "json_schema")
    return { ...base, text: JSON.stringify(schemaInstance(format.schema)), toolCalls: [] };
  if (format.type === "json_object") return { ...base, text: JSON.stringify({ echo: last }), toolCalls: [] };
  const echoed = results.length > 0 ? results.map((r) => r.output).join("\n") : last;
  return { ...base, text: `Echo: ${echoed}`, toolCalls: [] };
}

/** Applies the output limit and computes usage (the cache is updated here). */
function finalize(draft: Draft, conversation: Conversation, kit: TwinKit): Answer {
  let { text, toolCalls, reasoning } = draft;
  let truncated = false;
  const limit = conversation.maxOutputTokens;
  let reasoningTokens = estimateTokens(reasoning ?? "");
  if (limit !== undefined) {
    if (reasoningTokens >= limit) {
      // The model ran out of tokens while reasoning: nothing visible, status incomplete.
      reasoning = reasoning === undefined ? undefined : truncateToTokens(reasoning, limit);
      reasoningTokens = limit;
      truncated = true;
      text = "";
      toolCalls = [];
    } else {
      const budget = limit - reasoningTokens;
      const cutText = truncateToTokens(text, budget);
      const callsFit = estimateTokens(cutText) + toolCallTokens(toolCalls) <= budget;
      if (cutText !== text || !callsFit) {
        truncated = true;
        text = cutText;
        if (!callsFit) toolCalls = [];
      }
    }
  }
  const outputTokens = Math.max(1, reasoningTokens + estimateTokens(text) + toolCallTokens(toolCalls));
  const inputTokens = conversation.promptBlocks.reduce((sum, block) => sum + block.tokens, 0);
  const cache = kit.cache.use(conversation.promptBlocks, conversation.model);
  const usage: Usage = {
    inputTokens,
    outputTokens,
    reasoningTokens,
    cachedInputTokens: cache.readTokens,
    cacheWriteInputTokens: cache.writeTokens,
    ...draft.usage,
  };
  const finishReason: FinishReason = truncated
    ? "length"
    : (draft.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"));
  return { text, toolCalls, ...(reasoning !== undefined ? { reasoning } : {}), finishReason, usage };
}

function toolCallTokens(calls: readonly AnswerToolCall[]): number {
  return calls.reduce((sum, call) => sum + estimateTokens(`${call.name} ${call.arguments}`), 0);
}
