/**
 * Environment variable filtering for commands (coding-agent-loop-spec §4.2): secrets stay out of the
 * agent's shell, core variables always go in, and a policy picks what else is inherited.
 * @module
 */

/**
 * Which parent variables a command inherits (§4.2 "env var policy"):
 * - `inherit_all` (default): everything except variables that look like secrets.
 * - `inherit_core`: only {@link CORE_ENV_VARS} (and language paths).
 * - `inherit_none`: nothing (start clean); only `allowEnv` and per-call variables.
 */
export type EnvPolicy = "inherit_all" | "inherit_core" | "inherit_none";

/** Variables always inherited under `inherit_all` and `inherit_core` (§4.2), including language paths. */
export const CORE_ENV_VARS: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "TERM",
  "TMPDIR",
  "TZ",
  // Language-specific paths.
  "GOPATH",
  "GOROOT",
  "GOBIN",
  "CARGO_HOME",
  "RUSTUP_HOME",
  "NVM_DIR",
  "NODE_PATH",
  "PNPM_HOME",
  "BUN_INSTALL",
  "DENO_DIR",
  "PYTHONPATH",
  "PYENV_ROOT",
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "JAVA_HOME",
  "GEM_HOME",
  "GEM_PATH",
  "RBENV_ROOT",
];

/**
 * Names never inherited unless listed in `allowEnv`, case-insensitive. The first five are §4.2's
 * `*_API_KEY`, `*_SECRET`, `*_TOKEN`, `*_PASSWORD`, `*_CREDENTIAL`; the bare names and the plural /
 * `*_ACCESS_KEY` / `*_PRIVATE_KEY` forms are extra caution (e.g. `AWS_SECRET_ACCESS_KEY`).
 */
export const SECRET_ENV_PATTERNS: readonly RegExp[] = [
  /(^|_)API_KEY$/i,
  /(^|_)SECRET$/i,
  /(^|_)TOKEN$/i,
  /(^|_)PASSWORD$/i,
  /(^|_)CREDENTIALS?$/i,
  /(^|_)(SECRET|PRIVATE)_(ACCESS_)?KEY$/i,
  /(^|_)ACCESS_KEY$/i,
];

/** True when `name` looks like a secret per {@link SECRET_ENV_PATTERNS}. */
export function isSecretEnvName(name: string): boolean {
  return SECRET_ENV_PATTERNS.some((pattern) => pattern.test(name));
}

/** Options of {@link filterEnvironment}. */
export interface EnvFilterOptions {
  /** Default `inherit_all`. */
  policy?: EnvPolicy;
  /** Names inherited whatever the policy and secret patterns say (exact, case-sensitive). */
  allowEnv?: readonly string[];
}

/**
 * The environment a command gets from `parent` under `options`. Secret-looking names are dropped in
 * every policy unless allowed explicitly; core names are kept under `inherit_all` and `inherit_core`.
 * Pure: `parent` is not modified.
 */
export function filterEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  options: EnvFilterOptions = {},
): Record<string, string> {
  const policy = options.policy ?? "inherit_all";
  const allowed = new Set(options.allowEnv ?? []);
  const core = new Set(CORE_ENV_VARS);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    const inherit =
      allowed.has(name) ||
      (policy === "inherit_all" && !isSecretEnvName(name)) ||
      (policy === "inherit_core" && core.has(name) && !isSecretEnvName(name));
    if (inherit) result[name] = value;
  }
  return result;
}
