/**
 * Line-sequence matching with increasing fuzz, shared by `apply_patch` hunks (coding-agent-loop-spec
 * Appendix A "Hunk Matching") and `edit_file`'s fallback (§3.3): exact, then ignoring trailing
 * whitespace, then ignoring whitespace differences, then also Unicode punctuation look-alikes.
 * @module
 */

/** How loosely a match was found, from strictest to loosest. */
export type MatchLevel = "exact" | "trailing_whitespace" | "whitespace" | "unicode";

/** Human wording of each level, for tool results. */
export const MATCH_LEVEL_DESCRIPTIONS: Readonly<Record<MatchLevel, string>> = {
  exact: "exact match",
  trailing_whitespace: "matched ignoring trailing whitespace",
  whitespace: "matched ignoring whitespace differences",
  unicode: "matched ignoring whitespace and Unicode punctuation differences",
};

const PUNCTUATION: ReadonlyArray<[RegExp, string]> = [
  [/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-"],
  [/[\u2018\u2019\u201A\u201B\u2032\uFF07]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\uFF02]/g, '"'],
  [/\u2026/g, "..."],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " "],
  [/\u200B|\u200C|\u200D|\u2060|\uFEFF/g, ""],
];

/** Replaces typographic dashes, quotes, ellipses and odd spaces by their ASCII forms. */
export function normalizePunctuation(text: string): string {
  let result = text.normalize("NFC");
  for (const [pattern, replacement] of PUNCTUATION) result = result.replace(pattern, replacement);
  return result;
}

const collapse = (text: string): string => text.trim().replace(/\s+/g, " ");

/** Each level's line normalizer, strictest first. */
export const MATCH_LEVELS: ReadonlyArray<[MatchLevel, (line: string) => string]> = [
  ["exact", (line) => line],
  ["trailing_whitespace", (line) => line.trimEnd()],
  ["whitespace", collapse],
  ["unicode", (line) => collapse(normalizePunctuation(line))],
];

function matchesAt(lines: readonly string[], pattern: readonly string[], at: number): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (lines[at + i] !== pattern[i]) return false;
  }
  return true;
}

/**
 * The first index `>= start` where `pattern` occurs in `lines`, trying each {@link MatchLevel} over
 * the whole range before loosening. With `atEnd`, the position that ends the file is tried first at
 * every level (an `*** End of File` hunk). An empty pattern matches at `start`.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  atEnd = false,
): { index: number; level: MatchLevel } | undefined {
  if (pattern.length === 0) return { index: start, level: "exact" };
  const last = lines.length - pattern.length;
  for (const [level, normalize] of MATCH_LEVELS) {
    const text = lines.map(normalize);
    const wanted = pattern.map(normalize);
    if (atEnd && last >= start && matchesAt(text, wanted, last)) return { index: last, level };
    for (let i = start; i <= last; i++) {
      if (matchesAt(text, wanted, i)) return { index: i, level };
    }
  }
  return undefined;
}

/**
 * Every non-overlapping index where `pattern` occurs, at the strictest level that finds any; used
 * to tell a unique fuzzy match from an ambiguous one.
 */
export function findAllSequences(
  lines: readonly string[],
  pattern: readonly string[],
): { indices: number[]; level: MatchLevel } | undefined {
  if (pattern.length === 0) return undefined;
  for (const [level, normalize] of MATCH_LEVELS) {
    const text = lines.map(normalize);
    const wanted = pattern.map(normalize);
    const indices: number[] = [];
    for (let i = 0; i <= lines.length - pattern.length; i++) {
      if (matchesAt(text, wanted, i)) {
        indices.push(i);
        i += pattern.length - 1;
      }
    }
    if (indices.length > 0) return { indices, level };
  }
  return undefined;
}
