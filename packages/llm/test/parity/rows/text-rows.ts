// §8.9 rows: simple text, streaming text, image input (base64 and URL).
import { expect } from "vitest";
import { generate } from "../../../src/generate/generate.js";
import { stream } from "../../../src/generate/stream.js";
import { Message } from "../../../src/types/message.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { PROMPTS, RED_PNG } from "../scenarios.js";
import { base, collect, expectSaneUsage, type ParityRow, partsOf, wireViews } from "./context.js";

type TextEvent = Extract<StreamEvent, { type: "text_start" | "text_delta" | "text_end" }>;

/** Each text segment goes start -> delta* -> end, and its end carries the concatenated deltas. */
function expectTextSegments(events: StreamEvent[]): void {
  const segments = new Map<string, { started: boolean; text: string; ended: boolean }>();
  for (const event of events.filter((e): e is TextEvent => e.type.startsWith("text_"))) {
    const seg = segments.get(event.textId);
    if (event.type === "text_start") {
      expect(seg, `text segment ${event.textId} started twice`).toBeUndefined();
      segments.set(event.textId, { started: true, text: "", ended: false });
      continue;
    }
    expect(seg?.started, `${event.type} before text_start of ${event.textId}`).toBe(true);
    expect(seg?.ended, `${event.type} after text_end of ${event.textId}`).toBe(false);
    if (!seg) continue;
    if (event.type === "text_delta") seg.text += event.delta;
    else {
      seg.ended = true;
      expect(event.text).toBe(seg.text);
    }
  }
  expect(segments.size).toBeGreaterThan(0);
  for (const [id, seg] of segments) expect(seg.ended, `text segment ${id} never ended`).toBe(true);
}

export const textRows: ParityRow[] = [
  {
    id: "simple_text",
    title: "Simple text generation",
    async run(ctx) {
      const result = await generate({ ...base(ctx), prompt: PROMPTS.hello });
      expect(result.text.trim()).not.toBe("");
      expect(result.finishReason.reason).toBe("stop");
      expect(result.steps).toHaveLength(1);
      expect(result.response.provider).toBe(ctx.provider);
      expect(result.response.model).not.toBe("");
      expect(result.response.message.role).toBe("assistant");
      expectSaneUsage(result.usage);
      expect(ctx.calls.map((c) => c.kind)).toEqual(["complete"]);
      expect(ctx.calls[0].request.messages).toEqual([Message.user(PROMPTS.hello)]);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      expect(view.model).toBe(ctx.model);
      expect(view.stream).toBe(false);
      expect(view.system).toBe("");
      expect(view.messages).toEqual([{ role: "user", parts: [{ type: "text", text: PROMPTS.hello }] }]);
      expect(view.tools).toEqual([]);
    },
  },
  {
    id: "streaming_text",
    title: "Streaming text generation",
    async run(ctx) {
      const result = stream({ ...base(ctx), prompt: PROMPTS.haiku });
      const events = await collect(result);
      const response = await result.response();
      const deltas = events.flatMap((e) => (e.type === "text_delta" ? [e.delta] : []));
      expect(response.text.trim()).not.toBe("");
      expect(deltas.join("")).toBe(response.text);
      expect(events[0]?.type).toBe("stream_start");
      expect(events.at(-1)?.type).toBe("finish");
      expect(events.filter((e) => e.type === "error")).toEqual([]);
      expectTextSegments(events);
      const finish = events.at(-1);
      if (finish?.type === "finish") {
        expect(finish.response.text).toBe(response.text);
        expect(finish.finishReason.reason).toBe("stop");
        expectSaneUsage(finish.usage);
      }
      expect(ctx.calls.map((c) => c.kind)).toEqual(["stream"]);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      expect(view.stream).toBe(true);
      expect(deltas.length, "the answer arrived in several deltas").toBeGreaterThan(1);
    },
  },
  {
    id: "image_base64",
    title: "Image input (base64)",
    async run(ctx) {
      const messages = [
        Message.user([
          { kind: "text", text: PROMPTS.image },
          { kind: "image", image: { data: RED_PNG, mediaType: "image/png" } },
        ]),
      ];
      const result = await generate({ ...base(ctx), messages });
      expect(result.text).toMatch(/red/i);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      const images = partsOf(view, "image");
      expect(images).toHaveLength(1);
      expect(images[0].url).toBeUndefined();
      expect(images[0].mediaType).toBe("image/png");
      expect(Buffer.from(images[0].base64 ?? "", "base64").equals(Buffer.from(RED_PNG))).toBe(true);
      expect(partsOf(view, "text")).toEqual([{ type: "text", text: PROMPTS.image }]);
    },
  },
  {
    id: "image_url",
    title: "Image input (URL)",
    async run(ctx) {
      const { url, expect: expected } = ctx.target.imageUrl;
      const messages = [
        Message.user([
          { kind: "text", text: PROMPTS.image },
          { kind: "image", image: { url } },
        ]),
      ];
      const result = await generate({ ...base(ctx), messages });
      expect(result.text).toMatch(expected);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      const images = partsOf(view, "image");
      expect(images, "the URL is passed by reference, not downloaded by the client").toEqual([
        expect.objectContaining({ type: "image", url }),
      ]);
      expect(images[0].base64).toBeUndefined();
    },
  },
];
