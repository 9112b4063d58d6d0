// A real temporary working directory with a LocalExecutionEnvironment and a ToolContext over it,
// for tests of the environment and the tools (removed by `cleanup`).
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalExecutionEnvironment, type LocalExecutionEnvironmentOptions } from "../../src/env/local.js";
import type { ToolContext } from "../../src/tools/types.js";

export interface TempWorkspace {
  /** Absolute, symlink-free path of the working directory. */
  dir: string;
  env: LocalExecutionEnvironment;
  context: ToolContext;
  /** Writes `content` at `relative` under `dir`, creating parents. */
  write(relative: string, content: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createTempWorkspace(
  options: Partial<LocalExecutionEnvironmentOptions> = {},
  context: Partial<ToolContext> = {},
): Promise<TempWorkspace> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "df-agent-")));
  const env = new LocalExecutionEnvironment({ workingDir: dir, ...options });
  await env.initialize();
  return {
    dir,
    env,
    context: { env, defaultCommandTimeoutMs: 10_000, maxCommandTimeoutMs: 600_000, ...context },
    async write(relative, content) {
      const path = join(dir, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
