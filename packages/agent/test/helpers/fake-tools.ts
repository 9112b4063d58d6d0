// Small RegisteredTools for driving the loop, and a profile built on them (no built-in tools).
import { createProfile, type ProfileDefinition } from "../../src/profiles/base-profile.js";
import type { ProviderProfile } from "../../src/profiles/types.js";
import { createSubagentTools } from "../../src/subagents/subagent-tools.js";
import type { RegisteredTool, ToolContext } from "../../src/tools/types.js";

const objectSchema = (properties: Record<string, unknown> = {}, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});

/** `echo`: returns its `text` argument. */
export function echoTool(): RegisteredTool {
  return {
    definition: {
      name: "echo",
      description: "Echo the text back.",
      parameters: objectSchema({ text: { type: "string" } }, ["text"]),
    },
    executor: async (args) => String(args.text),
  };
}

/** `fail`: always throws. */
export function failingTool(message = "disk on fire"): RegisteredTool {
  return {
    definition: { name: "fail", description: "Always fails.", parameters: objectSchema() },
    executor: async () => {
      throw new Error(message);
    },
  };
}

/** `big`: returns `size` characters. */
export function bigTool(size: number): RegisteredTool {
  return {
    definition: { name: "big", description: "Large output.", parameters: objectSchema() },
    executor: async () => "x".repeat(size),
  };
}

/** Records how many `sleep` calls overlap; each waits `ms` (or until the context signal aborts). */
export function sleepTool(ms: number, stats = { active: 0, maxActive: 0, aborted: 0 }) {
  const tool: RegisteredTool = {
    definition: { name: "sleep", description: "Wait a while.", parameters: objectSchema({ id: { type: "string" } }) },
    executor: (args, context: ToolContext) =>
      new Promise<string>((resolve, reject) => {
        stats.active++;
        stats.maxActive = Math.max(stats.maxActive, stats.active);
        const done = () => {
          stats.active--;
          context.signal?.removeEventListener("abort", onAbort);
        };
        const timer = setTimeout(() => {
          done();
          resolve(`slept ${String(args.id ?? "")}`);
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          stats.aborted++;
          done();
          reject(new Error("killed"));
        };
        if (context.signal?.aborted) onAbort();
        else context.signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
  return { tool, stats };
}

/** A profile with the given tools (and optionally the subagent tools) and test-friendly defaults. */
export function testProfile(
  options: {
    id?: string;
    tools?: RegisteredTool[];
    subagents?: boolean;
    parallel?: boolean;
    streaming?: boolean;
    contextWindowSize?: number;
    model?: string;
    supportsReasoning?: boolean;
  } = {},
): ProviderProfile {
  const define = (model: string): ProfileDefinition => ({
    id: options.id ?? "anthropic",
    model,
    modelDisplayName: `Test ${model}`,
    baseInstructions: "You are a test agent.",
    tools: [...(options.tools ?? [echoTool()]), ...(options.subagents ? createSubagentTools() : [])],
    providerOptions: undefined,
    supportsReasoning: options.supportsReasoning ?? true,
    supportsStreaming: options.streaming ?? false,
    supportsParallelToolCalls: options.parallel ?? false,
    contextWindowSize: options.contextWindowSize ?? 1_000_000,
    projectDocFiles: ["AGENTS.md"],
  });
  return createProfile(options.model ?? "test-model", define);
}
