/**
 * The parsed model stylesheet (attractor-spec §8.2-8.4).
 * @module
 */

/** The properties a stylesheet may set (attractor-spec §8.4). */
export type StyleProperty = "llm_model" | "llm_provider" | "reasoning_effort";

/** Every {@link StyleProperty}, in the order the spec lists them. */
export const STYLE_PROPERTIES: readonly StyleProperty[] = Object.freeze([
  "llm_model",
  "llm_provider",
  "reasoning_effort",
]);

/** A selector (attractor-spec §8.3); `specificity` is 0 for `*`, 1 shape, 2 class, 3 id. */
export type StyleSelector =
  | { type: "universal"; specificity: 0 }
  | { type: "shape"; shape: string; specificity: 1 }
  | { type: "class"; className: string; specificity: 2 }
  | { type: "id"; id: string; specificity: 3 };

/** `property: value` inside a rule. `line`/`column` are 1-based in the stylesheet text. */
export interface StyleDeclaration {
  property: StyleProperty;
  /** The value, unquoted and unescaped. */
  value: string;
  line: number;
  column: number;
}

/** `selector { declarations }`. `line`/`column` (1-based) locate the selector in the stylesheet text. */
export interface StylesheetRule {
  selector: StyleSelector;
  declarations: StyleDeclaration[];
  line: number;
  column: number;
}

/** The winning value of each property for one node; absent when no rule sets it. */
export type ResolvedStyle = Partial<Record<StyleProperty, string>>;
