/**
 * What ties an agent session to the pipeline stage it is working for right now: the stage's
 * directory and its tool hooks (attractor-spec §9.7), exposed to the session's tools and
 * commands. A session reused across stages (§5.4 `full` fidelity) is rebound at each stage.
 * @module
 */
import type { ExecutionEnvironment, ProviderProfile, SessionToolContext } from "@darkfactory/agent";
import { type PipelineEventInput, runToolHook, type ToolHooks } from "@darkfactory/attractor";

/** The stage an agent session is working for. */
export interface StageBinding {
  nodeId: string;
  /** `{logsRoot}/{nodeId}`: where status.json goes (Appendix C). */
  stageDir: string;
  /** Hook commands around each tool call (§9.7); none for `factory agent`. */
  hooks: ToolHooks;
  /** Records a hook that skipped a call in the run's events. */
  emit?: (event: PipelineEventInput) => void;
}

/** A session's current stage; `current` is replaced at each stage the session works for. */
export interface BindingHolder {
  current: StageBinding | undefined;
}

/** Where hook commands run. */
export interface HookSite {
  /** The run's working directory. */
  cwd: string;
  /** The run's environment (hooks are the pipeline author's commands: they see it unfiltered). */
  env: NodeJS.ProcessEnv;
}

/**
 * Wraps `env` so every command also gets the stage's variables: `ATTRACTOR_STAGE_DIR` (where to
 * write status.json) and `ATTRACTOR_NODE_ID`, like tool nodes get them.
 */
export function bindEnvironment(env: ExecutionEnvironment, holder: BindingHolder): ExecutionEnvironment {
  const bound: ExecutionEnvironment = {
    readFile: (path, offset, limit) => env.readFile(path, offset, limit),
    writeFile: (path, content) => env.writeFile(path, content),
    fileExists: (path) => env.fileExists(path),
    listDirectory: (path, depth) => env.listDirectory(path, depth),
    execCommand: (command, options) => {
      const stage = holder.current;
      const envVars = stage
        ? { ATTRACTOR_STAGE_DIR: stage.stageDir, ATTRACTOR_NODE_ID: stage.nodeId, ...options.envVars }
        : options.envVars;
      return env.execCommand(command, { ...options, ...(envVars ? { envVars } : {}) });
    },
    grep: (pattern, path, options) => env.grep(pattern, path, options),
    glob: (pattern, path, options) => env.glob(pattern, path, options),
    // The backend owns the shared environment: sessions never set it up or tear it down.
    initialize: async () => undefined,
    cleanup: async () => undefined,
    workingDirectory: () => env.workingDirectory(),
    platform: () => env.platform(),
    osVersion: () => env.osVersion(),
  };
  const deleteFile = env.deleteFile?.bind(env);
  if (deleteFile) bound.deleteFile = (path) => deleteFile(path);
  return bound;
}

/**
 * §9.7 a fork of `profile` whose tools run the bound stage's hooks: `tool_hooks.pre` before each
 * call (a non-zero exit skips the call: the model gets an error result saying so, and the run a
 * `stage_log` warning), `tool_hooks.post` after it (its failure is only logged). Every hook run is
 * logged in `{stageDir}/tool_hooks.ndjson` by attractor's `runToolHook`. Subagents forked from
 * this profile inherit the wrapped tools.
 */
export function withToolHooks(profile: ProviderProfile, holder: BindingHolder, site: HookSite): ProviderProfile {
  const hooked = profile.fork();
  for (const name of hooked.toolRegistry.names()) {
    const tool = hooked.toolRegistry.get(name);
    if (tool === undefined) continue;
    hooked.toolRegistry.register({
      definition: tool.definition,
      executor: async (args, context) => {
        const stage = holder.current;
        const hooks = stage?.hooks ?? {};
        if (stage === undefined || (hooks.pre === undefined && hooks.post === undefined)) {
          return tool.executor(args, context);
        }
        const call = { name, callId: (context as SessionToolContext).callId ?? "", arguments: args };
        const options = { nodeId: stage.nodeId, stageDir: stage.stageDir, cwd: site.cwd, env: site.env };
        const hookOptions = context.signal ? { ...options, signal: context.signal } : options;
        if (hooks.pre !== undefined) {
          const pre = await runToolHook("pre", hooks.pre, call, hookOptions);
          if (!pre.proceed) {
            const why = `tool_hooks.pre exited with ${pre.exitCode ?? "no exit code"}`;
            stage.emit?.({
              type: "stage_log",
              nodeId: stage.nodeId,
              level: "warning",
              message: `${name} skipped: ${why}`,
            });
            const detail = pre.stderrTail.trim() || pre.stdout.trim();
            return { output: `Tool call skipped: ${why}${detail ? `: ${detail}` : ""}`, isError: true };
          }
        }
        let output: string;
        let isError: boolean;
        try {
          const result = await tool.executor(args, context);
          ({ output, isError } = typeof result === "string" ? { output: result, isError: false } : result);
        } catch (error) {
          output = `Error: ${error instanceof Error ? error.message : String(error)}`;
          isError = true;
        }
        if (hooks.post !== undefined) {
          const post = await runToolHook(
            "post",
            hooks.post,
            { ...call, result: { content: output, isError } },
            hookOptions,
          );
          if (post.exitCode !== 0) {
            stage.emit?.({
              type: "stage_log",
              nodeId: stage.nodeId,
              level: "warning",
              message: `tool_hooks.post after ${name} exited with ${post.exitCode ?? "no exit code"}`,
            });
          }
        }
        return { output, isError };
      },
    });
  }
  return hooked;
}
