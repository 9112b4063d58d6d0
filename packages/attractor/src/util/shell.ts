/**
 * Runs a shell command in its own process group, streaming stdout/stderr to files, with
 * cancellation that terminates the whole group (SIGTERM, then SIGKILL). Used by tool nodes and
 * tool call hooks.
 * @module
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

/** Grace period between SIGTERM and SIGKILL, in ms. */
export const KILL_GRACE_MS = 2000;
/** How long to wait for output still in the pipes after the shell exits, in ms. */
const DRAIN_MS = 200;
/** Bytes of stdout kept in memory (the file gets everything). */
export const STDOUT_CAPTURE_BYTES = 256 * 1024;
/** Characters of stderr kept in memory, from the end. */
export const STDERR_TAIL_CHARS = 2000;

/** Process groups of commands still running, so a process that must exit now can take them along. */
const running = new Set<number>();

/**
 * Sends `signal` (default SIGKILL) to the process group of every command still running, at once.
 * For a CLI that exits without waiting (a second Ctrl-C): detached groups would outlive it.
 * @returns how many groups were signalled.
 */
export function killRunningCommands(signal: NodeJS.Signals = "SIGKILL"): number {
  let count = 0;
  for (const pid of running) {
    try {
      process.kill(-pid, signal);
      count++;
    } catch {
      // Already gone.
    }
  }
  running.clear();
  return count;
}

/** Options of {@link runShellCommand}. */
export interface ShellCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Text written to the command's stdin (then closed). */
  stdin: string;
  /** Shell executable (default `/bin/sh`). */
  shell?: string;
  /** Where stdout/stderr go in full. */
  stdoutPath: string;
  stderrPath: string;
  /** Aborting terminates the process group. */
  signal: AbortSignal;
}

/** Result of one shell command. `error` is set when the shell could not be started. */
export interface ShellCommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The first {@link STDOUT_CAPTURE_BYTES} bytes of stdout, UTF-8. */
  stdout: string;
  /** The last {@link STDERR_TAIL_CHARS} characters of stderr. */
  stderrTail: string;
  error?: Error;
}

/** Runs `command` with `shell -c`, streaming output to files; never rejects. */
export function runShellCommand(command: string, options: ShellCommandOptions): Promise<ShellCommandResult> {
  return runCommand(command, { ...options, shell: options.shell ?? "/bin/sh" });
}

function runCommand(
  command: string,
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    stdin: string;
    shell: string;
    stdoutPath: string;
    stderrPath: string;
    signal: AbortSignal;
  },
): Promise<ShellCommandResult> {
  return new Promise((resolvePromise) => {
    const stdoutFile = createWriteStream(options.stdoutPath);
    const stderrFile = createWriteStream(options.stderrPath);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = "";
    const child = spawn(options.shell, ["-c", command], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (child.pid !== undefined) running.add(child.pid);
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const onAbort = () => {
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      stdoutFile.write(chunk);
      if (stdoutBytes < STDOUT_CAPTURE_BYTES) {
        stdout.push(chunk);
        stdoutBytes += chunk.length;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderrFile.write(chunk);
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
    });
    child.stdin.on("error", () => undefined); // the command may not read its stdin
    child.stdin.end(options.stdin);
    // A command that starts a background process (`server &`) leaves our pipes open after the
    // shell exits, so completion is the shell's exit plus a short drain, not the pipes' close.
    child.on("exit", (exitCode, signal) => {
      if (child.pid !== undefined) running.delete(child.pid);
      options.signal.removeEventListener("abort", onAbort);
      if (killTimer) {
        // Cancelled: the shell is gone; whatever else is left in its group goes now.
        clearTimeout(killTimer);
        killGroup("SIGKILL");
      }
      let settled = false;
      let drain: NodeJS.Timeout | undefined;
      const settle = () => {
        if (settled) return;
        settled = true;
        clearTimeout(drain);
        child.stdout.destroy();
        child.stderr.destroy();
        let pending = 2;
        const finish = () => {
          if (--pending > 0) return;
          resolvePromise({ exitCode, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderrTail });
        };
        stdoutFile.end(finish);
        stderrFile.end(finish);
      };
      child.once("close", settle);
      drain = setTimeout(settle, DRAIN_MS);
    });
    child.on("error", (error) => {
      // spawn failed (bad cwd, missing shell): there is no exit event.
      if (child.pid !== undefined) return;
      options.signal.removeEventListener("abort", onAbort);
      let pending = 2;
      const finish = () => {
        if (--pending === 0) resolvePromise({ exitCode: null, signal: null, stdout: "", stderrTail, error });
      };
      stdoutFile.end(finish);
      stderrFile.end(finish);
    });
  });
}
