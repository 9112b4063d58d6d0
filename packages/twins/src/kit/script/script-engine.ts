/**
 * Runs a script: picks the rule that answers each model request, in `free` or `ordered` mode,
 * and keeps the position and per-rule counters until the next reset or load.
 * @module
 */
import type { Conversation } from "../conversation.js";
import { matchRule } from "./match-rule.js";
import type { Captures } from "./template.js";
import type { Script, ScriptRule } from "./types.js";

/** Most rules a strict-mode refusal explains one by one. */
const EXPLAINED_RULES = 10;

/** What the script says about one request. */
export type ScriptDecision =
  /** No script, or (free mode) no rule matches: the twin's default reply. */
  | { kind: "default"; sequence: number }
  /** Rule `index` (0-based) answers; `captures`: what its regular expressions captured. */
  | { kind: "rule"; index: number; rule: ScriptRule; sequence: number; captures: Captures }
  /**
   * Ordered mode: the request does not match the current rule, or the script is used up. Strict
   * mode: no rule answers (or no script is loaded).
   */
  | {
      kind: "mismatch";
      message: string;
      sequence: number;
      /** True when no rule of a free script matched (strict mode), false for an ordered script. */
      miss: boolean;
    };

/** The state of a script run, for the admin API. */
export interface ScriptState {
  mode: Script["mode"] | "none";
  /** Unmatched requests are refused (the script's `strict`, else the twin's option). */
  strict: boolean;
  /** Ordered mode: index of the current rule (equal to the rule count when used up). */
  position: number;
  /** Times each rule fired. */
  fired: number[];
  /** Model requests seen since the last reset or load. */
  requests: number;
}

/** One twin's script and its progress. */
export class ScriptEngine {
  private current: Script | undefined;
  private position = 0;
  private fired: number[] = [];
  private requests = 0;
  private readonly strictDefault: boolean;

  /** @param options.strict refuse unmatched requests when the script does not say (default false). */
  constructor(script?: Script, options: { strict?: boolean } = {}) {
    this.strictDefault = options.strict ?? false;
    this.load(script);
  }

  /** Whether unmatched requests are refused: the script's `strict`, else the engine's default. */
  get strict(): boolean {
    return this.current?.strict ?? this.strictDefault;
  }

  /** The loaded script, if any. */
  get script(): Script | undefined {
    return this.current;
  }

  /** Replaces the script (undefined: none) and starts it from the beginning. */
  load(script: Script | undefined): void {
    this.current = script;
    this.reset();
  }

  /** Starts the loaded script again from its first rule, with zeroed counters. */
  reset(): void {
    this.position = 0;
    this.fired = (this.current?.rules ?? []).map(() => 0);
    this.requests = 0;
  }

  /** Progress of the script. */
  state(): ScriptState {
    return {
      mode: this.current?.mode ?? "none",
      strict: this.strict,
      position: this.position,
      fired: [...this.fired],
      requests: this.requests,
    };
  }

  /** Decides the answer of one model request (and counts it). */
  next(conversation: Conversation): ScriptDecision {
    const sequence = ++this.requests;
    const script = this.current;
    if (!script) {
      if (!this.strict) return { kind: "default", sequence };
      return {
        kind: "mismatch",
        sequence,
        miss: true,
        message: `twin script (strict): request ${sequence}: no script is loaded`,
      };
    }
    if (script.mode === "free") {
      const reasons: string[] = [];
      for (const [index, rule] of script.rules.entries()) {
        if (rule.times !== undefined && this.fired[index] >= rule.times) {
          reasons.push(`${ruleLabel(rule, index)}: used up (times: ${rule.times})`);
          continue;
        }
        const outcome = matchRule(rule.match, conversation, { sequence });
        if (!outcome.ok) {
          reasons.push(`${ruleLabel(rule, index)}: ${outcome.why}`);
          continue;
        }
        this.fired[index]++;
        return { kind: "rule", index, rule, sequence, captures: outcome.captures };
      }
      if (!this.strict) return { kind: "default", sequence };
      const shown = reasons.slice(0, EXPLAINED_RULES);
      if (reasons.length > shown.length) shown.push(`... ${reasons.length - shown.length} more rules`);
      return {
        kind: "mismatch",
        sequence,
        miss: true,
        message: `twin script (strict): request ${sequence} matches no rule${shown.length > 0 ? `: ${shown.join("; ")}` : " (the script has none)"}`,
      };
    }
    const index = this.position;
    const rule = script.rules[index];
    if (!rule) {
      return {
        kind: "mismatch",
        sequence,
        miss: false,
        message: `twin script: request ${sequence} came after the ordered script ended (${script.rules.length} rules)`,
      };
    }
    const outcome = matchRule(rule.match, conversation, { sequence });
    if (!outcome.ok) {
      return {
        kind: "mismatch",
        sequence,
        miss: false,
        message: `twin script: request ${sequence} does not match ordered rule ${index + 1}${rule.name ? ` (${rule.name})` : ""}: ${outcome.why}`,
      };
    }
    this.fired[index]++;
    if (this.fired[index] >= (rule.times ?? 1)) this.position++;
    return { kind: "rule", index, rule, sequence, captures: outcome.captures };
  }
}

function ruleLabel(rule: ScriptRule, index: number): string {
  return `rule ${index + 1}${rule.name ? ` (${rule.name})` : ""}`;
}
