/**
 * Layered system prompt construction (coding-agent-loop-spec §6.1): provider base instructions,
 * environment context, tool descriptions, project instructions, then user instructions (last,
 * highest priority).
 * @module
 */
import type { ToolDefinition } from "@darkfactory/llm";
import { type EnvironmentContext, renderEnvironmentContext } from "./environment-context.js";
import { type ProjectDocs, renderProjectDocs } from "./project-docs.js";

/** The §6.1 layers, in order. */
export interface SystemPromptLayers {
  /** 1. Provider-specific base instructions (§6.2). */
  baseInstructions: string;
  /** 2. Environment context (§6.3, §6.4). */
  environment: EnvironmentContext;
  /** 3. The active profile's tools. */
  tools: readonly ToolDefinition[];
  /** 4. Project instructions (§6.5). */
  projectDocs: ProjectDocs;
  /** 5. User instructions override (§6.1), appended last. */
  userInstructions?: string;
}

/** Layer 3: one line per tool, `- name: first line of its description`. "" without tools. */
export function renderToolSummary(tools: readonly ToolDefinition[]): string {
  if (tools.length === 0) return "";
  const lines = tools.map((t) => `- ${t.name}: ${t.description.split("\n")[0]?.trim() ?? ""}`);
  return ["# Available tools", ...lines].join("\n");
}

/** §6.1 joins the non-empty layers with blank lines, in order; pure. */
export function assembleSystemPrompt(layers: SystemPromptLayers): string {
  const user = layers.userInstructions?.trim();
  return [
    layers.baseInstructions.trim(),
    renderEnvironmentContext(layers.environment),
    renderToolSummary(layers.tools),
    renderProjectDocs(layers.projectDocs),
    user ? `# User instructions\nThese override any instructions above.\n\n${user}` : "",
  ]
    .filter((layer) => layer !== "")
    .join("\n\n");
}
