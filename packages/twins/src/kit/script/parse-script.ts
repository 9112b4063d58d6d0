/**
 * Parses scripts from YAML or JSON text (JSON is read as YAML, so both report `file:line:col`),
 * and checks them strictly: an unknown key or a value of the wrong type is an error.
 * @module
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from "yaml";
import type { FinishReason } from "../conversation.js";
import { readFault } from "../faults/parse-fault.js";
import { isErrorFault } from "../faults/types.js";
import { optChoice, optNumber, optString, readList, readObject, ShapeError, type ValuePath } from "../shape.js";
import { ScriptError } from "../twin-error.js";
import { compileRegex } from "./match-rule.js";
import { CAPTURE_SOURCES, checkTemplate, type GroupInfo, groupsOf, TemplateError } from "./template.js";
import type {
  ReplyFunction,
  RuleMatch,
  Script,
  ScriptReply,
  ScriptRule,
  ScriptToolCall,
  UsageOverrides,
} from "./types.js";

const FINISH_REASONS: readonly FinishReason[] = ["stop", "length", "tool_calls", "content_filter"];
const RESPONSE_FORMATS = ["text", "json_object", "json_schema"] as const;

/** Options of {@link parseScript}. */
export interface ParseScriptOptions {
  /** File name used in error messages (default `<script>`). */
  file?: string;
}

/**
 * Parses and checks a script (see `Script`).
 * @throws ScriptError `file:line:col: what is wrong` for YAML/JSON syntax errors, unknown keys,
 *   wrong types, invalid regular expressions, rules without reply or fault.
 */
export function parseScript(text: string, options: ParseScriptOptions = {}): Script {
  return parseYamlValue(text, options.file ?? "<script>", toScript);
}

/**
 * Parses YAML/JSON `text` and converts it with `convert`, turning syntax errors and
 * {@link ShapeError}s into {@link ScriptError}s positioned in `text`.
 * @throws ScriptError
 */
export function parseYamlValue<T>(text: string, file: string, convert: (value: unknown) => T): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new ScriptError({ file, detail: syntax.message.split("\n")[0], line: pos.line, col: pos.col });
  }
  if (doc.contents === null) throw new ScriptError({ file, detail: "empty document" });
  try {
    return convert(doc.toJS());
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    const node = locate(doc.contents as Node, error.path, error.at);
    const offset = node?.range?.[0];
    const pos = offset !== undefined ? lineCounter.linePos(offset) : undefined;
    return throwAt(file, error.message, pos);
  }
}

function throwAt(file: string, detail: string, pos: { line: number; col: number } | undefined): never {
  throw new ScriptError({ file, detail, line: pos?.line, col: pos?.col });
}

