// One conformance suite run against every provider profile (§3.2-3.7, §9.2).
import { describe, expect, it } from "vitest";
import { createAnthropicProfile } from "../../src/profiles/anthropic.js";
import { createGeminiProfile } from "../../src/profiles/gemini.js";
import { createOpenAIProfile } from "../../src/profiles/openai.js";
import type { ProfileOptions, ProviderProfile } from "../../src/profiles/types.js";
import type { EnvironmentContext } from "../../src/prompts/environment-context.js";
import { echoTool } from "../helpers/fake-tools.js";

const environment: EnvironmentContext = {
  workingDirectory: "/repo",
  platform: "linux",
  osVersion: "Linux 6",
  date: "2026-02-03",
  model: "m",
  modelDisplayName: "M",
};
const noDocs = { docs: [], truncated: false };

interface ProfileCase {
  id: string;
  create: (options?: ProfileOptions) => ProviderProfile;
  defaultModel: string;
  tools: string[];
  /** Phrases the base instructions must contain (provider-specific guidance). */
  prompt: RegExp[];
  docFiles: string[];
  otherModel: { id: string; contextWindow: number };
}

const SUBAGENT_TOOLS = ["spawn_agent", "send_input", "wait", "close_agent"];

const cases: ProfileCase[] = [
  {
    id: "openai",
    create: createOpenAIProfile,
    defaultModel: "gpt-5.2-codex",
    tools: ["read_file", "apply_patch", "write_file", "shell", "grep", "glob"],
    prompt: [/apply_patch/, /\*\*\* Begin Patch/, /\*\*\* Update File/],
    docFiles: ["AGENTS.md", ".codex/instructions.md"],
    otherModel: { id: "gpt-4o", contextWindow: 128_000 },
  },
  {
    id: "anthropic",
    create: createAnthropicProfile,
    defaultModel: "claude-opus-4-6",
    tools: ["read_file", "write_file", "edit_file", "shell", "grep", "glob"],
    prompt: [/old_string must match/, /unique/, /Prefer editing existing files/, /read a file before editing/i],
    docFiles: ["AGENTS.md", "CLAUDE.md"],
    otherModel: { id: "claude-sonnet-4-5", contextWindow: 200_000 },
  },
  {
    id: "gemini",
    create: createGeminiProfile,
    defaultModel: "gemini-3-pro-preview",
    tools: ["read_file", "read_many_files", "write_file", "edit_file", "shell", "grep", "glob", "list_dir"],
    prompt: [/GEMINI\.md/, /Core mandates/, /Understand/],
    docFiles: ["AGENTS.md", "GEMINI.md"],
    otherModel: { id: "gemini-2.0-flash", contextWindow: 1_048_576 },
  },
];

