/**
 * The execution environment every tool goes through (coding-agent-loop-spec §4.1): file
 * operations, commands, search, lifecycle and metadata. `LocalExecutionEnvironment` is the default;
 * other environments (Docker, SSH, remote) implement the same interface.
 * @module
 */

/** One entry of {@link ExecutionEnvironment.listDirectory}. */
export interface DirEntry {
  /** Path relative to the listed directory, `/`-separated. */
  name: string;
  isDir: boolean;
  /** File size in bytes; undefined for directories. */
  size?: number;
}

/** What a command produced (§4.1 ExecResult). */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Process exit code; -1 when it was killed by a signal (timeout or abort). */
  exitCode: number;
  timedOut: boolean;
  /** Wall-clock duration, ms. */
  durationMs: number;
  /** True when {@link ExecOptions.signal} aborted the command (the process group was killed). */
  aborted?: boolean;
}

/**
 * What {@link ExecutionEnvironment.grep} prints:
 * - `content` (default): matching lines as `path:line:text`; with context, context lines as
 *   `path-line-text` and `--` between non-adjacent groups (ripgrep's format).
 * - `files_with_matches`: one path per line, newest modification first.
 * - `count`: `path:N` per file with matches.
 */
export type GrepOutputMode = "content" | "files_with_matches" | "count";

/** Options of {@link ExecutionEnvironment.grep}. */
export interface GrepOptions {
  /** Only files whose path matches this glob (e.g. `*.ts`, `src/**`); no `/` = any depth. */
  globFilter?: string;
  caseInsensitive?: boolean;
  /** Stop after this many matching lines (`content`) or files (other modes). Default 100. */
  maxResults?: number;
  /** Default `content`. */
  outputMode?: GrepOutputMode;
  /** Lines of context before each match (`content` mode only). Default 0. */
  beforeContext?: number;
  /** Lines of context after each match (`content` mode only). Default 0. */
  afterContext?: number;
}

/** Options of {@link ExecutionEnvironment.glob}. */
export interface GlobOptions {
  /** Default true. */
  caseSensitive?: boolean;
}

/** Options of {@link ExecutionEnvironment.execCommand}. */
export interface ExecOptions {
  /** Kill the process group after this long, ms (SIGTERM, then SIGKILL 2 s later). */
  timeoutMs: number;
  /** Directory the command runs in; default the working directory. */
  workingDir?: string;
  /** Extra environment variables, added after the secret filter. */
  envVars?: Record<string, string>;
  /** Aborting kills the process group like a timeout does. */
  signal?: AbortSignal;
}

/**
 * §4.1 where tools run. Relative paths resolve against {@link workingDirectory}. Errors are thrown
 * as `Error`s whose message is fit to show the model (the tool layer turns them into error results).
 */
export interface ExecutionEnvironment {
  /**
   * Reads a text file. `offset` is the 1-based first line, `limit` the number of lines.
   * Without offset/limit returns the raw text unchanged; with them, the selected lines joined by
   * `\n` (line numbering is the tool's job).
   * @throws when the file does not exist, is a directory or binary, or is outside the allowed roots.
   */
  readFile(path: string, offset?: number, limit?: number): Promise<string>;
  /** Writes a file atomically (temp + rename), creating parent directories. */
  writeFile(path: string, content: string): Promise<void>;
  /**
   * Deletes a file (not a directory). Optional in custom environments; `apply_patch` needs it for
   * `*** Delete File` and `*** Move to`.
   * @throws when the file does not exist or is a directory.
   */
  deleteFile?(path: string): Promise<void>;
  fileExists(path: string): Promise<boolean>;
  /** Entries under `path` down to `depth` levels (1 = direct children). */
  listDirectory(path: string, depth: number): Promise<DirEntry[]>;
  /** Runs `command` through the platform shell in its own process group. */
  execCommand(command: string, options: ExecOptions): Promise<ExecResult>;
  /** Search results in the format of {@link GrepOutputMode} ("" when nothing matched). */
  grep(pattern: string, path: string, options?: GrepOptions): Promise<string>;
  /** Absolute paths of files matching `pattern` under `path`, newest modification first. */
  glob(pattern: string, path: string, options?: GlobOptions): Promise<string[]>;
  initialize(): Promise<void>;
  cleanup(): Promise<void>;
  /** Absolute working directory. */
  workingDirectory(): string;
  /** `linux`, `darwin`, `windows`, `wasm`. */
  platform(): string;
  osVersion(): string;
}
