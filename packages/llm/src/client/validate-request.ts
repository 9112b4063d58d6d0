/**
 * Checks a request before it is sent, so mistakes fail with a message that says what to fix.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";
import { schemaProblem } from "../json/schema.js";
import type { Request } from "../types/request.js";
import { isValidToolName } from "../types/tool.js";

/**
 * @throws ConfigurationError for an empty model, no messages, a bad tool name, a tool schema
 *   that is not a valid JSON Schema object, a named tool choice without a known tool, or a
 *   `json_schema` response format without a schema.
 */
export function validateRequest(request: Request): void {
  if (typeof request.model !== "string" || request.model.trim() === "") {
    throw new ConfigurationError({ message: "request.model is required: the provider's model id, e.g. 'gpt-5.2'" });
  }
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw new ConfigurationError({ message: "request.messages must hold at least one message" });
  }
  const names = new Set<string>();
  for (const [i, tool] of (request.tools ?? []).entries()) {
    if (!isValidToolName(tool.name)) {
      throw new ConfigurationError({
        message: `tools[${i}].name '${tool.name}' is not a valid tool name: use letters, digits and '_', starting with a letter, at most 64 characters`,
      });
    }
    if (names.has(tool.name))
      throw new ConfigurationError({ message: `tools[${i}]: tool name '${tool.name}' is used twice` });
    names.add(tool.name);
    const problem = schemaProblem(tool.parameters, { objectRoot: true });
    if (problem) throw new ConfigurationError({ message: `tools[${i}] '${tool.name}': parameters ${problem}` });
  }
  const choice = request.toolChoice;
  if (choice?.mode === "named") {
    if (!choice.toolName) throw new ConfigurationError({ message: "toolChoice mode 'named' needs toolName" });
    if (!names.has(choice.toolName)) {
      throw new ConfigurationError({
        message: `toolChoice names '${choice.toolName}', which is not among the request's tools`,
      });
    }
  }
  const format = request.responseFormat;
  if (format?.type === "json_schema") {
    if (!format.jsonSchema)
      throw new ConfigurationError({ message: "responseFormat type 'json_schema' needs jsonSchema" });
    const problem = schemaProblem(format.jsonSchema, { objectRoot: false });
    if (problem) throw new ConfigurationError({ message: `responseFormat.jsonSchema ${problem}` });
  }
}
