/**
 * The Gemini profile (coding-agent-loop-spec §3.6): gemini-cli-aligned tools (read_file,
 * read_many_files, write_file, edit_file, shell, grep, glob, list_dir, ...) plus subagents,
 * gemini-cli-style instructions, and safety/grounding options.
 * @module
 */
import { GEMINI_BASE_INSTRUCTIONS } from "../prompts/base/gemini.js";
import { projectDocFileNames } from "../prompts/project-docs.js";
import { createSubagentTools } from "../subagents/subagent-tools.js";
import { createGeminiTools } from "../tools/profile-tools.js";
import { catalogFacts, commonDefinition, createProfile, mergeProviderOptions } from "./base-profile.js";
import type { ProfileOptions, ProviderProfile } from "./types.js";

/** Default model of {@link createGeminiProfile}. */
export const GEMINI_DEFAULT_MODEL = "gemini-3-pro-preview";

/** Options of {@link createGeminiProfile}. */
export interface GeminiProfileOptions extends ProfileOptions {
  /** Gemini `safetySettings` (`[{ category, threshold }]`), sent as `providerOptions.gemini.safetySettings`. */
  safetySettings?: Record<string, unknown>[];
  /** Add Google Search grounding (`tools: [{ googleSearch: {} }]`). Default false. */
  grounding?: boolean;
}

/**
 * §3.6 the gemini-cli-aligned profile. Model default {@link GEMINI_DEFAULT_MODEL}; context window
 * and reasoning support from the model catalog (1,048,576 tokens when unknown). The session's
 * `reasoningEffort` becomes `thinkingConfig` in the Gemini adapter.
 */
export function createGeminiProfile(options: GeminiProfileOptions = {}): ProviderProfile {
  return createProfile(options.model ?? GEMINI_DEFAULT_MODEL, (model) => {
    const own: Record<string, unknown> = {};
    if (options.safetySettings) own.safetySettings = options.safetySettings;
    if (options.grounding) own.tools = [{ googleSearch: {} }];
    return {
      id: "gemini",
      model,
      ...catalogFacts(model, 1_048_576),
      ...commonDefinition(options),
      ...(options.contextWindowSize ? { contextWindowSize: options.contextWindowSize } : {}),
      baseInstructions: options.baseInstructions ?? GEMINI_BASE_INSTRUCTIONS,
      tools: [
        ...(options.tools ?? createGeminiTools()),
        ...(options.subagentTools === false ? [] : createSubagentTools()),
      ],
      providerOptions: mergeProviderOptions("gemini", own, options.providerOptions),
      projectDocFiles: projectDocFileNames("gemini"),
    };
  });
}
