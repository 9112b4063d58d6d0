/**
 * The shared ProviderProfile implementation (coding-agent-loop-spec §3.2): each provider factory
 * describes its profile for a model and this builds the registry, prompt and fork.
 * @module
 */
import { getModelInfo, type ToolDefinition } from "@darkfactory/llm";
import type { EnvironmentContext } from "../prompts/environment-context.js";
import type { ProjectDocs } from "../prompts/project-docs.js";
import { assembleSystemPrompt } from "../prompts/system-prompt.js";
import { ToolRegistry } from "../tools/registry.js";
import type { RegisteredTool } from "../tools/types.js";
import type { ProfileOptions, ProviderOptions, ProviderProfile } from "./types.js";

/** Everything a profile is, for one model. */
export interface ProfileDefinition {
  id: string;
  model: string;
  modelDisplayName: string;
  knowledgeCutoff?: string;
  baseInstructions: string;
  /** Registered in order; later ones replace earlier ones of the same name. */
  tools: RegisteredTool[];
  providerOptions: ProviderOptions | undefined;
  supportsReasoning: boolean;
  supportsStreaming: boolean;
  supportsParallelToolCalls: boolean;
  contextWindowSize: number;
  defaultCommandTimeoutMs?: number;
  projectDocFiles: readonly string[];
}

/** What the model catalog says about `model`, with fallbacks for unknown models. */
export function catalogFacts(
  model: string,
  fallbackContextWindow: number,
): { modelDisplayName: string; contextWindowSize: number; supportsReasoning: boolean } {
  const info = getModelInfo(model);
  return {
    modelDisplayName: info?.displayName ?? model,
    contextWindowSize: info?.contextWindow ?? fallbackContextWindow,
    supportsReasoning: info?.supportsReasoning ?? true,
  };
}

/** `{ [id]: { ...own, ...extra } }`, or undefined when both are empty. */
export function mergeProviderOptions(
  id: string,
  own: Record<string, unknown>,
  extra: Record<string, unknown> | undefined,
): ProviderOptions | undefined {
  const merged = { ...own, ...(extra ?? {}) };
  return Object.keys(merged).length === 0 ? undefined : { [id]: merged };
}

/** The option fields every factory resolves the same way. */
export function commonDefinition(
  options: ProfileOptions,
): Pick<ProfileDefinition, "supportsStreaming" | "supportsParallelToolCalls"> & { knowledgeCutoff?: string } {
  return {
    supportsStreaming: options.supportsStreaming ?? true,
    supportsParallelToolCalls: options.supportsParallelToolCalls ?? true,
    ...(options.knowledgeCutoff ? { knowledgeCutoff: options.knowledgeCutoff } : {}),
  };
}

class Profile implements ProviderProfile {
  readonly toolRegistry = new ToolRegistry();
  readonly id: string;
  readonly model: string;
  readonly modelDisplayName: string;
  readonly knowledgeCutoff?: string;
  readonly supportsReasoning: boolean;
  readonly supportsStreaming: boolean;
  readonly supportsParallelToolCalls: boolean;
  readonly contextWindowSize: number;
  readonly defaultCommandTimeoutMs?: number;
  readonly projectDocFiles: readonly string[];
  private readonly baseInstructions: string;
  private readonly options: ProviderOptions | undefined;

  constructor(
    definition: ProfileDefinition,
    private readonly define: (model: string) => ProfileDefinition,
  ) {
    this.id = definition.id;
    this.model = definition.model;
    this.modelDisplayName = definition.modelDisplayName;
    if (definition.knowledgeCutoff) this.knowledgeCutoff = definition.knowledgeCutoff;
    this.supportsReasoning = definition.supportsReasoning;
    this.supportsStreaming = definition.supportsStreaming;
    this.supportsParallelToolCalls = definition.supportsParallelToolCalls;
    this.contextWindowSize = definition.contextWindowSize;
    if (definition.defaultCommandTimeoutMs !== undefined)
      this.defaultCommandTimeoutMs = definition.defaultCommandTimeoutMs;
    this.projectDocFiles = Object.freeze([...definition.projectDocFiles]);
    this.baseInstructions = definition.baseInstructions;
    this.options = definition.providerOptions;
    for (const tool of definition.tools) this.toolRegistry.register(tool);
  }

  buildSystemPrompt(environment: EnvironmentContext, projectDocs: ProjectDocs, userInstructions?: string): string {
    return assembleSystemPrompt({
      baseInstructions: this.baseInstructions,
      environment,
      tools: this.tools(),
      projectDocs,
      ...(userInstructions ? { userInstructions } : {}),
    });
  }

  tools(): ToolDefinition[] {
    return this.toolRegistry.definitions();
  }

  providerOptions(): ProviderOptions | undefined {
    return this.options === undefined ? undefined : structuredClone(this.options);
  }

  fork(overrides: { model?: string; withoutTools?: readonly string[] } = {}): ProviderProfile {
    const child = new Profile(this.define(overrides.model ?? this.model), this.define);
    const skip = new Set(overrides.withoutTools ?? []);
    for (const name of child.toolRegistry.names()) child.toolRegistry.unregister(name);
    for (const name of this.toolRegistry.names()) {
      const tool = this.toolRegistry.get(name);
      if (tool && !skip.has(name)) child.toolRegistry.register(tool);
    }
    return child;
  }
}

/**
 * Builds a profile from `define(model)`; `fork()` calls `define` again for the new model and
 * copies this profile's registry (custom tools included).
 */
export function createProfile(model: string, define: (model: string) => ProfileDefinition): ProviderProfile {
  return new Profile(define(model), define);
}
