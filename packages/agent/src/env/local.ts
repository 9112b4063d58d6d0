/**
 * `LocalExecutionEnvironment`, the required default environment (coding-agent-loop-spec §4.2): files
 * on the local disk confined to the working directory, commands through `/bin/bash -c` in their own
 * process group with secret-free environments, ripgrep or native grep, tinyglobby glob.
 * @module
 */
import { mkdir, stat } from "node:fs/promises";
import { type as osType, release } from "node:os";
import { isAbsolute, relative, sep } from "node:path";
import { glob as tinyglob } from "tinyglobby";
import { type EnvPolicy, filterEnvironment } from "./env-filter.js";
import { runCommand } from "./exec.js";
import { deleteFile, listDir, readTextFile, writeFileAtomic } from "./file-ops.js";
import { grepNative } from "./grep-native.js";
import { findRipgrep, grepRipgrep } from "./grep-ripgrep.js";
import { DEFAULT_IGNORE_GLOBS } from "./ignore-globs.js";
import { PathConfiner } from "./paths.js";
import { type GrepRequest, sortByMtimeDesc } from "./search-common.js";
import type { DirEntry, ExecOptions, ExecResult, ExecutionEnvironment, GlobOptions, GrepOptions } from "./types.js";

/** Options of {@link LocalExecutionEnvironment}. */
export interface LocalExecutionEnvironmentOptions {
  /** The working directory; relative paths resolve against it and tools are confined to it. */
  workingDir: string;
  /** Further directories tools may read and write (absolute, or relative to `workingDir`). */
  allowedRoots?: readonly string[];
  /** Which parent variables commands inherit. Default `inherit_all` (minus secrets). */
  envPolicy?: EnvPolicy;
  /** Variable names passed through whatever the policy and the secret filter say. */
  allowEnv?: readonly string[];
  /** The parent environment to filter. Default `process.env`. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  /** Wait between SIGTERM and SIGKILL, ms. Default 2000 (§5.4). */
  killGraceMs?: number;
  /** Bytes of stdout and of stderr kept per command (head + tail). Default 4 MiB each. */
  maxOutputBytes?: number;
  /**
   * ripgrep: `true` (default) uses `rg` from `PATH` when present, `false` always uses the native
   * fallback, a string is the path of the `rg` binary.
   */
  ripgrep?: boolean | string;
}

/**
 * `pattern` relative to `cwd`: an absolute pattern inside `cwd` is made relative; one outside, or a
 * pattern with `..` segments, is refused so the walk never crawls beyond the search directory.
 */
function confinePattern(pattern: string, cwd: string, shownPath: string): string {
  let relativePattern = pattern;
  if (isAbsolute(pattern)) {
    const rel = relative(cwd, pattern);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`glob pattern ${pattern} is outside the search directory ${shownPath}; pass a relative pattern`);
    }
    relativePattern = rel.split(sep).join("/");
  }
  if (relativePattern.split("/").includes("..")) {
    throw new Error(`glob pattern ${pattern} may not contain ".."; set the path parameter to search another directory`);
  }
  return relativePattern;
}

/** Default maximum grep results (§3.3). */
const DEFAULT_GREP_MAX_RESULTS = 100;

/** §4.2 runs tools on this machine. Every method throws `Error`s with model-readable messages. */
export class LocalExecutionEnvironment implements ExecutionEnvironment {
  readonly #paths: PathConfiner;
  readonly #options: LocalExecutionEnvironmentOptions;
  #ripgrep: Promise<string | undefined> | undefined;
  /** Aborted by {@link cleanup}: kills every command still running. */
  #shutdown = new AbortController();
  readonly #running = new Set<Promise<ExecResult>>();

  constructor(options: LocalExecutionEnvironmentOptions) {
    this.#options = options;
    this.#paths = new PathConfiner(options.workingDir, options.allowedRoots);
  }

