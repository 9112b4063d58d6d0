/**
 * The ripgrep grep backend (coding-agent-loop-spec §4.2 "use ripgrep for grep if available"): runs
 * `rg --json`, stops it once enough matches came in, and prints the same format as the native
 * fallback.
 * @module
 */
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { isWithin } from "./paths.js";
import { formatGrepContent, type GrepRecord, type GrepRequest, sortByMtimeDesc } from "./search-common.js";

/** Absolute path of `rg` on `PATH`, or undefined when it is not installed. */
export async function findRipgrep(path = process.env.PATH ?? ""): Promise<string | undefined> {
  const names = process.platform === "win32" ? ["rg.exe"] : ["rg"];
  for (const dir of path.split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir || ".", name);
      const ok = await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      );
      if (ok) return candidate;
    }
  }
  return undefined;
}

interface RgJsonEvent {
  type: string;
  data?: {
    path?: { text?: string; bytes?: string };
    lines?: { text?: string; bytes?: string };
    line_number?: number;
  };
}

/**
 * Searches with ripgrep at `rgPath` and returns the formatted output ("" when nothing matched).
 * @throws with ripgrep's own message on an invalid regex or a missing path.
 */
export async function grepRipgrep(rgPath: string, request: GrepRequest): Promise<string> {
  const { options } = request;
  const mode = options.outputMode ?? "content";
  const args = ["--no-config", "--no-messages", "--color", "never"];
  if (options.caseInsensitive) args.push("--ignore-case");
  if (options.globFilter) args.push("--glob", options.globFilter);
  // Like the native walker: node_modules is skipped even outside git repositories.
  if (!request.root.split(/[/\\]/).includes("node_modules")) args.push("--glob", "!node_modules");
  if (mode === "files_with_matches") args.push("--files-with-matches");
  else if (mode === "count") args.push("--count", "--with-filename", "--sort", "path");
  else {
    args.push("--json", "--sort", "path");
    if (options.beforeContext > 0) args.push("--before-context", String(options.beforeContext));
    if (options.afterContext > 0) args.push("--after-context", String(options.afterContext));
  }
  const target = isWithin(request.workingDir, request.root)
    ? relative(request.workingDir, request.root) || "."
    : request.root;
  args.push("--regexp", request.pattern, "--", target);

  const records: GrepRecord[] = [];
  const plain: string[] = [];
  let matches = 0;
  const { stderr, code, stopped } = await runRg(rgPath, args, request.workingDir, (line, stop) => {
    if (mode !== "content") {
      plain.push(line);
      if (mode === "count" && plain.length >= options.maxResults) stop();
      return;
    }
    const event = JSON.parse(line) as RgJsonEvent;
    if ((event.type !== "match" && event.type !== "context") || !event.data) return;
    const path = resolve(request.workingDir, decode(event.data.path));
    const text = decode(event.data.lines).replace(/\r?\n$/, "");
    records.push({ path, line: event.data.line_number ?? 0, text, isMatch: event.type === "match" });
    if (event.type === "match" && ++matches >= options.maxResults) stop();
  });
  if (!stopped && code === 2 && records.length === 0 && plain.length === 0) {
    throw new Error(`grep failed: ${stderr.trim() || "ripgrep exited with status 2"}`);
  }

  if (mode === "files_with_matches") {
    const sorted = await sortByMtimeDesc(plain.map((path) => resolve(request.workingDir, path)));
    return sorted.slice(0, options.maxResults).map(request.display).join("\n");
  }
  if (mode === "count") {
    return plain
      .map((line) => {
        const colon = line.lastIndexOf(":");
        return `${request.display(resolve(request.workingDir, line.slice(0, colon)))}${line.slice(colon)}`;
      })
      .join("\n");
  }
  return formatGrepContent(records, request.display);
}

function decode(field: { text?: string; bytes?: string } | undefined): string {
  if (!field) return "";
  return field.text ?? Buffer.from(field.bytes ?? "", "base64").toString("utf8");
}

/** Runs rg, feeding each stdout line to `onLine` until it calls `stop()`. */
function runRg(
  rgPath: string,
  args: string[],
  cwd: string,
  onLine: (line: string, stop: () => void) => void,
): Promise<{ stderr: string; code: number | null; stopped: boolean }> {
  return new Promise((resolvePromise, rejectPromise) => {
    const env = { ...process.env };
    delete env.RIPGREP_CONFIG_PATH;
    const child = spawn(rgPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stopped = false;
    let failure: Error | undefined;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      child.kill("SIGTERM");
    };
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString("utf8");
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => {
      if (stopped || failure || line === "") return;
      try {
        onLine(line, stop);
      } catch (error) {
        failure = error as Error;
        stop();
      }
    });
    child.on("error", (error) => rejectPromise(new Error(`could not run ripgrep: ${error.message}`)));
    child.on("close", (code) => {
      if (failure) rejectPromise(failure);
      else resolvePromise({ stderr, code, stopped });
    });
  });
}
