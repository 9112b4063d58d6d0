/**
 * Running one shell command the way coding-agent-loop-spec §4.2 and §5.4 ask: `/bin/bash -c` in a
 * new process group, stdout and stderr captured apart (bounded in memory), and on timeout or abort
 * SIGTERM to the whole group, then SIGKILL after a grace period.
 * @module
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { CappedOutput } from "./capped-output.js";
import type { ExecResult } from "./types.js";

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Absolute directory to run in (must exist). */
  cwd: string;
  /** The complete environment of the command. */
  env: Record<string, string>;
  /** SIGTERM the group after this long, ms. */
  timeoutMs: number;
  /** Aborting kills the group like a timeout. */
  signal?: AbortSignal;
  /** Wait between SIGTERM and SIGKILL, ms. Default 2000 (§5.4). */
  killGraceMs?: number;
  /** Bytes kept per stream (head + tail). Default 4 MiB. */
  maxOutputBytes?: number;
  /**
   * After the shell exits, how long to wait for background children that still hold its stdout or
   * stderr open before returning without their output, ms. Default 200.
   */
  closeGraceMs?: number;
}

const IS_WINDOWS = process.platform === "win32";
/** setTimeout fires at once for delays above 2^31 - 1 ms; longer timeouts are capped to this. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `command` through the platform shell (`/bin/bash -c`, or `cmd.exe /c` on Windows).
 * Never rejects for a failing command: a non-zero exit, a timeout or an abort are in the result.
 * @throws only when the shell cannot be spawned at all.
 */
export function runCommand(command: string, options: RunCommandOptions): Promise<ExecResult> {
  const killGraceMs = options.killGraceMs ?? 2000;
  const closeGraceMs = options.closeGraceMs ?? 200;
  const stdout = new CappedOutput(options.maxOutputBytes);
  const stderr = new CappedOutput(options.maxOutputBytes);
  const started = performance.now();

  return new Promise<ExecResult>((resolvePromise, rejectPromise) => {
    const child = IS_WINDOWS
      ? spawn("cmd.exe", ["/d", "/s", "/c", command], { cwd: options.cwd, env: options.env, windowsHide: true })
      : spawn("/bin/bash", ["-c", command], {
          cwd: options.cwd,
          env: options.env,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
        });
    let timedOut = false;
    let aborted = false;
    let exitCode: number | null | undefined;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;

    const signalGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        if (IS_WINDOWS) child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const terminate = (): void => {
      if (killTimer) return;
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => signalGroup("SIGKILL"), killGraceMs);
      killTimer.unref();
    };
    const onAbort = (): void => {
      aborted = true;
      terminate();
    };
    const timeout = setTimeout(
      () => {
        if (exitCode !== undefined) return; // The shell already finished; only its pipes linger.
        timedOut = true;
        terminate();
      },
      Math.min(Math.max(0, options.timeoutMs), MAX_TIMER_MS),
    );

    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(closeTimer);
      options.signal?.removeEventListener("abort", onAbort);
      // A pending SIGKILL stays armed: group members that ignore SIGTERM die 2 s after it.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolvePromise({
        stdout: stdout.text("stdout"),
        stderr: stderr.text("stderr"),
        exitCode: exitCode ?? -1,
        timedOut,
        durationMs: Math.round(performance.now() - started),
        ...(aborted ? { aborted: true } : {}),
      });
    };

    child.stdout?.on("data", (chunk: Buffer) => stdout.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.write(chunk));
    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      options.signal?.removeEventListener("abort", onAbort);
      rejectPromise(new Error(`could not start the shell: ${error.message}`));
    });
    child.on("exit", (code) => {
      exitCode = code ?? -1;
      // Background children may keep the pipes open; do not wait for them forever.
      closeTimer = setTimeout(finish, closeGraceMs);
    });
    child.on("close", (code) => {
      if (exitCode === undefined) exitCode = code ?? -1;
      finish();
    });

    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });
}
