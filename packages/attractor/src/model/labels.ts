/**
 * Edge-label helpers: accelerator keys (attractor-spec §4.6) and label normalization for
 * preferred-label edge selection (attractor-spec §3.3).
 * @module
 */

/**
 * The accelerator prefixes of attractor-spec §4.6, tried in order. Each captures the key
 * (one letter or digit) in group 1; the whole match is the prefix to strip.
 * - `[K] Label` (space after `]` optional)
 * - `K) Label` (space required, so `A)` alone is not a prefix)
 * - `K - Label` (spaces around the dash required, so `e-mail` keeps its `e-`)
 */
const ACCELERATOR_PREFIXES: readonly RegExp[] = [
  /^\[([\p{L}\p{N}])\]\s*/u,
  /^([\p{L}\p{N}])\)\s+/u,
  /^([\p{L}\p{N}])\s+-\s+/u,
];

/**
 * The accelerator key of an edge label (attractor-spec §4.6), uppercased.
 *
 * | label             | key |
 * |-------------------|-----|
 * | `[Y] Yes, deploy` | `Y` |
 * | `Y) Yes, deploy`  | `Y` |
 * | `Y - Yes, deploy` | `Y` |
 * | `yes, deploy`     | `Y` (first character) |
 *
 * Leading whitespace is ignored. A character whose uppercase form is longer (`ß`) is kept as is.
 * Never throws.
 * @param label The edge label (or target node id when the edge has no label).
 * @returns The key, one character; `""` when the label is empty or whitespace.
 */
export function parseAcceleratorKey(label: string): string {
  const trimmed = label.trim();
  for (const pattern of ACCELERATOR_PREFIXES) {
    const m = pattern.exec(trimmed);
    if (m) return upperKey(m[1]!);
  }
  // First code point, so a label that starts with an astral character keeps it whole.
  const [first] = trimmed;
  return first === undefined ? "" : upperKey(first);
}

/** Uppercases a one-character key unless that makes it longer (`ß` stays `ß`, not `SS`). */
function upperKey(char: string): string {
  const upper = char.toUpperCase();
  return Array.from(upper).length === 1 ? upper : char;
}

/**
 * The label without its accelerator prefix (`[Y] `, `Y) `, `Y - `), trimmed, case kept.
 * Used to display an option whose key is shown separately. A label that is only a prefix
 * (`[Y]`) becomes `""`. Never throws.
 * @example stripAcceleratorPrefix("  [A] Approve ") // "Approve"
 */
export function stripAcceleratorPrefix(label: string): string {
  const trimmed = label.trim();
  for (const pattern of ACCELERATOR_PREFIXES) {
    const m = pattern.exec(trimmed);
    if (m) return trimmed.slice(m[0].length).trim();
  }
  return trimmed;
}

/**
 * Normalizes a label for comparison (attractor-spec §3.3 step 2): lowercase, trim whitespace,
 * strip an accelerator prefix (`[Y] `, `Y) `, `Y - `). Edge selection compares
 * `normalizeLabel(edge.label) === normalizeLabel(outcome.preferredLabel)`. Never throws.
 * @example normalizeLabel("[A] Approve") // "approve"
 * @example normalizeLabel("  Y - Yes, Deploy ") // "yes, deploy"
 */
export function normalizeLabel(label: string): string {
  return stripAcceleratorPrefix(label).toLowerCase();
}
