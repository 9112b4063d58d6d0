// The package entry point exports the environment, tools, registry and truncation API.
import { describe, expect, it } from "vitest";
import * as agent from "../src/index.js";

describe("@darkfactory/agent exports (env, tools, truncation)", () => {
  it("exports the environment, registry, toolsets, apply_patch and truncation", () => {
    for (const name of [
      "LocalExecutionEnvironment",
      "filterEnvironment",
      "isSecretEnvName",
      "CORE_ENV_VARS",
      "SECRET_ENV_PATTERNS",
      "ToolRegistry",
      "createCoreTools",
      "createOpenAITools",
      "createAnthropicTools",
      "createGeminiTools",
      "createReadFileTool",
      "createWriteFileTool",
      "createEditFileTool",
      "createShellTool",
      "createGrepTool",
      "createGlobTool",
      "createListDirTool",
      "createReadManyFilesTool",
      "createApplyPatchTool",
      "applyPatch",
      "parsePatch",
      "PatchParseError",
      "truncateOutput",
      "truncateLines",
      "truncateToolOutput",
      "DEFAULT_TOOL_OUTPUT_LIMITS",
      "DEFAULT_TOOL_LINE_LIMITS",
      "DEFAULT_TRUNCATION_MODES",
    ]) {
      expect(agent, name).toHaveProperty(name);
    }
    expect(new agent.ToolRegistry().names()).toEqual([]);
    expect(agent.DEFAULT_TOOL_OUTPUT_LIMITS.shell).toBe(30_000);
  });
});
