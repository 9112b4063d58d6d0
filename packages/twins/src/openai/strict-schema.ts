/**
 * The schema rules of OpenAI's strict mode (structured outputs, strict function tools): the root
 * is an object, and every object sets `additionalProperties: false` and lists every property in
 * `required`. Worded as the API words them: `In context=('properties', 'address'), ...`.
 * @module
 */
import { isObject, type Json } from "./validate.js";

/**
 * The first strict-mode violation in `schema`, or undefined when it complies.
 * @returns the message tail after `Invalid schema for <what> '<name>': `.
 */
export function strictSchemaProblem(schema: Json): string | undefined {
  if (schema.type !== "object" || schema.anyOf !== undefined) {
    const type = typeof schema.type === "string" ? schema.type : "None";
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${type}"'.`;
  }
  return visit(schema, []);
}

function visit(node: unknown, context: string[]): string | undefined {
  if (!isObject(node)) return undefined;
  const at = `In context=(${context.map((c) => `'${c}'`).join(", ")}${context.length === 1 ? "," : ""})`;
  const isObjectType = node.type === "object" || (Array.isArray(node.type) && node.type.includes("object"));
  if (isObjectType || isObject(node.properties)) {
    if (node.additionalProperties !== false) {
      return `${at}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const properties = isObject(node.properties) ? Object.keys(node.properties) : [];
    const required = Array.isArray(node.required) ? node.required : undefined;
    const missing = properties.find((key) => !required?.includes(key));
    if (required === undefined && properties.length > 0) {
      return `${at}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${properties[0]}'.`;
    }
    if (missing !== undefined) {
      return `${at}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
    for (const key of properties) {
      const problem = visit((node.properties as Json)[key], [...context, "properties", key]);
      if (problem) return problem;
    }
  }
  if (node.items !== undefined) {
    const problem = visit(node.items, [...context, "items"]);
    if (problem) return problem;
  }
  for (const key of ["anyOf", "allOf"] as const) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, child] of list.entries()) {
      const problem = visit(child, [...context, key, String(i)]);
      if (problem) return problem;
    }
  }
  for (const key of ["$defs", "definitions"] as const) {
    const defs = node[key];
    if (!isObject(defs)) continue;
    for (const [name, child] of Object.entries(defs)) {
      const problem = visit(child, [...context, key, name]);
      if (problem) return problem;
    }
  }
  return undefined;
}
