/**
 * The fault rules of one twin: which request gets which fault. Deterministic: counters are per
 * rule, and each rule draws its probability from its own seeded generator.
 * @module
 */
import { globMatch } from "../glob.js";
import { createPrng, type Prng } from "../prng.js";
import type { Fault, FaultRule, FaultRuleInput } from "./types.js";

/** What a request looks like to fault rules. */
export interface FaultProbe {
  /** Request path without the query string. */
  path: string;
  /** The request's model, when it names one. */
  model?: string;
}

/** The fault chosen for a request, and the rule that chose it. */
export interface FaultPick {
  fault: Fault;
  ruleId: string;
}

/** Holds fault rules and picks the fault of each request. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private generators = new Map<string, Prng>();
  private nextId = 1;

  /**
   * @param initial rules armed at start and re-armed by {@link reset}.
   * @param seed default seed of rules without their own.
   */
  constructor(
    private readonly initial: readonly FaultRuleInput[] = [],
    private readonly seed = 1,
  ) {
    this.reset();
  }

  /** Adds rules (after the existing ones) and returns them with their ids. */
  add(inputs: readonly FaultRuleInput[]): FaultRule[] {
    const added = inputs.map((input) => {
      const rule: FaultRule = { ...structuredClone(input), id: `f${this.nextId++}`, matched: 0, fired: 0 };
      this.generators.set(rule.id, createPrng(`${rule.seed ?? this.seed}:${rule.id}`));
      return rule;
    });
    this.rules.push(...added);
    return added.map((rule) => ({ ...rule }));
  }

  /** Copies of the rules, with their counters. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Removes every rule (or only rule `id`); returns how many were removed. */
  clear(id?: string): number {
    const before = this.rules.length;
    this.rules = id === undefined ? [] : this.rules.filter((rule) => rule.id !== id);
    return before - this.rules.length;
  }

  /** Back to the initial rules, with zeroed counters and generators. */
  reset(): void {
    this.rules = [];
    this.generators.clear();
    this.nextId = 1;
    this.add(this.initial);
  }

  /**
   * Counts the request against every rule it matches and returns the first rule that fires, or
   * undefined. A rule fires on an eligible match (the `nth` one when set, while `times` is not
   * used up) when its generator draws below `probability`.
   */
  pick(probe: FaultProbe): FaultPick | undefined {
    let picked: FaultPick | undefined;
    for (const rule of this.rules) {
      if (rule.path !== undefined && !globMatch(rule.path, probe.path)) continue;
      if (rule.model !== undefined && (probe.model === undefined || !globMatch(rule.model, probe.model))) continue;
      rule.matched++;
      if (picked) continue;
      if (rule.nth !== undefined && rule.matched !== rule.nth) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      const probability = rule.probability ?? 1;
      if (probability < 1) {
        const draw = this.generators.get(rule.id)?.() ?? 0;
        if (draw >= probability) continue;
      }
      rule.fired++;
      picked = { fault: rule.fault, ruleId: rule.id };
    }
    return picked;
  }
}
