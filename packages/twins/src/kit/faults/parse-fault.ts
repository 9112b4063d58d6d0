/**
 * Shape checks of faults and fault rules (from scripts, options and the admin API).
 * @module
 */
import { optChoice, optNumber, optString, readObject, ShapeError, type ValuePath } from "../shape.js";
import { FAULT_KINDS, type Fault, type FaultKind, type FaultRuleInput } from "./types.js";

const FAULT_KEYS: Readonly<Record<FaultKind, readonly string[]>> = {
  rate_limit: ["retryAfterSeconds"],
  server_error: ["status"],
  overloaded: ["afterEvents"],
  stream_cut: ["afterEvents"],
  malformed_sse: ["afterEvents"],
  hang: [],
  slow: ["ttftMs", "tokensPerSecond", "jitter"],
};

/**
 * Reads a fault: `{ kind, ...parameters }`, or just the kind as a string (`"hang"`).
 * @throws ShapeError naming the bad field.
 */
export function readFault(value: unknown, path: ValuePath): Fault {
  if (typeof value === "string") return readFault({ kind: value }, path);
  const loose = readObject(value, path, ["kind", ...new Set(Object.values(FAULT_KEYS).flat())]);
  const kind = optChoice(loose, "kind", path, FAULT_KINDS);
  if (kind === undefined) throw new ShapeError([...path, "kind"], "missing 'kind'");
  const obj = readObject(value, path, ["kind", ...FAULT_KEYS[kind]]);
  switch (kind) {
    case "rate_limit": {
      const retryAfterSeconds = optNumber(obj, "retryAfterSeconds", path, { min: 0 });
      return { kind, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    }
    case "server_error": {
      const status = optNumber(obj, "status", path, { integer: true });
      if (status !== undefined && ![500, 502, 503, 504].includes(status)) {
        throw new ShapeError([...path, "status"], `expected 500, 502, 503 or 504, got ${status}`);
      }
      return { kind, ...(status !== undefined ? { status: status as 500 | 502 | 503 | 504 } : {}) };
    }
    case "overloaded":
    case "stream_cut":
    case "malformed_sse": {
      const afterEvents = optNumber(obj, "afterEvents", path, { integer: true, min: 0 });
      return { kind, ...(afterEvents !== undefined ? { afterEvents } : {}) };
    }
    case "slow": {
      const ttftMs = optNumber(obj, "ttftMs", path, { min: 0 });
      const tokensPerSecond = optNumber(obj, "tokensPerSecond", path, { above: 0 });
      const jitter = optNumber(obj, "jitter", path, { min: 0, max: 1 });
      return {
        kind,
        ...(ttftMs !== undefined ? { ttftMs } : {}),
        ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}),
        ...(jitter !== undefined ? { jitter } : {}),
      };
    }
    case "hang":
      return { kind };
  }
}

/**
 * Reads one fault rule (see {@link FaultRuleInput}).
 * @throws ShapeError naming the bad field.
 */
export function readFaultRule(value: unknown, path: ValuePath): FaultRuleInput {
  const obj = readObject(value, path, ["path", "model", "nth", "probability", "seed", "times", "fault"]);
  if (obj.fault === undefined) throw new ShapeError([...path, "fault"], "missing 'fault'");
  const rule: FaultRuleInput = { fault: readFault(obj.fault, [...path, "fault"]) };
  const pathGlob = optString(obj, "path", path);
  const model = optString(obj, "model", path);
  const nth = optNumber(obj, "nth", path, { integer: true, min: 1 });
  const probability = optNumber(obj, "probability", path, { min: 0, max: 1 });
  const seed = optNumber(obj, "seed", path, { integer: true });
  const times = optNumber(obj, "times", path, { integer: true, min: 1 });
  if (pathGlob !== undefined) rule.path = pathGlob;
  if (model !== undefined) rule.model = model;
  if (nth !== undefined) rule.nth = nth;
  if (probability !== undefined) rule.probability = probability;
  if (seed !== undefined) rule.seed = seed;
  if (times !== undefined) rule.times = times;
  return rule;
}

/** Reads one rule or a list of rules. @throws ShapeError naming the bad field. */
export function readFaultRules(value: unknown): FaultRuleInput[] {
  if (Array.isArray(value)) return value.map((item, i) => readFaultRule(item, [i]));
  return [readFaultRule(value, [])];
}
