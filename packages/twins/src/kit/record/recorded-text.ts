/**
 * Reading what a real API sent in record mode, for the providers' `readRecordedReply`: a whole
 * SSE text back into events (`event:` and `data:` lines, several `data:` lines joined by `\n`,
 * `\n` or `\r\n` line endings, comments skipped), JSON objects, and usage numbers.
 * @module
 */
import type { UsageOverrides } from "../script/types.js";

/** One event of an SSE text. */
interface SseTextEvent {
  /** The `event:` name, when the event has one. */
  event?: string;
  data: string;
}

/** The events of `text`, in order (events without data are dropped). */
function parseSseText(text: string): SseTextEvent[] {
  const out: SseTextEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
    }
    if (data.length > 0) out.push({ ...(event !== undefined ? { event } : {}), data: data.join("\n") });
  }
  return out;
}

/** The JSON data of each event (events whose data is not JSON, like `[DONE]`, are skipped). */
export function sseJson(text: string): { event?: string; data: Record<string, unknown> }[] {
  return parseSseText(text).flatMap((e) => {
    const data = jsonObject(e.data);
    return data ? [{ ...(e.event !== undefined ? { event: e.event } : {}), data }] : [];
  });
}

/** `text` parsed as a JSON object, or undefined when it is not one. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The usage overrides of `fields` whose values are numbers (the rest are left out). */
export function recordedUsage(fields: Partial<Record<keyof UsageOverrides, unknown>>): UsageOverrides {
  const usage: UsageOverrides = {};
  for (const [key, value] of Object.entries(fields) as [keyof UsageOverrides, unknown][]) {
    if (typeof value === "number") usage[key] = value;
  }
  return usage;
}
