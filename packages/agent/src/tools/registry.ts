/**
 * The tool registry and its execution pipeline (coding-agent-loop-spec §3.8): LOOKUP → VALIDATE →
 * EXECUTE → TRUNCATE. Every failure becomes an error result for the model (Appendix B); emitting
 * `TOOL_CALL_END` with the full output is the session's job.
 * @module
 */
import { isValidToolName, schemaProblem, type ToolDefinition, validateAgainst } from "@darkfactory/llm";
import { type ToolLimits, truncateToolOutput } from "./truncate.js";
import type { RegisteredTool, ToolContext } from "./types.js";

export type { ToolLimits } from "./truncate.js";

/** The part of a model's tool call the registry needs (`ToolCall` from `@darkfactory/llm` fits). */
export interface ToolCallInput {
  id: string;
  name: string;
  /** Parsed arguments (`{}` when the provider could not parse them; see `rawArguments`). */
  arguments: Record<string, unknown>;
  /** The argument JSON as the model produced it; checked when present. */
  rawArguments?: string;
}

/** What {@link ToolRegistry.execute} returns. */
export interface ToolExecutionResult {
  /** What the model receives: `fullOutput` after §5.3 truncation. */
  output: string;
  /** The untruncated output (for the `TOOL_CALL_END` event, §5.1). */
  fullOutput: string;
  /** True for unknown tools, invalid arguments, executor errors and error outputs (Appendix B). */
  isError: boolean;
}

/** §3.8 tools by name, in registration order; a later registration of a name replaces it in place. */
export class ToolRegistry {
  readonly #tools = new Map<string, RegisteredTool>();

  /**
   * Adds `tool`, or replaces the tool of the same name (latest wins, §3.7).
   * @throws when the name is not a valid tool name or the parameter schema is not an object schema.
   */
  register(tool: RegisteredTool): void {
    const { name, parameters } = tool.definition;
    if (!isValidToolName(name)) throw new Error(`invalid tool name ${JSON.stringify(name)}`);
    const problem = schemaProblem(parameters, { objectRoot: true });
    if (problem) throw new Error(`tool ${name}: parameters ${problem}`);
    this.#tools.set(name, tool);
  }

  /** Removes the tool named `name`; returns whether there was one. */
  unregister(name: string): boolean {
    return this.#tools.delete(name);
  }

  get(name: string): RegisteredTool | undefined {
    return this.#tools.get(name);
  }

  /** The definitions sent to the model, in registration order. */
  definitions(): ToolDefinition[] {
    return [...this.#tools.values()].map((tool) => tool.definition);
  }

  names(): string[] {
    return [...this.#tools.keys()];
  }

  /**
   * Runs `call` through the §3.8 pipeline and truncates the output per §5.3 with `limits`.
   * Never throws or rejects: an unknown tool, unparsable or schema-invalid arguments and executor
   * failures all come back as `isError` results whose text tells the model what to fix.
   */
  async execute(call: ToolCallInput, context: ToolContext, limits: ToolLimits = {}): Promise<ToolExecutionResult> {
    const fullOutput = await this.#run(call, context);
    return {
      output: truncateToolOutput(fullOutput.output, call.name, limits),
      fullOutput: fullOutput.output,
      isError: fullOutput.isError,
    };
  }

  async #run(call: ToolCallInput, context: ToolContext): Promise<{ output: string; isError: boolean }> {
    const tool = this.#tools.get(call.name);
    if (!tool) {
      const available = this.names().join(", ") || "(none)";
      return { output: `Unknown tool "${call.name}". Available tools: ${available}.`, isError: true };
    }
    const args = parseArguments(call);
    if (typeof args === "string") return { output: `Invalid arguments for ${call.name}: ${args}`, isError: true };
    const problems = validate(tool.definition, args);
    if (problems) {
      return {
        output: `Invalid arguments for ${call.name}: ${problems}. Check the tool's parameter schema and call it again.`,
        isError: true,
      };
    }
    try {
      const result = await tool.executor(args, context);
      return typeof result === "string" ? { output: result, isError: false } : result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { output: `Error: ${message}`, isError: true };
    }
  }
}

/** The call's arguments, or a description of why they are not a JSON object. */
function parseArguments(call: ToolCallInput): Record<string, unknown> | string {
  const raw = call.rawArguments?.trim();
  if (raw === undefined || raw === "") return call.arguments ?? {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return `the arguments are not valid JSON (${(error as Error).message})`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return "the arguments must be a JSON object";
  }
  return parsed as Record<string, unknown>;
}

function validate(definition: ToolDefinition, args: Record<string, unknown>): string | undefined {
  try {
    return validateAgainst(definition.parameters, args);
  } catch (error) {
    return `the tool's parameter schema could not be compiled (${(error as Error).message})`;
  }
}
