/**
 * Configuration helpers the provider adapters share: environment values and API roots.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";

/** An environment variable's trimmed value; empty or whitespace-only counts as unset. */
export function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The API root for a configured base URL: a bare origin (`http://127.0.0.1:4103`, as a local
 * server or twin prints it) gets the provider's version path (`/v1`, `/v1beta`) appended; a URL
 * with any path is used as given. Trailing slashes are dropped.
 * @throws ConfigurationError when `baseUrl` is not an absolute URL.
 */
export function apiRoot(baseUrl: string, versionPath: string, provider: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new ConfigurationError({ message: `${provider}: base URL '${baseUrl}' is not an absolute URL`, cause });
  }
  const bare = url.pathname === "" || url.pathname === "/";
  return bare ? `${trimmed}${versionPath}` : trimmed;
}
