/**
 * How `factory agent` shows a session's events (coding-agent-loop-spec §2.9): readable text —
 * the assistant's text as it streams, one line per tool call with a summary of its result,
 * warnings, and the usage at the end — or, with `--json`, every event as one JSON line.
 * Off a terminal the text goes to stderr and only the final answer to stdout.
 * @module
 */
import type { SessionEvent } from "@darkfactory/agent";
import { formatDuration } from "@darkfactory/attractor";
import { paint } from "./format.js";
import type { LineOutput } from "./line-output.js";

/** Totals of a session, for the last line. */
export interface AgentTotals {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  /** Assistant turns (LLM responses), subagents' included. */
  turns: number;
  toolCalls: number;
  failedToolCalls: number;
}

/** A consumer of session events. */
export interface AgentRenderer {
  event(event: SessionEvent): void;
  /** Prints the closing summary (text mode) and ends any open line. */
  finish(summary: { durationMs: number }): void;
  readonly totals: AgentTotals;
}

/** Counts usage and tool calls over every event (subagents' included). */
function countInto(totals: AgentTotals, event: SessionEvent): void {
  if (event.type === "subagent_event") {
    countInto(totals, event.event);
  } else if (event.type === "assistant_text_end") {
    totals.turns++;
    totals.inputTokens += event.usage.inputTokens;
    totals.outputTokens += event.usage.outputTokens;
    totals.cachedTokens += event.usage.cacheReadTokens ?? 0;
    totals.reasoningTokens += event.usage.reasoningTokens ?? 0;
  } else if (event.type === "tool_call_end") {
    totals.toolCalls++;
    if (event.isError) totals.failedToolCalls++;
  }
}

function emptyTotals(): AgentTotals {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    reasoningTokens: 0,
    turns: 0,
    toolCalls: 0,
    failedToolCalls: 0,
  };
}

/** `--json`: each event as one line on `out`, exactly as the session emitted it. */
export class JsonAgentRenderer implements AgentRenderer {
  readonly totals = emptyTotals();
  constructor(private readonly out: NodeJS.WritableStream) {}
  event(event: SessionEvent): void {
    countInto(this.totals, event);
    this.out.write(`${JSON.stringify(event)}\n`);
  }
  finish(): void {}
}

/** Options of {@link TextAgentRenderer}. */
export interface TextAgentRendererOptions {
  /** Assistant text, tool lines and the closing summary. */
  out: LineOutput;
  /** Warnings, errors and stop notices (may be `out` itself). */
  err: NodeJS.WritableStream;
  /** ANSI colours (a terminal that allows them). */
  color: boolean;
  /**
   * Where final answers go (assistant turns without tool calls), each followed by a newline,
   * instead of being streamed to `out`; assistant text that comes with tool calls still goes to
   * `out` once complete. Used off a terminal: stdout then holds the answer only.
   */
  answer?: NodeJS.WritableStream;
}

/**
 * Text: assistant text on `out` as it streams (deltas; see `answer` for the exception), a
 * `→ tool: what  ✓/✗ result (time)` line per finished tool call (subagents' prefixed with
 * `[agent id]`), warnings and errors on `err`, and `tokens: ...` at the end.
 */
export class TextAgentRenderer implements AgentRenderer {
  readonly totals = emptyTotals();
  readonly #out: LineOutput;
  readonly #err: NodeJS.WritableStream;
  readonly #color: boolean;
  readonly #answer: NodeJS.WritableStream | undefined;
  /** What each running call does (its command or file), by call id, for its result line. */
  readonly #toolCalls = new Map<string, string>();
  #streamed = false;

  constructor(options: TextAgentRendererOptions) {
    this.#out = options.out;
    this.#err = options.err;
    this.#color = options.color;
    this.#answer = options.answer;
  }

  event(event: SessionEvent): void {
    countInto(this.totals, event);
    this.#show(event, "");
  }

