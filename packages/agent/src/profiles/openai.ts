/**
 * The OpenAI profile (coding-agent-loop-spec §3.4): codex-rs-aligned tools (apply_patch, shell,
 * read_file, write_file, grep, glob) plus subagents, codex-style instructions, and Responses API
 * options for stateless reasoning round-trips.
 * @module
 */
import { OPENAI_BASE_INSTRUCTIONS } from "../prompts/base/openai.js";
import { projectDocFileNames } from "../prompts/project-docs.js";
import { createSubagentTools } from "../subagents/subagent-tools.js";
import { createOpenAITools } from "../tools/profile-tools.js";
import { catalogFacts, commonDefinition, createProfile, mergeProviderOptions } from "./base-profile.js";
import type { ProfileOptions, ProviderProfile } from "./types.js";

/** Default model of {@link createOpenAIProfile}. */
export const OPENAI_DEFAULT_MODEL = "gpt-5.2-codex";

/** Options of {@link createOpenAIProfile}. */
export interface OpenAIProfileOptions extends ProfileOptions {
  /**
   * Send `store: false` and ask for encrypted reasoning (`include: ["reasoning.encrypted_content"]`)
   * so reasoning items round-trip without server-side state, as codex does. Default true.
   */
  stateless?: boolean;
}

/**
 * §3.4 the codex-aligned profile. Model default {@link OPENAI_DEFAULT_MODEL}; context window and
 * reasoning support from the model catalog (400k tokens when unknown). `reasoning.effort` is set
 * from the session's `reasoningEffort` by the OpenAI adapter.
 */
export function createOpenAIProfile(options: OpenAIProfileOptions = {}): ProviderProfile {
  return createProfile(options.model ?? OPENAI_DEFAULT_MODEL, (model) => {
    const facts = catalogFacts(model, 400_000);
    const common = commonDefinition(options);
    const own: Record<string, unknown> = { parallel_tool_calls: common.supportsParallelToolCalls };
    if (options.stateless ?? true) {
      own.store = false;
      if (facts.supportsReasoning) own.include = ["reasoning.encrypted_content"];
    }
    return {
      id: "openai",
      model,
      ...facts,
      ...common,
      ...(options.contextWindowSize ? { contextWindowSize: options.contextWindowSize } : {}),
      baseInstructions: options.baseInstructions ?? OPENAI_BASE_INSTRUCTIONS,
      tools: [
        ...(options.tools ?? createOpenAITools()),
        ...(options.subagentTools === false ? [] : createSubagentTools()),
      ],
      providerOptions: mergeProviderOptions("openai", own, options.providerOptions),
      projectDocFiles: projectDocFileNames("openai"),
    };
  });
}