/** The YAML node at `path` (the key node for `at: "key"`), or the deepest one found. */
function locate(root: Node, path: ValuePath, at: "key" | "value"): Node | undefined {
  let node: Node | undefined = root;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const items: unknown[] = node.items;
      const pair = items.find(
        (p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return node;
      if (i === path.length - 1 && at === "key") return pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** Converts a plain value (already parsed) to a checked script. @throws ShapeError */
export function toScript(value: unknown): Script {
  const obj = readObject(value, [], ["mode", "strict", "rules"]);
  const mode = optChoice(obj, "mode", [], ["free", "ordered"] as const) ?? "free";
  if (obj.rules === undefined) throw new ShapeError(["rules"], "missing 'rules'");
  const rules = readList(obj.rules, ["rules"]).map((rule, i) => readRule(rule, ["rules", i]));
  const script: Script = { mode, rules };
  if (obj.strict !== undefined) {
    if (typeof obj.strict !== "boolean") throw new ShapeError(["strict"], "expected true or false");
    script.strict = obj.strict;
  }
  return script;
}

function readRule(value: unknown, path: ValuePath): ScriptRule {
  const obj = readObject(value, path, ["name", "match", "reply", "fault", "times"]);
  const rule: ScriptRule = { match: obj.match === undefined ? {} : readMatch(obj.match, [...path, "match"]) };
  const name = optString(obj, "name", path);
  if (name !== undefined) rule.name = name;
  if (typeof obj.reply === "function") rule.reply = obj.reply as ReplyFunction;
  else if (obj.reply !== undefined) rule.reply = readReply(obj.reply, [...path, "reply"], groupInfo(rule.match));
  if (obj.fault !== undefined) rule.fault = readFault(obj.fault, [...path, "fault"]);
  const times = optNumber(obj, "times", path, { integer: true, min: 1 });
  if (times !== undefined) rule.times = times;
  if (!rule.reply && !rule.fault) throw new ShapeError(path, "a rule needs 'reply' or 'fault'");
  if (rule.reply && rule.fault && isErrorFault(rule.fault)) {
    throw new ShapeError(
      [...path, "fault"],
      `a '${rule.fault.kind}' fault replaces the reply: give 'reply' only with stream_cut, malformed_sse or slow`,
    );
  }
  return rule;
}

const REGEX_KEYS = { userText: "userTextRegex", toolResult: "toolResultRegex", system: "systemRegex" } as const;

/** The groups of a match's regular expressions (for checking a reply's placeholders). */
function groupInfo(match: RuleMatch): GroupInfo {
  const info: GroupInfo = {};
  for (const source of CAPTURE_SOURCES) {
    const regex = match[REGEX_KEYS[source]];
    if (regex !== undefined) info[source] = groupsOf(compileRegex(regex));
  }
  return info;
}

function readMatch(value: unknown, path: ValuePath): RuleMatch {
  const keys = [
    "model",
    "userText",
    "userTextRegex",
    "system",
    "systemRegex",
    "toolResult",
    "toolResultContains",
    "toolResultRegex",
    "hasTool",
    "responseFormat",
    "turn",
    "sequence",
    "predicate",
  ];
  const obj = readObject(value, path, keys);
  const match: RuleMatch = {};
  for (const key of ["model", "userText", "system", "toolResultContains", "hasTool"] as const) {
    const text = optString(obj, key, path);
    if (text !== undefined) match[key] = text;
  }
  for (const key of ["userTextRegex", "systemRegex", "toolResultRegex"] as const) {
    const source = optString(obj, key, path);
    if (source === undefined) continue;
    try {
      compileRegex(source);
    } catch (error) {
      throw new ShapeError([...path, key], `invalid regular expression: ${(error as Error).message}`);
    }
    match[key] = source;
  }
  if (obj.toolResult !== undefined) {
    if (typeof obj.toolResult !== "boolean" && (typeof obj.toolResult !== "string" || obj.toolResult === "")) {
      throw new ShapeError([...path, "toolResult"], "expected true, false, a call id or a tool name");
    }
    match.toolResult = obj.toolResult;
  }
  const format = optChoice(obj, "responseFormat", path, RESPONSE_FORMATS);
  if (format !== undefined) match.responseFormat = format;
  const turn = optNumber(obj, "turn", path, { integer: true, min: 1 });
  const sequence = optNumber(obj, "sequence", path, { integer: true, min: 1 });
  if (turn !== undefined) match.turn = turn;
  if (sequence !== undefined) match.sequence = sequence;
  if (obj.predicate !== undefined) {
    if (typeof obj.predicate !== "function") {
      throw new ShapeError([...path, "predicate"], "expected a function (scripts built in code only)");
    }
    match.predicate = obj.predicate as RuleMatch["predicate"];
  }
  return match;
}

/**
 * Checks a reply; with `groups`, its placeholders too (a reply function's result has none).
 * @throws ShapeError
 */
export function readReply(value: unknown, path: ValuePath, groups?: GroupInfo): ScriptReply {
  const obj = readObject(value, path, ["text", "json", "toolCalls", "reasoning", "finishReason", "usage"]);
  const reply: ScriptReply = {};
  const text = optString(obj, "text", path);
  const reasoning = optString(obj, "reasoning", path);
  const finishReason = optChoice(obj, "finishReason", path, FINISH_REASONS);
  if (text !== undefined && obj.json !== undefined)
    throw new ShapeError([...path, "json"], "give 'text' or 'json', not both");
  if (text !== undefined) reply.text = text;
  if (obj.json !== undefined) reply.json = obj.json;
  if (reasoning !== undefined) reply.reasoning = reasoning;
  if (finishReason !== undefined) reply.finishReason = finishReason;
  if (obj.toolCalls !== undefined) {
    reply.toolCalls = readList(obj.toolCalls, [...path, "toolCalls"]).map((call, i) =>
      readToolCall(call, [...path, "toolCalls", i]),
    );
  }
  if (obj.usage !== undefined) reply.usage = readUsage(obj.usage, [...path, "usage"]);
  if (groups) checkReplyTemplates(reply, path, groups);
  return reply;
}

/** Checks the placeholders of every string of a reply. @throws ShapeError at the first bad one. */
function checkReplyTemplates(reply: ScriptReply, path: ValuePath, groups: GroupInfo): void {
  const check = (text: string, at: ValuePath): void => {
    try {
      checkTemplate(text, groups);
    } catch (error) {
      if (error instanceof TemplateError) throw new ShapeError(at, error.message);
      throw error;
    }
  };
  const walk = (value: unknown, at: ValuePath): void => {
    if (typeof value === "string") check(value, at);
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, [...at, i]);
    else if (typeof value === "object" && value !== null)
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
  };
  if (reply.text !== undefined) check(reply.text, [...path, "text"]);
  if (reply.reasoning !== undefined) check(reply.reasoning, [...path, "reasoning"]);
  if (reply.json !== undefined) walk(reply.json, [...path, "json"]);
  for (const [i, call] of (reply.toolCalls ?? []).entries()) walk(call, [...path, "toolCalls", i]);
}

function readToolCall(value: unknown, path: ValuePath): ScriptToolCall {
  const obj = readObject(value, path, ["name", "arguments", "id"]);
  const name = optString(obj, "name", path);
  if (name === undefined || name === "") throw new ShapeError([...path, "name"], "missing 'name'");
  const call: ScriptToolCall = { name };
  const id = optString(obj, "id", path);
  if (id !== undefined) call.id = id;
  const args = obj.arguments;
  if (args !== undefined) {
    if (typeof args !== "string" && (typeof args !== "object" || args === null || Array.isArray(args))) {
      throw new ShapeError([...path, "arguments"], "expected a mapping (sent as JSON) or a string (sent as is)");
    }
    call.arguments = args as Record<string, unknown> | string;
  }
  return call;
}

function readUsage(value: unknown, path: ValuePath): UsageOverrides {
  const keys = [
    "inputTokens",
    "outputTokens",
    "reasoningTokens",
    "cachedInputTokens",
    "cacheWriteInputTokens",
  ] as const;
  const obj = readObject(value, path, keys);
  const usage: UsageOverrides = {};
  for (const key of keys) {
    const n = optNumber(obj, key, path, { integer: true, min: 0 });
    if (n !== undefined) usage[key] = n;
  }
  return usage;
}

/**
 * A checked script from YAML/JSON text or from an object (a `Script` built in code is checked as
 * strictly as a file).
 * @throws ScriptError
 */
export function loadScript(source: string | Script, options: ParseScriptOptions = {}): Script {
  if (typeof source === "string") return parseScript(source, options);
  try {
    return toScript(cloneData(source));
  } catch (error) {
    if (error instanceof ShapeError) throw new ScriptError({ file: options.file ?? "<script>", detail: error.message });
    throw error;
  }
}

/** A deep copy of plain data that keeps functions (reply functions, predicates) as they are. */
function cloneData<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = cloneData(item);
  return out as T;
}