  /** Creates the working directory when it is missing. */
  async initialize(): Promise<void> {
    await mkdir(this.#paths.workingDir, { recursive: true });
    this.#paths.reset();
  }

  /**
   * Kills every command still running (SIGTERM to each process group, SIGKILL after the grace
   * period) and waits for them (Appendix B graceful shutdown). The environment stays usable.
   */
  async cleanup(): Promise<void> {
    this.#shutdown.abort();
    await Promise.allSettled([...this.#running]);
    this.#shutdown = new AbortController();
  }

  workingDirectory(): string {
    return this.#paths.workingDir;
  }

  platform(): string {
    return process.platform === "win32" ? "windows" : process.platform;
  }

  osVersion(): string {
    return `${osType()} ${release()}`;
  }

  /**
   * Resolves `path` against the working directory and checks confinement (symlinks followed).
   * @throws `path X is outside the working directory Y`.
   */
  resolvePath(path: string): Promise<string> {
    return this.#paths.resolve(path);
  }

  async readFile(path: string, offset?: number, limit?: number): Promise<string> {
    return readTextFile(await this.#paths.resolve(path), path, offset, limit);
  }

  async writeFile(path: string, content: string): Promise<void> {
    await writeFileAtomic(await this.#paths.resolve(path), content);
  }

  async deleteFile(path: string): Promise<void> {
    await deleteFile(await this.#paths.resolve(path), path);
  }

  async fileExists(path: string): Promise<boolean> {
    const absolute = await this.#paths.resolve(path);
    return stat(absolute).then(
      () => true,
      () => false,
    );
  }

  async listDirectory(path: string, depth: number): Promise<DirEntry[]> {
    return listDir(await this.#paths.resolve(path), path, Math.max(1, depth));
  }

  /**
   * Runs `command` with `/bin/bash -c` in a new process group (§4.2). On timeout, abort or
   * {@link cleanup} the group gets SIGTERM, then SIGKILL after `killGraceMs`. Never rejects for a
   * failing command.
   * @throws when the working directory is outside the allowed roots or missing.
   */
  async execCommand(command: string, options: ExecOptions): Promise<ExecResult> {
    // Taken before the awaits: a cleanup() during them replaces the controller, and this command
    // must still see that abort (it then starts already killed).
    const shutdown = this.#shutdown.signal;
    const cwd = await this.#paths.resolve(options.workingDir ?? ".");
    const info = await stat(cwd).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`working directory not found: ${options.workingDir ?? cwd}`);
    const env = {
      ...filterEnvironment(this.#options.baseEnv ?? process.env, {
        policy: this.#options.envPolicy,
        allowEnv: this.#options.allowEnv,
      }),
      ...options.envVars,
    };
    const run = runCommand(command, {
      cwd,
      env,
      timeoutMs: options.timeoutMs,
      signal: options.signal ? AbortSignal.any([options.signal, shutdown]) : shutdown,
      killGraceMs: this.#options.killGraceMs,
      maxOutputBytes: this.#options.maxOutputBytes,
    });
    this.#running.add(run);
    const forget = (): void => {
      this.#running.delete(run);
    };
    run.then(forget, forget);
    return run;
  }

  /**
   * Searches file contents under `path` (file or directory) with ripgrep when available, else the
   * native fallback; both print the same format. Paths print relative to the working directory.
   * @throws on an invalid regex or a missing path.
   */
  async grep(pattern: string, path: string, options: GrepOptions = {}): Promise<string> {
    const root = await this.#paths.resolve(path);
    if (!(await stat(root).catch(() => undefined))) throw new Error(`path not found: ${path}`);
    const request: GrepRequest = {
      pattern,
      root,
      workingDir: this.#paths.workingDir,
      display: (absolute) => this.#paths.display(absolute),
      options: {
        caseInsensitive: options.caseInsensitive ?? false,
        maxResults: Math.max(1, options.maxResults ?? DEFAULT_GREP_MAX_RESULTS),
        beforeContext: Math.max(0, options.beforeContext ?? 0),
        afterContext: Math.max(0, options.afterContext ?? 0),
        globFilter: options.globFilter,
        outputMode: options.outputMode,
      },
    };
    const rg = await this.#findRipgrep();
    return rg ? grepRipgrep(rg, request) : grepNative(request);
  }

  /**
   * Absolute paths of files matching `pattern` under `path`, newest modification first. Skips
   * `.git` and `node_modules` unless the pattern names them; never follows symlinks out.
   * @throws when `path` is missing or outside the allowed roots.
   */
  async glob(pattern: string, path: string, options: GlobOptions = {}): Promise<string[]> {
    const cwd = await this.#paths.resolve(path);
    const info = await stat(cwd).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`directory not found: ${path}`);
    const relativePattern = confinePattern(pattern, cwd, path);
    const ignore = DEFAULT_IGNORE_GLOBS.filter((glob) => !relativePattern.includes(glob.split("/")[1]));
    const found = await tinyglob(relativePattern, {
      cwd,
      absolute: true,
      dot: true,
      ignore,
      followSymbolicLinks: false,
      caseSensitiveMatch: options.caseSensitive ?? true,
    });
    return sortByMtimeDesc(found.filter((file) => this.#paths.contains(file)));
  }

  #findRipgrep(): Promise<string | undefined> {
    const choice = this.#options.ripgrep ?? true;
    if (choice === false) return Promise.resolve(undefined);
    if (typeof choice === "string") return Promise.resolve(choice);
    this.#ripgrep ??= findRipgrep();
    return this.#ripgrep;
  }
}
