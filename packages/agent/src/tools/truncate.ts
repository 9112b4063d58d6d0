/**
 * Tool output truncation (coding-agent-loop-spec §5.1–5.3): character truncation first (head/tail
 * or tail, with a visible warning), then line truncation, with per-tool defaults that
 * `SessionConfig.toolOutputLimits` / `toolLineLimits` override.
 * @module
 */

/** §5.1 which part of an over-long output survives. */
export type TruncationMode = "head_tail" | "tail";

/** Per-tool overrides, as in `SessionConfig` (§2.2 `tool_output_limits`, `tool_line_limits`). */
export interface ToolLimits {
  /** Tool name → maximum characters (UTF-16 code units). */
  toolOutputLimits?: Readonly<Record<string, number>>;
  /** Tool name → maximum lines. */
  toolLineLimits?: Readonly<Record<string, number>>;
}

/**
 * §5.2 default character limits. The first eight rows are the spec's table; `list_dir` and
 * `read_many_files` (Gemini profile) and the subagent tools `send_input`/`wait` follow their closest
 * spec sibling (glob, read_file, spawn_agent).
 */
export const DEFAULT_TOOL_OUTPUT_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  read_file: 50_000,
  shell: 30_000,
  grep: 20_000,
  glob: 20_000,
  edit_file: 10_000,
  apply_patch: 10_000,
  write_file: 1_000,
  spawn_agent: 20_000,
  list_dir: 20_000,
  read_many_files: 50_000,
  send_input: 20_000,
  wait: 20_000,
});

/** §5.2 truncation modes, same rows as {@link DEFAULT_TOOL_OUTPUT_LIMITS}. */
export const DEFAULT_TRUNCATION_MODES: Readonly<Record<string, TruncationMode>> = Object.freeze({
  read_file: "head_tail",
  shell: "head_tail",
  grep: "tail",
  glob: "tail",
  edit_file: "tail",
  apply_patch: "tail",
  write_file: "tail",
  spawn_agent: "head_tail",
  list_dir: "tail",
  read_many_files: "head_tail",
  send_input: "head_tail",
  wait: "head_tail",
});

/** §5.3 default line limits (tools not listed have none). `list_dir` follows glob. */
export const DEFAULT_TOOL_LINE_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  shell: 256,
  grep: 200,
  glob: 500,
  list_dir: 500,
});

/** Character limit and mode for tools without a default (custom tools), chars. */
export const FALLBACK_OUTPUT_LIMIT = 30_000;
/** Truncation mode for tools without a default (custom tools): keep the head and the tail. */
export const FALLBACK_TRUNCATION_MODE: TruncationMode = "head_tail";

/**
 * §5.1 `truncate_output`: returns `output` unchanged when it has at most `maxChars` characters;
 * otherwise keeps the first and last `floor(maxChars / 2)` characters (`head_tail`) or the last
 * `maxChars` (`tail`) around the spec's warning text, which states how many characters were removed.
 */
export function truncateOutput(output: string, maxChars: number, mode: TruncationMode): string {
  if (output.length <= maxChars) return output;
  const removed = output.length - maxChars;
  if (mode === "head_tail") {
    const half = Math.floor(maxChars / 2);
    return (
      output.slice(0, half) +
      "\n\n[WARNING: Tool output was truncated. " +
      removed +
      " characters were removed from the middle. " +
      "The full output is available in the event stream. " +
      "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n" +
      output.slice(output.length - half)
    );
  }
  return (
    "[WARNING: Tool output was truncated. First " +
    removed +
    " characters were removed. " +
    "The full output is available in the event stream.]\n\n" +
    output.slice(output.length - maxChars)
  );
}

/**
 * §5.3 `truncate_lines`: returns `output` unchanged when it has at most `maxLines` lines (split on
 * `\n`); otherwise the first `floor(maxLines / 2)` and last `maxLines - floor(maxLines / 2)` lines
 * around `[... N lines omitted ...]`.
 */
export function truncateLines(output: string, maxLines: number): string {
  const lines = output.split("\n");
  if (lines.length <= maxLines) return output;
  const headCount = Math.floor(maxLines / 2);
  const tailCount = maxLines - headCount;
  const omitted = lines.length - headCount - tailCount;
  return (
    lines.slice(0, headCount).join("\n") +
    "\n[... " +
    omitted +
    " lines omitted ...]\n" +
    lines.slice(lines.length - tailCount).join("\n")
  );
}

/**
 * §5.3 `truncate_tool_output`: character truncation with the tool's limit and mode (always), then
 * line truncation when the tool has a line limit. `limits` override the defaults per tool name.
 * Pure; never throws.
 */
export function truncateToolOutput(output: string, toolName: string, limits: ToolLimits = {}): string {
  const maxChars =
    own(limits.toolOutputLimits, toolName) ?? own(DEFAULT_TOOL_OUTPUT_LIMITS, toolName) ?? FALLBACK_OUTPUT_LIMIT;
  const mode = own(DEFAULT_TRUNCATION_MODES, toolName) ?? FALLBACK_TRUNCATION_MODE;
  let result = truncateOutput(output, maxChars, mode);
  const maxLines = own(limits.toolLineLimits, toolName) ?? own(DEFAULT_TOOL_LINE_LIMITS, toolName);
  if (maxLines !== undefined) result = truncateLines(result, maxLines);
  return result;
}

/** `record[key]` when it is the record's own property (a tool named `constructor` gets no prototype value). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
