/**
 * The Anthropic profile (coding-agent-loop-spec §3.5): Claude Code-aligned tools (read_file,
 * write_file, edit_file with old_string/new_string, shell with a 120 s default, grep, glob) plus
 * subagents, Claude Code-style instructions, and beta headers.
 * @module
 */
import { ANTHROPIC_BASE_INSTRUCTIONS } from "../prompts/base/anthropic.js";
import { projectDocFileNames } from "../prompts/project-docs.js";
import { createSubagentTools } from "../subagents/subagent-tools.js";
import { createAnthropicTools } from "../tools/profile-tools.js";
import { catalogFacts, commonDefinition, createProfile, mergeProviderOptions } from "./base-profile.js";
import type { ProfileOptions, ProviderProfile } from "./types.js";

/** Default model of {@link createAnthropicProfile}. */
export const ANTHROPIC_DEFAULT_MODEL = "claude-opus-4-6";

/** §3.5 Claude Code's shell timeout default, ms. */
export const ANTHROPIC_SHELL_TIMEOUT_MS = 120_000;

/** Beta headers sent by default: interleaved thinking (thinking between tool calls, as Claude Code). */
export const ANTHROPIC_DEFAULT_BETAS: readonly string[] = Object.freeze(["interleaved-thinking-2025-05-14"]);

/** Options of {@link createAnthropicProfile}. */
export interface AnthropicProfileOptions extends ProfileOptions {
  /** `anthropic-beta` values (e.g. `context-1m-2025-08-07`). Default {@link ANTHROPIC_DEFAULT_BETAS}. */
  betaHeaders?: readonly string[];
  /** Shell timeout when a call sets none, ms. Default {@link ANTHROPIC_SHELL_TIMEOUT_MS}. */
  defaultCommandTimeoutMs?: number;
}

/**
 * §3.5 the Claude Code-aligned profile. Model default {@link ANTHROPIC_DEFAULT_MODEL}; context
 * window and reasoning support from the model catalog (200k tokens when unknown). Beta headers go
 * in `providerOptions.anthropic.betaHeaders`; the session's `reasoningEffort` becomes the thinking
 * budget in the Anthropic adapter.
 */
export function createAnthropicProfile(options: AnthropicProfileOptions = {}): ProviderProfile {
  return createProfile(options.model ?? ANTHROPIC_DEFAULT_MODEL, (model) => {
    const betas = [...(options.betaHeaders ?? ANTHROPIC_DEFAULT_BETAS)];
    return {
      id: "anthropic",
      model,
      ...catalogFacts(model, 200_000),
      ...commonDefinition(options),
      ...(options.contextWindowSize ? { contextWindowSize: options.contextWindowSize } : {}),
      defaultCommandTimeoutMs: options.defaultCommandTimeoutMs ?? ANTHROPIC_SHELL_TIMEOUT_MS,
      baseInstructions: options.baseInstructions ?? ANTHROPIC_BASE_INSTRUCTIONS,
      tools: [
        ...(options.tools ?? createAnthropicTools()),
        ...(options.subagentTools === false ? [] : createSubagentTools()),
      ],
      providerOptions: mergeProviderOptions(
        "anthropic",
        betas.length > 0 ? { betaHeaders: betas } : {},
        options.providerOptions,
      ),
      projectDocFiles: projectDocFileNames("anthropic"),
    };
  });
}
