/**
 * Checks of the function-calling history in `contents`: every `functionResponse` content must
 * follow a model turn with as many `functionCall` parts, of the same names; and, on Gemini 3,
 * the first function call of each step of the current turn must carry a `thoughtSignature`: the
 * one the model gave it, or one of Google's documented dummies (`skip_thought_signature_validator`,
 * `context_engineering_is_the_way_to_go`) for calls that did not come from the model. The twin
 * accepts any non-empty signature (it does not check that it issued it).
 * @module
 */
import { invalidArgument } from "./errors.js";
import { isObject, type Json } from "./proto-json.js";

const parts = (content: Json): Json[] => (Array.isArray(content.parts) ? content.parts.filter(isObject) : []);
const roleOf = (content: Json): string => (content.role === "model" ? "model" : "user");

/**
 * Consecutive model contents form one step (streamed answers come back as one content per
 * chunk). Returns the indexes of the step that ends right before `index`.
 */
function stepBefore(contents: readonly Json[], index: number): number[] {
  const step: number[] = [];
  for (let i = index - 1; i >= 0 && roleOf(contents[i]) === "model"; i--) step.unshift(i);
  return step;
}

/**
 * Function responses must answer the function call turn right before them.
 * @throws GeminiRequestError with the API's wording.
 */
export function checkFunctionResponses(contents: readonly Json[]): void {
  contents.forEach((content, index) => {
    const responses = parts(content).flatMap((p) => (isObject(p.functionResponse) ? [p.functionResponse] : []));
    if (responses.length === 0 || roleOf(content) === "model") return;
    const calls = stepBefore(contents, index).flatMap((i) =>
      parts(contents[i]).flatMap((p) => (isObject(p.functionCall) ? [p.functionCall] : [])),
    );
    if (calls.length === 0) {
      throw invalidArgument("Please ensure that function response turn comes immediately after a function call turn.");
    }
    if (calls.length !== responses.length) {
      throw invalidArgument(
        "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.",
      );
    }
    const open = calls.map((c) => String(c.name));
    for (const response of responses) {
      const at = open.indexOf(String(response.name));
      if (at < 0) {
        throw invalidArgument(
          `Please ensure that function response parts match the function call parts of the function call turn: no function call named \`${String(response.name)}\` precedes the function response at position ${index + 1}.`,
        );
      }
      open.splice(at, 1);
    }
  });
}

/**
 * Index of the first content of the current turn: the one after the last user content that is
 * not only function responses (0 when there is none).
 */
function currentTurnStart(contents: readonly Json[]): number {
  for (let i = contents.length - 1; i >= 0; i--) {
    if (roleOf(contents[i]) === "user" && parts(contents[i]).some((p) => p.functionResponse === undefined))
      return i + 1;
  }
  return 0;
}

/**
 * Gemini 3: in the current turn, the first function call of each step must carry its thought
 * signature (parallel calls share the first call's). Positions in the message are 1-based
 * content indexes, as the API reports them.
 * @throws GeminiRequestError `Function call is missing a thought_signature in functionCall parts...`.
 */
export function checkThoughtSignatures(contents: readonly Json[]): void {
  let i = currentTurnStart(contents);
  while (i < contents.length) {
    if (roleOf(contents[i]) !== "model") {
      i++;
      continue;
    }
    let first: { call: Json; part: Json; index: number } | undefined;
    for (; i < contents.length && roleOf(contents[i]) === "model"; i++) {
      for (const part of parts(contents[i])) {
        if (!first && isObject(part.functionCall)) first = { call: part.functionCall, part, index: i };
      }
    }
    const signature = first?.part.thoughtSignature;
    if (first && (typeof signature !== "string" || signature === "")) {
      throw invalidArgument(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${String(first.call.name)}\` , position ${first.index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
  }
}
