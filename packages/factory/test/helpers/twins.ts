// LLM twins (@darkfactory/twins) started in-process on 127.0.0.1, port 0, with a script, and the
// environment that points the factory at them: the tests' stand-in for OpenAI, Anthropic and
// Gemini, with no internet.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type JournalEntry, type RunningTwin, startTwin } from "@darkfactory/twins";
import { type AgentProvider, PROVIDER_ENV } from "../../src/agent/providers.js";

const exec = promisify(execFile);

/** A twin answering from a script, and the environment of a factory that talks to it. */
export interface ScriptedTwin {
  twin: RunningTwin;
  /**
   * `PATH` (so agents' commands find `node`), the provider's base URL and, unless `withKey` is
   * false, a dummy API key; nothing else from this process (no real key can leak in).
   */
  env(options?: { withKey?: boolean }): Record<string, string>;
  /** Model requests the twin answered, in order (admin requests are not journaled). */
  requests(): JournalEntry[];
  /** How far the script got: ordered mode's position and its rule count. */
  progress(): { position: number; rules: number };
  close(): Promise<void>;
}

/** One script rule (see packages/twins/README.md, "Scripts"). */
export interface ScriptRule {
  name?: string;
  match?: Record<string, unknown>;
  reply: { text?: string; toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }> };
}

/** Starts `provider`'s twin with an ordered script of `rules` (sent as JSON). */
export async function startScriptedTwin(provider: AgentProvider, rules: ScriptRule[]): Promise<ScriptedTwin> {
  const twin = await startTwin(provider, {
    port: 0,
    host: "127.0.0.1",
    script: JSON.stringify({ mode: "ordered", rules }),
  });
  const { keys, baseUrl } = PROVIDER_ENV[provider];
  return {
    twin,
    env: ({ withKey = true } = {}) => ({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      [baseUrl]: twin.url,
      ...(withKey ? { [keys[0]]: `${provider}-dummy-key` } : {}),
    }),
    requests: () => twin.kit.journal.list().filter((entry) => entry.method === "POST"),
    progress: () => ({ position: twin.kit.script.state().position, rules: rules.length }),
    close: () => twin.close(),
  };
}

/** A temporary git repository (`git init`), removed by `cleanup`. */
export async function tempRepo(
  files: Record<string, string> = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "factory-agent-"));
  await exec("git", ["init", "-q"], { cwd: dir });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `node --test` in `dir` for real; resolves to its exit code and output. */
export async function nodeTest(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--test"], { cwd: dir, env: { PATH: process.env.PATH } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: (failed.stdout ?? "") + (failed.stderr ?? "") };
  }
}
