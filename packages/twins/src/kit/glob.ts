/**
 * Glob patterns for paths and model names: `*` matches any run of characters (including `/`),
 * `?` one character; everything else is literal. Matching is case-sensitive and whole-string.
 * @module
 */

const cache = new Map<string, RegExp>();

/** Compiles `pattern` to an anchored regular expression (cached). */
export function globToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  re = new RegExp(`^${body}$`, "s");
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** True when `value` matches the glob `pattern` (see the module doc). */
export function globMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}
