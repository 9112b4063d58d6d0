/**
 * Turning typed responses into answers (attractor-spec §6.4 `find_matching_option`), shared by
 * the console and terminal interviewers.
 * @module
 */
import { normalizeLabel } from "../model/labels.js";
import type { Answer, Option } from "./types.js";

/**
 * The option a typed response selects, tried in this order:
 * 1. the option's key, case-insensitive (`a` selects key `A`), unless several options share that
 *    key (`[R] Retry`, `[R] Reject`): an ambiguous key selects nothing by itself;
 * 2. the option's label after {@link normalizeLabel} (`approve` selects `[A] Approve`);
 * 3. a 1-based position (`2` selects the second option).
 *
 * The response is trimmed first. Never throws.
 * @returns The option, or `undefined` when the response is empty or matches none.
 */
export function findMatchingOption(response: string, options: readonly Option[]): Option | undefined {
  const trimmed = response.trim();
  if (trimmed === "") return undefined;
  const upper = trimmed.toUpperCase();
  const byKey = options.filter((o) => o.key.trim().toUpperCase() === upper);
  if (byKey.length === 1) return byKey[0];
  const normalized = normalizeLabel(trimmed);
  const byLabel = options.find((o) => normalizeLabel(o.label) === normalized);
  if (byLabel) return byLabel;
  if (/^\d+$/.test(trimmed)) {
    const index = Number.parseInt(trimmed, 10) - 1;
    if (index >= 0 && index < options.length) return options[index];
  }
  return undefined;
}

/**
 * Reads a yes/no response: `y`/`yes` → `"yes"`, `n`/`no` → `"no"` (case-insensitive, trimmed).
 * @returns `undefined` for anything else, including the empty string.
 */
export function parseYesNo(response: string): "yes" | "no" | undefined {
  const v = response.trim().toLowerCase();
  if (v === "y" || v === "yes") return "yes";
  if (v === "n" || v === "no") return "no";
  return undefined;
}

/** The answer that selects `option` (attractor-spec §6.3): `{ value: option.key, selectedOption: option }`. */
export function answerForOption(option: Option): Answer {
  return { value: option.key, selectedOption: option };
}
