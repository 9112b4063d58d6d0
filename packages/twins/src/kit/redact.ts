/**
 * Removes secrets from what the journal keeps: credential headers and API keys in query strings.
 * @module
 */

/** Headers whose value is a credential (lower-case). */
export const SECRET_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "x-goog-api-key",
  "api-key",
  "cookie",
  "set-cookie",
];

/** Query parameters that carry credentials (compared case-insensitively). */
export const SECRET_QUERY_PARAMS: readonly string[] = ["key", "api_key", "apikey", "access_token", "token"];

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Copies `headers` with lower-case names, list values joined by `, `, and secrets replaced by
 * {@link REDACTED} (an `Authorization` value keeps its scheme: `Bearer [redacted]`).
 */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = Array.isArray(rawValue) ? rawValue.join(", ") : String(rawValue);
    if (!SECRET_HEADERS.includes(name)) out[name] = value;
    else if (name.endsWith("authorization") && /^\S+\s+\S/.test(value))
      out[name] = `${value.split(/\s+/)[0]} ${REDACTED}`;
    else out[name] = REDACTED;
  }
  return out;
}

/** `url` (a path with an optional query) with the values of secret query parameters redacted. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = decodeSafe(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      return SECRET_QUERY_PARAMS.includes(name) && eq >= 0 ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${params.join("&")}`;
}

/** The query parameters of `url` as an object (last value wins), secrets redacted. */
export function redactedQuery(url: string): Record<string, string> {
  const q = url.indexOf("?");
  const out: Record<string, string> = {};
  if (q < 0) return out;
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    out[name] = SECRET_QUERY_PARAMS.includes(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