  finish(summary: { durationMs: number }): void {
    this.#out.endLine();
    const t = this.totals;
    const cached = t.cachedTokens > 0 ? ` (${n(t.cachedTokens)} cached)` : "";
    const reasoning = t.reasoningTokens > 0 ? ` (${n(t.reasoningTokens)} reasoning)` : "";
    const tools = `${count(t.toolCalls, "tool call")}${t.failedToolCalls > 0 ? ` (${t.failedToolCalls} failed)` : ""}`;
    const line = `tokens: ${n(t.inputTokens)} in${cached}, ${n(t.outputTokens)} out${reasoning} · ${count(t.turns, "turn")} · ${tools} · ${formatDuration(summary.durationMs)}`;
    this.#out.write(`${paint("2", line, this.#color)}\n`);
  }

  #show(event: SessionEvent, prefix: string): void {
    switch (event.type) {
      case "assistant_text_start":
        this.#streamed = false;
        break;
      case "assistant_text_delta":
        if (prefix !== "" || this.#answer !== undefined) break;
        this.#streamed = true;
        this.#out.write(event.delta);
        break;
      case "assistant_text_end":
        if (prefix === "" && !this.#streamed && event.text !== "") {
          if (this.#answer !== undefined && event.toolCalls.length === 0) this.#answer.write(`${event.text}\n`);
          else this.#out.write(event.text);
        }
        this.#out.endLine();
        break;
      case "tool_call_start":
        this.#toolCalls.set(event.callId, callSummary(event.arguments));
        break;
      case "tool_call_end":
        this.#out.endLine();
        this.#out.write(`${prefix}${this.#toolLine(event)}\n`);
        break;
      case "warning":
        this.#note(`${prefix}warning: ${event.message}`, "33");
        break;
      case "error":
        this.#note(`${prefix}error: ${event.error.message}`, "31");
        break;
      case "turn_limit":
        this.#note(`${prefix}stopped: ${event.limit} reached (${count(event.totalTurns, "turn")})`, "33");
        break;
      case "loop_detection":
        this.#note(`${prefix}loop detected: ${event.message}`, "33");
        break;
      case "subagent_event":
        this.#show(event.event, `${prefix}[${event.agentId}] `);
        break;
      default:
        break;
    }
  }

  #toolLine(event: Extract<SessionEvent, { type: "tool_call_end" }>): string {
    const ok = !event.isError;
    const mark = paint(ok ? "32" : "31", ok ? "✓" : "✗", this.#color);
    const what = this.#toolCalls.get(event.callId) ?? "";
    this.#toolCalls.delete(event.callId);
    const head = paint("2", `→ ${event.toolName}${what ? `: ${what}` : ""}`, this.#color);
    return `${head}  ${mark} ${resultSummary(event)} ${paint("2", `(${formatDuration(event.durationMs)})`, this.#color)}`;
  }

  #note(text: string, code: string): void {
    this.#out.endLine();
    this.#err.write(`${paint(code, text, this.#color)}\n`);
  }
}

/**
 * The command, file or pattern a tool call is about (the files of a patch, the paths of
 * `read_many_files`), on one line of at most 80 characters.
 */
export function callSummary(args: Record<string, unknown>): string {
  const pick = ["command", "file_path", "path", "dir_path", "pattern", "task", "agent_id"].find(
    (k) => typeof args[k] === "string",
  );
  let text = pick !== undefined ? String(args[pick]) : "";
  if (pick === undefined && typeof args.patch === "string") {
    const files = [...args.patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm)].map((m) => m[1].trim());
    text = files.join(", ");
  } else if (pick === undefined && Array.isArray(args.include)) {
    text = args.include.filter((item) => typeof item === "string").join(", ");
  }
  return clip(text.replace(/\s*\n\s*/g, " ⏎ "), 80);
}

/** `exit 1`, the error's first line, or the output's first line (at most 80 characters). */
export function resultSummary(event: { output: string; isError: boolean }): string {
  const exit = /^Exit code: (-?\d+)$/m.exec(event.output);
  if (exit) return `exit ${exit[1]}`;
  const first = event.output.split("\n").find((line) => line.trim() !== "") ?? "";
  return clip(first.trim(), 80);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `1 turn`, `3 turns`. */
function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

function n(value: number): string {
  return value.toLocaleString("en-US");
}
