/**
 * The script format shared by every LLM twin: rules that match a request (in its neutral
 * Conversation form) and say what the model answers, or which fault happens.
 * @module
 */
import type { Conversation, FinishReason, ResponseFormat } from "../conversation.js";
import type { Fault } from "../faults/types.js";
import type { Captures } from "./template.js";

/**
 * A script. `free` (default): the first rule that matches (and has `times` left) answers.
 * `ordered`: the rules are a conversation consumed in order; each request must match the current
 * rule, which answers and, once its `times` are used, gives way to the next.
 */
export interface Script {
  mode: "free" | "ordered";
  /**
   * A request no rule answers gets the provider's 400 error saying why each rule did not match,
   * instead of the default reply (free mode; ordered mode always refuses). Default: the twin's
   * `strict` option, else false.
   */
  strict?: boolean;
  rules: ScriptRule[];
}

/** Conditions on a request; all given ones must hold. An empty match matches every request. */
export interface RuleMatch {
  /** Glob on the model (`gpt-5*`). */
  model?: string;
  /**
   * Substring (case-sensitive) of the user text the request ends with: its last message, when
   * that is a user message with text. A request that ends with tool results has no user text, so
   * the rule for a question does not fire again on its tool-result follow-up.
   */
  userText?: string;
  /**
   * Regular expression on the same user text: `pattern` or `/pattern/flags`. Its groups fill the
   * reply's `{{match.N}}` / `{{userText.N}}` placeholders (see `template.ts`).
   */
  userTextRegex?: string;
  /** Substring of the system text. */
  system?: string;
  /** Regular expression on the system text (groups: `{{system.N}}`). */
  systemRegex?: string;
  /**
   * `true`: the request ends with tool results; a call id or tool name: one of them answers it;
   * `false`: the request does not end with tool results.
   */
  toolResult?: boolean | string;
  /** Substring of one of the tool results the request ends with. */
  toolResultContains?: string;
  /**
   * Regular expression on the tool results the request ends with: the first result it matches
   * gives the groups (`{{toolResult.N}}`).
   */
  toolResultRegex?: string;
  /** The request declares a tool of this name. */
  hasTool?: string;
  /** The output format the request asks for. */
  responseFormat?: ResponseFormat["type"];
  /** 1-based count of user turns (user messages with text) in the request. */
  turn?: number;
  /**
   * 1-based number of the request among the model requests the script has seen since the last
   * reset or load (requests refused by validation or answered by a fault rule do not count).
   */
  sequence?: number;
  /** In-process scripts only (not YAML): any test of the request. */
  predicate?: (conversation: Conversation) => boolean;
}

/** A tool call to answer with. */
export interface ScriptToolCall {
  name: string;
  /** Arguments: an object (sent as JSON) or text sent as is (may be deliberately malformed). */
  arguments?: Record<string, unknown> | string;
  /** Call id; minted in the provider's format when absent. */
  id?: string;
}

/** Usage numbers that replace the computed ones. */
export interface UsageOverrides {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** What the model answers. */
export interface ScriptReply {
  text?: string;
  /** Sent as the text, JSON-encoded (structured output). */
  json?: unknown;
  toolCalls?: ScriptToolCall[];
  /** Reasoning text (a reasoning item, thinking block or thought part). */
  reasoning?: string;
  /** Default `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: FinishReason;
  usage?: UsageOverrides;
}

/** What a reply function gets: the request and what the rule's regular expressions captured. */
export interface ReplyRequest {
  conversation: Conversation;
  captures: Captures;
  /** 1-based number of the request since the last reset. */
  sequence: number;
}

/**
 * A reply computed from the request (in-process scripts only). Its result is checked like a
 * script's reply; placeholders in it are not filled.
 */
export type ReplyFunction = (request: ReplyRequest) => ScriptReply | Promise<ScriptReply>;

/** One rule: a match and a reply or a fault (or both, when the fault is a stream fault). */
export interface ScriptRule {
  /** Shown in the journal and in mismatch messages. */
  name?: string;
  match: RuleMatch;
  /** A reply (its text, reasoning, JSON and tool calls may hold placeholders), or a function of the request. */
  reply?: ScriptReply | ReplyFunction;
  fault?: Fault;
  /** How often the rule may fire: default unlimited in `free` mode, 1 in `ordered` mode. */
  times?: number;
}
