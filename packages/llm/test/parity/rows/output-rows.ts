// §8.9 rows: structured output, reasoning token reporting, provider-specific options.
import { expect } from "vitest";
import { generate } from "../../../src/generate/generate.js";
import { generateObject } from "../../../src/generate/generate-object.js";
import type { GenerateResult } from "../../../src/generate/types.js";
import type { ParityProvider } from "../parity-types.js";
import { PERSON_SCHEMA, PROMPTS } from "../scenarios.js";
import type { WireView } from "../wire/types.js";
import { isObject } from "../wire/types.js";
import { base, expectReportedUsage, type ParityRow, type RowContext, wireViews } from "./context.js";

/**
 * Whether the provider returns reasoning text for `reasoningEffort` alone. OpenAI returns
 * reasoning summaries only when `reasoning.summary` is asked for (providerOptions), so only its
 * token count is portable.
 */
const REASONING_TEXT: Record<ParityProvider, boolean> = { openai: false, anthropic: true, gemini: true };

/** A provider-specific option whose effect can be seen both on the wire and in the result. */
interface OptionCase {
  options: Record<string, unknown>;
  /** What the option changes in the result, read the same way with and without it. */
  observe(result: GenerateResult): unknown;
  /** The observed value with the option. */
  expected: unknown;
  /** Checks the option on the wire. */
  wire(view: WireView): void;
}

const OPTION_CASES: Record<ParityProvider, OptionCase> = {
  // Responses API parameters the unified Request does not have; the API echoes them back.
  openai: {
    options: { truncation: "auto", store: false },
    observe: (r) => {
      const raw = isObject(r.response.raw) ? r.response.raw : {};
      return { truncation: raw.truncation, store: raw.store };
    },
    expected: { truncation: "auto", store: false },
    wire: (view) => expect(view.body).toMatchObject({ truncation: "auto", store: false }),
  },
  // A native thinking configuration, used as written instead of the one reasoningEffort would build.
  anthropic: {
    options: { thinking: { type: "enabled", budget_tokens: 1024 } },
    observe: (r) => r.response.message.content.some((p) => p.kind === "thinking" && p.thinking.signature),
    expected: true,
    wire: (view) => {
      expect(view.body.thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
      expect(Number(view.body.max_tokens)).toBeGreaterThan(1024);
    },
  },
  // Gemini's thinkingConfig: thought summaries come back only when includeThoughts is set.
  gemini: {
    options: { thinkingConfig: { includeThoughts: true } },
    observe: (r) => (r.reasoning ?? "").trim() !== "",
    expected: true,
    wire: (view) => expect(view.body.generationConfig).toMatchObject({ thinkingConfig: { includeThoughts: true } }),
  },
};

function expectSchemaOnWire(ctx: RowContext, view: WireView): void {
  if (ctx.provider === "anthropic") {
    // Anthropic gets the schema as the input schema of a forced extraction tool (§4.5).
    expect(view.toolChoice).toEqual({ mode: "named", name: "structured_output" });
    const tools = Array.isArray(view.body.tools) ? view.body.tools : [];
    expect(tools).toEqual([expect.objectContaining({ name: "structured_output", input_schema: PERSON_SCHEMA })]);
    return;
  }
  expect(view.responseSchema).toMatchObject({
    type: "object",
    properties: { name: { type: "string" }, age: { type: "integer" } },
    required: ["name", "age"],
  });
}

export const outputRows: ParityRow[] = [
  {
    id: "structured_output",
    title: "Structured output (generate_object)",
    async run(ctx) {
      const result = await generateObject<{ name: string; age: number }>({
        ...base(ctx),
        prompt: PROMPTS.extract,
        schema: { ...PERSON_SCHEMA },
      });
      expect(result.output).toEqual({ name: "Alice", age: 30 });
      expect(ctx.calls).toHaveLength(1);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      expectSchemaOnWire(ctx, view);
    },
  },
  {
    id: "reasoning",
    title: "Reasoning/thinking token reporting",
    async run(ctx) {
      const result = await generate({ ...base(ctx), prompt: PROMPTS.reasoning, reasoningEffort: "medium" });
      expect(result.text).toMatch(/0?\.05|5 cents|five cents/i);
      const { usage } = result;
      expect(usage.reasoningTokens).toBeGreaterThan(0);
      expect(usage.reasoningTokens).toBeLessThanOrEqual(usage.outputTokens);
      expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);
      if (REASONING_TEXT[ctx.provider]) expect(result.reasoning?.trim()).toBeTruthy();
      if (ctx.provider === "anthropic") {
        const thinking = result.response.message.content.filter((p) => p.kind === "thinking");
        expect(thinking.length).toBeGreaterThan(0);
        for (const part of thinking) if (part.kind === "thinking") expect(part.thinking.signature).toBeTruthy();
      }
      expect(ctx.calls[0].request.reasoningEffort).toBe("medium");
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      expect(view.reasoning).toBe(true);
      expectReportedUsage(usage, ctx.probe.usage[0]);
    },
  },
  {
    id: "provider_options",
    title: "Provider-specific options pass through",
    async run(ctx) {
      const option = OPTION_CASES[ctx.provider];
      const without = await generate({ ...base(ctx), prompt: PROMPTS.hello });
      const withOption = await generate({
        ...base(ctx),
        prompt: PROMPTS.hello,
        providerOptions: { [ctx.provider]: option.options },
      });
      expect(option.observe(withOption)).toEqual(option.expected);
      expect(option.observe(without), "the observed effect comes from the option").not.toEqual(option.expected);
      expect(ctx.calls[1].request.providerOptions).toEqual({ [ctx.provider]: option.options });
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 2);
      option.wire(views[1]);
      expect(() => option.wire(views[0]), "the option is only on the request that set it").toThrow();
    },
  },
];