describe.each(cases)("$id profile", (c) => {
  it("has its id, default model, catalog context window and capability flags", () => {
    const profile = c.create();
    expect(profile.id).toBe(c.id);
    expect(profile.model).toBe(c.defaultModel);
    expect(profile.contextWindowSize).toBeGreaterThanOrEqual(128_000);
    expect(profile.supportsStreaming).toBe(true);
    expect(profile.supportsParallelToolCalls).toBe(true);
    expect(profile.supportsReasoning).toBe(true);
    expect(profile.projectDocFiles).toEqual(c.docFiles);
  });

  it("provides the provider-aligned tools plus the subagent tools", () => {
    const profile = c.create();
    expect(profile.toolRegistry.names()).toEqual([...c.tools, ...SUBAGENT_TOOLS]);
    expect(profile.tools().map((t) => t.name)).toEqual(profile.toolRegistry.names());
    expect(c.create({ subagentTools: false }).toolRegistry.names()).toEqual(c.tools);
  });

  it("builds a provider-specific system prompt covering identity, tools and coding guidance", () => {
    const prompt = c.create().buildSystemPrompt(environment, noDocs, "USER LAST");
    expect(prompt).toMatch(/^You are/);
    for (const phrase of c.prompt) expect(prompt).toMatch(phrase);
    expect(prompt).toContain("<environment>");
    for (const name of c.tools) expect(prompt).toContain(`- ${name}:`);
    expect(prompt.endsWith("USER LAST")).toBe(true);
    expect(c.create({ baseInstructions: "CUSTOM BASE" }).buildSystemPrompt(environment, noDocs)).toMatch(
      /^CUSTOM BASE/,
    );
  });

  it("custom tools register on top, latest wins on a name collision (§3.7)", () => {
    const profile = c.create();
    profile.toolRegistry.register({
      definition: {
        name: "run_tests",
        description: "Run the test suite",
        parameters: { type: "object", properties: {} },
      },
      executor: async () => "ok",
    });
    const custom = { ...echoTool(), definition: { ...echoTool().definition, name: "shell", description: "My shell" } };
    profile.toolRegistry.register(custom);
    expect(profile.tools().map((t) => t.name)).toContain("run_tests");
    expect(profile.tools().find((t) => t.name === "shell")?.description).toBe("My shell");
    expect(profile.toolRegistry.get("shell")).toBe(custom);
  });

  it("fork() copies the registry (custom tools included) and can switch model", () => {
    const profile = c.create();
    profile.toolRegistry.register({
      definition: { name: "run_tests", description: "Run tests", parameters: { type: "object", properties: {} } },
      executor: async () => "ok",
    });
    const fork = profile.fork({ model: c.otherModel.id, withoutTools: SUBAGENT_TOOLS });
    expect(fork.model).toBe(c.otherModel.id);
    expect(fork.contextWindowSize).toBe(c.otherModel.contextWindow);
    expect(fork.toolRegistry.names()).toEqual([...c.tools, "run_tests"]);
    expect(fork.toolRegistry).not.toBe(profile.toolRegistry);
    expect(profile.toolRegistry.names()).toContain("spawn_agent");
  });

  it("options override the catalog and capability defaults", () => {
    const profile = c.create({
      model: "unknown-model-x",
      contextWindowSize: 1234,
      supportsStreaming: false,
      supportsParallelToolCalls: false,
    });
    expect(profile).toMatchObject({
      model: "unknown-model-x",
      contextWindowSize: 1234,
      supportsStreaming: false,
      supportsParallelToolCalls: false,
      modelDisplayName: "unknown-model-x",
    });
  });
});

describe("provider options (§3.4-3.6)", () => {
  it("openai: stateless reasoning round-trips and parallel tool calls", () => {
    expect(createOpenAIProfile().providerOptions()).toEqual({
      openai: { parallel_tool_calls: true, store: false, include: ["reasoning.encrypted_content"] },
    });
    expect(createOpenAIProfile({ model: "gpt-4o", stateless: true }).providerOptions()).toEqual({
      openai: { parallel_tool_calls: true, store: false },
    });
    expect(createOpenAIProfile({ providerOptions: { service_tier: "flex" } }).providerOptions()?.openai).toMatchObject({
      service_tier: "flex",
    });
  });

  it("anthropic: beta headers and the 120 s shell default", () => {
    const profile = createAnthropicProfile();
    expect(profile.providerOptions()).toEqual({ anthropic: { betaHeaders: ["interleaved-thinking-2025-05-14"] } });
    expect(profile.defaultCommandTimeoutMs).toBe(120_000);
    expect(createAnthropicProfile({ betaHeaders: ["context-1m-2025-08-07"] }).providerOptions()).toEqual({
      anthropic: { betaHeaders: ["context-1m-2025-08-07"] },
    });
    expect(createAnthropicProfile({ betaHeaders: [] }).providerOptions()).toBeUndefined();
  });

  it("gemini: safety settings and grounding", () => {
    expect(createGeminiProfile().providerOptions()).toBeUndefined();
    const safety = [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }];
    expect(createGeminiProfile({ safetySettings: safety, grounding: true }).providerOptions()).toEqual({
      gemini: { safetySettings: safety, tools: [{ googleSearch: {} }] },
    });
  });

  it("providerOptions() returns a copy the caller may change", () => {
    const profile = createAnthropicProfile();
    const options = profile.providerOptions();
    (options!.anthropic.betaHeaders as string[]).push("x");
    expect(profile.providerOptions()).toEqual({ anthropic: { betaHeaders: ["interleaved-thinking-2025-05-14"] } });
  });
});
