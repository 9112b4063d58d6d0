// Runs one tool call through a ToolRegistry holding `tools`, the way the session does.
import { type ToolExecutionResult, ToolRegistry } from "../../src/tools/registry.js";
import type { RegisteredTool, ToolContext } from "../../src/tools/types.js";

export function toolRunner(
  tools: readonly RegisteredTool[],
  context: ToolContext,
): (name: string, args: Record<string, unknown>) => Promise<ToolExecutionResult> {
  const registry = new ToolRegistry();
  for (const tool of tools) registry.register(tool);
  let id = 0;
  return (name, args) => registry.execute({ id: `call_${++id}`, name, arguments: args }, context);
}
