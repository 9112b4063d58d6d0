/**
 * Whether a script rule's match holds for a request, what its regular expressions captured, and
 * if it does not hold, why (for mismatch messages).
 * @module
 */
import { type Conversation, currentUserText, toolNameOf, trailingToolResults, userTurns } from "../conversation.js";
import { globMatch } from "../glob.js";
import { type Captures, capturesOf } from "./template.js";
import type { RuleMatch } from "./types.js";

/** Facts about the request that are not in the conversation. */
export interface MatchContext {
  /** 1-based number of this request among the model requests since the last reset. */
  sequence: number;
}

/** The outcome of {@link matchRule}: the captures when every condition holds, else why not. */
export type MatchOutcome = { ok: true; captures: Captures } | { ok: false; why: string };

const compiled = new Map<string, RegExp>();

/**
 * Compiles `pattern` or `/pattern/flags` (without `g` and `y`, so a test never depends on the
 * previous one). Compiled expressions are kept, so each source is compiled once.
 * @throws SyntaxError for an invalid expression.
 */
export function compileRegex(source: string): RegExp {
  const known = compiled.get(source);
  if (known) return known;
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(source);
  const regex = literal ? new RegExp(literal[1], literal[2].replace(/[gy]/g, "")) : new RegExp(source);
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(source, regex);
  return regex;
}

/**
 * Checks every condition of `match` against the request.
 * @returns undefined when all hold, else the first that does not, worded for a person.
 */
export function explainMismatch(
  match: RuleMatch,
  conversation: Conversation,
  context: MatchContext,
): string | undefined {
  const outcome = matchRule(match, conversation, context);
  return outcome.ok ? undefined : outcome.why;
}

/** Checks every condition of `match` against the request, collecting the regular expressions' groups. */
export function matchRule(match: RuleMatch, conversation: Conversation, context: MatchContext): MatchOutcome {
  const fail = (why: string): MatchOutcome => ({ ok: false, why });
  const captures: Captures = {};
  if (match.model !== undefined && !globMatch(match.model, conversation.model)) {
    return fail(`model '${conversation.model}' does not match '${match.model}'`);
  }
  if (match.sequence !== undefined && match.sequence !== context.sequence) {
    return fail(`this is request ${context.sequence}, not ${match.sequence}`);
  }
  if (match.turn !== undefined && match.turn !== userTurns(conversation)) {
    return fail(`this is user turn ${userTurns(conversation)}, not ${match.turn}`);
  }
  if (match.hasTool !== undefined && !conversation.tools.some((t) => t.name === match.hasTool)) {
    const names = conversation.tools.map((t) => t.name);
    return fail(
      `the request declares no tool '${match.hasTool}' (${names.length > 0 ? `tools: ${names.join(", ")}` : "no tools"})`,
    );
  }
  if (match.responseFormat !== undefined && match.responseFormat !== conversation.responseFormat.type) {
    return fail(`the response format is '${conversation.responseFormat.type}', not '${match.responseFormat}'`);
  }
  if (match.userText !== undefined || match.userTextRegex !== undefined) {
    const last = currentUserText(conversation);
    if (match.userText !== undefined && !last.includes(match.userText)) {
      return fail(`the user text ${quote(last)} does not contain ${quote(match.userText)}`);
    }
    if (match.userTextRegex !== undefined) {
      const found = compileRegex(match.userTextRegex).exec(last);
      if (!found) return fail(`the user text ${quote(last)} does not match ${match.userTextRegex}`);
      captures.userText = capturesOf(found);
    }
  }
  if (match.system !== undefined && !conversation.system.includes(match.system)) {
    return fail(`the system text does not contain ${quote(match.system)}`);
  }
  if (match.systemRegex !== undefined) {
    const found = compileRegex(match.systemRegex).exec(conversation.system);
    if (!found) return fail(`the system text does not match ${match.systemRegex}`);
    captures.system = capturesOf(found);
  }
  const results = trailingToolResults(conversation);
  if (match.toolResult === false && results.length > 0) return fail("the request ends with tool results");
  if (match.toolResult !== undefined && match.toolResult !== false) {
    if (results.length === 0) return fail("the request does not end with tool results");
    const wanted = match.toolResult;
    if (
      wanted !== true &&
      !results.some((r) => r.callId === wanted || (r.name ?? toolNameOf(conversation, r.callId)) === wanted)
    ) {
      return fail(`no tool result answers call or tool '${wanted}'`);
    }
  }
  if (match.toolResultContains !== undefined) {
    const wanted = match.toolResultContains;
    if (!results.some((r) => r.output.includes(wanted))) return fail(`no tool result contains ${quote(wanted)}`);
  }
  if (match.toolResultRegex !== undefined) {
    const regex = compileRegex(match.toolResultRegex);
    let found: RegExpExecArray | null = null;
    for (const result of results) {
      found = regex.exec(result.output);
      if (found) break;
    }
    if (!found) {
      return fail(
        results.length === 0
          ? "the request does not end with tool results"
          : `no tool result matches ${match.toolResultRegex}`,
      );
    }
    captures.toolResult = capturesOf(found);
  }
  if (match.predicate !== undefined && !match.predicate(conversation)) return fail("the predicate is false");
  return { ok: true, captures };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
