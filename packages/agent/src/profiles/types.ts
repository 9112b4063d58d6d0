/**
 * The ProviderProfile interface (coding-agent-loop-spec §3.2): a model family's tools, system
 * prompt, provider options and capabilities.
 * @module
 */
import type { ToolDefinition } from "@darkfactory/llm";
import type { EnvironmentContext } from "../prompts/environment-context.js";
import type { ProjectDocs } from "../prompts/project-docs.js";
import type { ToolRegistry } from "../tools/registry.js";
import type { RegisteredTool } from "../tools/types.js";

/** `Request.providerOptions`: options keyed by provider (`{ anthropic: { betaHeaders: [...] } }`). */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** §3.2 what a session needs to talk to one model family. */
export interface ProviderProfile {
  /** Provider key, also the client adapter the requests go to: `openai`, `anthropic`, `gemini`. */
  readonly id: string;
  /** Model id sent to the provider, e.g. `gpt-5.2-codex`. */
  readonly model: string;
  /** Human name of the model (for the environment block). */
  readonly modelDisplayName: string;
  /** Knowledge cutoff shown in the environment block, when known. */
  readonly knowledgeCutoff?: string;
  /** §3.8 every tool of the profile; register custom tools here (latest wins, §3.7). */
  readonly toolRegistry: ToolRegistry;
  /**
   * §6.1 the system prompt: base instructions, environment context, tool summary, project docs,
   * then `userInstructions` last. Pure.
   */
  buildSystemPrompt(environment: EnvironmentContext, projectDocs: ProjectDocs, userInstructions?: string): string;
  /** §3.2 the tool definitions sent with each request (the registry's, in registration order). */
  tools(): ToolDefinition[];
  /** §3.2 `Request.providerOptions`, or undefined. */
  providerOptions(): ProviderOptions | undefined;
  readonly supportsReasoning: boolean;
  /** Use `Client.stream()` (text deltas as events). */
  readonly supportsStreaming: boolean;
  /** Execute the tool calls of one response concurrently. */
  readonly supportsParallelToolCalls: boolean;
  /** Context window in tokens (§5.5). */
  readonly contextWindowSize: number;
  /** Command timeout default of this profile, ms, overriding the session's (Anthropic: 120000, §3.5). */
  readonly defaultCommandTimeoutMs?: number;
  /** §6.5 instruction files this profile loads, in order (AGENTS.md first). */
  readonly projectDocFiles: readonly string[];
  /**
   * §7.3 a copy with its own registry holding the same tools (custom ones included), optionally
   * for another model. `withoutTools` leaves the named tools out (e.g. subagent tools at max depth).
   */
  fork(overrides?: { model?: string; withoutTools?: readonly string[] }): ProviderProfile;
}

/** Options every profile factory takes. */
export interface ProfileOptions {
  /** Model id; each factory documents its default. */
  model?: string;
  /** Replaces the profile's built-in tools (the subagent tools are still added unless disabled). */
  tools?: RegisteredTool[];
  /** Add spawn_agent, send_input, wait and close_agent (§7). Default true. */
  subagentTools?: boolean;
  /** Replaces the provider base instructions (§6.2). */
  baseInstructions?: string;
  /** Shown in the environment block. */
  knowledgeCutoff?: string;
  /** Overrides the model catalog's context window, tokens. */
  contextWindowSize?: number;
  /** Default true. */
  supportsStreaming?: boolean;
  /** Default true. */
  supportsParallelToolCalls?: boolean;
  /** Merged into this provider's `providerOptions` entry (after the profile's own). */
  providerOptions?: Record<string, unknown>;
}
