/**
 * Placeholders in script replies: values of the request substituted into the reply text,
 * reasoning, JSON and tool calls when a rule answers.
 *
 * `{{match.1}}` is group 1 of the rule's regular expression (`{{match.0}}` the whole match,
 * `{{match.city}}` the named group `(?<city>...)`); with several regular expressions in one rule,
 * `{{userText.1}}`, `{{toolResult.1}}` and `{{system.1}}` name the one of `userTextRegex`,
 * `toolResultRegex` and `systemRegex` (`match.` takes the first of them, in that order, that has
 * the group). `{{request.model}}`, `{{request.userText}}`, `{{request.toolResult}}` (the outputs
 * of the tool results the request ends with, joined by newlines), `{{request.sequence}}` and
 * `{{request.turn}}` are facts of the request. Spaces inside the braces are allowed. A group that
 * did not take part in the match is "". `\{{` is a literal `{{`; any other `{{` must start a
 * placeholder, and placeholders are checked when the script is read.
 * @module
 */
import { type Conversation, currentUserText, trailingToolResults, userTurns } from "../conversation.js";

/** The regular-expression matchers whose groups a reply can use. */
export const CAPTURE_SOURCES = ["userText", "toolResult", "system"] as const;

/** A regular-expression matcher of a rule (`userTextRegex` -> `userText`). */
export type CaptureSource = (typeof CAPTURE_SOURCES)[number];

/** What the rule's regular expressions captured: per matcher, the groups by number and by name. */
export type Captures = Partial<Record<CaptureSource, Readonly<Record<string, string>>>>;

/** Facts of the request that `{{request.*}}` placeholders name. */
export const REQUEST_FIELDS = ["model", "userText", "toolResult", "sequence", "turn"] as const;

/** What a reply's placeholders are filled from. */
export interface TemplateValues {
  captures: Captures;
  conversation: Conversation;
  /** 1-based number of the request since the last reset. */
  sequence: number;
}

/** The groups each regular expression of a rule has: numbered (count) and named. */
export type GroupInfo = Partial<Record<CaptureSource, { count: number; names: readonly string[] }>>;

const PLACEHOLDER = /\\\{\{|\{\{\s*([A-Za-z]+)\.([A-Za-z0-9_$]+)\s*\}\}|\{\{/g;

/** A placeholder that cannot be filled, or text that looks like one. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

/** Numbered and named groups of `regex`. */
export function groupsOf(regex: RegExp): { count: number; names: string[] } {
  const count = (new RegExp(`(?:${regex.source})|`, regex.flags.replace(/[gy]/g, "")).exec("")?.length ?? 1) - 1;
  const names = [...regex.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]);
  return { count, names };
}

/** True when `text` has a placeholder or an escaped `{{` (so it must go through {@link fillTemplate}). */
export function hasPlaceholders(text: string): boolean {
  return text.includes("{{");
}

/**
 * Checks the placeholders of `text` against the groups of the rule's regular expressions.
 * @throws TemplateError naming the first placeholder that cannot be filled.
 */
export function checkTemplate(text: string, groups: GroupInfo): void {
  if (!hasPlaceholders(text)) return;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[0] === "\\{{") continue;
    if (m[1] === undefined) {
      throw new TemplateError(
        `'{{' must start a placeholder such as {{match.1}} or {{request.model}} (write \\{{ for a literal '{{')`,
      );
    }
    const [whole, space, key] = m;
    if (space === "request") {
      if (!(REQUEST_FIELDS as readonly string[]).includes(key)) {
        throw new TemplateError(`${whole}: unknown request field '${key}' (known: ${REQUEST_FIELDS.join(", ")})`);
      }
      continue;
    }
    const sources: readonly CaptureSource[] =
      space === "match"
        ? CAPTURE_SOURCES
        : (CAPTURE_SOURCES as readonly string[]).includes(space)
          ? [space as CaptureSource]
          : [];
    if (sources.length === 0) {
      throw new TemplateError(
        `${whole}: unknown placeholder '${space}' (expected match, userText, toolResult, system or request)`,
      );
    }
    const has = sources.some((source) => {
      const info = groups[source];
      if (!info) return false;
      return /^\d+$/.test(key) ? Number(key) <= info.count : info.names.includes(key);
    });
    if (!has) {
      const regexes = sources.filter((s) => groups[s]).map((s) => `${s}Regex`);
      throw new TemplateError(
        regexes.length === 0
          ? `${whole}: the rule has no ${space === "match" ? "userTextRegex, toolResultRegex or systemRegex" : `${space}Regex`} to capture it`
          : `${whole}: ${regexes.join(" / ")} has no group '${key}'`,
      );
    }
  }
}

/** `text` with its placeholders filled (see the module doc). */
export function fillTemplate(text: string, values: TemplateValues): string {
  if (!hasPlaceholders(text)) return text;
  return text.replace(PLACEHOLDER, (whole, space: string | undefined, key: string | undefined) => {
    if (whole === "\\{{") return "{{";
    if (space === undefined || key === undefined) return whole;
    if (space === "request") return requestField(key, values);
    const sources: readonly CaptureSource[] = space === "match" ? CAPTURE_SOURCES : [space as CaptureSource];
    for (const source of sources) {
      const groups = values.captures[source];
      if (groups && key in groups) return groups[key];
    }
    return "";
  });
}

function requestField(key: string, values: TemplateValues): string {
  const conversation = values.conversation;
  switch (key) {
    case "model":
      return conversation.model;
    case "userText":
      return currentUserText(conversation);
    case "toolResult":
      return trailingToolResults(conversation)
        .map((r) => r.output)
        .join("\n");
    case "sequence":
      return String(values.sequence);
    case "turn":
      return String(userTurns(conversation));
    default:
      return "";
  }
}

/** The groups of a regular-expression match as a record: `"0"`, `"1"`, ... and the named ones. */
export function capturesOf(match: RegExpExecArray): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, value] of match.entries()) out[String(i)] = value ?? "";
  for (const [name, value] of Object.entries(match.groups ?? {})) out[name] = value ?? "";
  return out;
}
