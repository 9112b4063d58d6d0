/**
 * Arguments of a Web API call, read the way Slack reads them: from the query string and the body
 * (form-encoded or JSON), with strings standing for booleans, numbers and JSON values.
 * @module
 */
import { invalidArguments, slackError } from "../errors.js";

/** Bounds of {@link SlackArgs.int}. */
export interface IntBounds {
  min?: number;
  max?: number;
  /** Slack's error for a value out of bounds or not a number (default `invalid_arguments`). */
  error?: string;
}

/** The arguments of one call. */
export class SlackArgs {
  /** @param values query and body fields merged (the body wins). */
  constructor(readonly values: Readonly<Record<string, unknown>>) {}

  /** Query and body merged (`body` may be a form, a JSON object, or nothing). */
  static from(query: unknown, body: unknown): SlackArgs {
    const fromQuery = isRecord(query) ? query : {};
    const fromBody = isRecord(body) ? body : {};
    return new SlackArgs({ ...fromQuery, ...fromBody });
  }

  /** True when `name` is given and not empty. */
  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== "";
  }

  /** `name` as text, or undefined when absent or empty. */
  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
  }

  /** `name` as text. @throws SlackApiError `invalid_arguments` (or `error`) when absent. */
  required(name: string, error?: string): string {
    const value = this.string(name);
    if (value === undefined) throw error ? slackError(error) : invalidArguments(`missing required field: ${name}`);
    return value;
  }

  /** `name` as a boolean (`true`, `1`), or `fallback` when absent. */
  bool(name: string, fallback = false): boolean {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return fallback;
    if (typeof value === "boolean") return value;
    return ["true", "1"].includes(String(value).toLowerCase());
  }

  /**
   * `name` as an integer, or `fallback` when absent.
   * @throws SlackApiError (`bounds.error`, default `invalid_arguments`) for a malformed or out-of-bounds value.
   */
  int(name: string, fallback: number, bounds: IntBounds = {}): number {
    const text = this.string(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    const bad =
      !Number.isInteger(value) ||
      (bounds.min !== undefined && value < bounds.min) ||
      (bounds.max !== undefined && value > bounds.max);
    if (bad) throw bounds.error ? slackError(bounds.error) : invalidArguments(`invalid value for ${name}: ${text}`);
    return value;
  }

  /**
   * `name` as JSON (a JSON string is parsed; objects from a JSON body are taken as they are), or
   * undefined when absent.
   * @throws SlackApiError `error` (default `invalid_arguments`) for text that is not JSON.
   */
  json(name: string, error?: string): unknown {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      throw error ? slackError(error) : invalidArguments(`${name} must be valid JSON`);
    }
  }

  /** `name` as a JSON list (`blocks`, `attachments`). @throws SlackApiError `error` when it is not a list. */
  jsonList(name: string, error: string): unknown[] | undefined {
    const value = this.json(name, error);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw slackError(error);
    return value;
  }

  /** `name` as a JSON object (`view`). @throws SlackApiError `invalid_arguments` otherwise. */
  jsonObject(name: string): Record<string, unknown> | undefined {
    const value = this.json(name);
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw invalidArguments(`${name} must be a JSON object`);
    return value;
  }

  /** `name` as a list: a comma-separated text or a list. */
  list(name: string): string[] {
    const value = this.values[name];
    if (Array.isArray(value)) return value.map(String).filter((v) => v !== "");
    const text = this.string(name);
    return text === undefined
      ? []
      : text
          .split(",")
          .map((v) => v.trim())
          .filter((v) => v !== "");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
