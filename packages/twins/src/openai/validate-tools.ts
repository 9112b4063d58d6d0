/**
 * Tool validation that Chat Completions and Responses share: a function tool's `parameters` and
 * `strict` (with the strict-mode schema rules), and the common form of `tool_choice`.
 * @module
 */
import { OpenAIRequestError } from "./errors.js";
import { strictSchemaProblem } from "./strict-schema.js";
import { checkChoice, checkType, invalidType, isObject, type Json, missingParam } from "./validate.js";

/**
 * Checks a function definition's optional `parameters` (an object) and `strict` (a boolean) and,
 * when `strict` is true, that the schema is one strict mode accepts.
 * @param fn The object holding `parameters` and `strict` (`tools[i].function` in Chat, `tools[i]` in Responses).
 * @param at The parameter path of `fn`, e.g. `tools[0].function`.
 * @param name The function's name, for the message.
 * @throws OpenAIRequestError `invalid_type`, or `invalid_function_parameters` for a schema strict mode rejects.
 */
export function checkFunctionParameters(fn: Json, at: string, name: string): void {
  checkType(fn.parameters, `${at}.parameters`, "object");
  checkType(fn.strict, `${at}.strict`, "boolean");
  if (fn.strict !== true || !isObject(fn.parameters)) return;
  const problem = strictSchemaProblem(fn.parameters);
  if (problem) {
    throw new OpenAIRequestError({
      message: `Invalid schema for function '${name}': ${problem}`,
      param: `${at}.parameters`,
      code: "invalid_function_parameters",
    });
  }
}

/**
 * Checks the form of an optional `tool_choice`: a mode string (`none`, `auto`, `required`) or an
 * object with a `type`.
 * @returns The object form, or undefined when `tool_choice` is absent, null or a mode string.
 * @throws OpenAIRequestError `invalid_value`, `invalid_type` or `missing_required_parameter`.
 */
export function toolChoiceObject(choice: unknown): Json | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === "string") {
    checkChoice(choice, "tool_choice", ["none", "auto", "required"]);
    return undefined;
  }
  if (!isObject(choice)) throw invalidType("tool_choice", "one of a string or object", choice);
  if (choice.type === undefined) throw missingParam("tool_choice.type");
  return choice;
}
