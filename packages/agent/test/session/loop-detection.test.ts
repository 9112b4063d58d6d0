import { describe, expect, it } from "vitest";
import { detectLoop, loopWarning, toolCallSignature } from "../../src/session/loop-detection.js";
import { harness } from "../helpers/harness.js";
import { calls, text } from "../helpers/scripted-adapter.js";

describe("detectLoop (§2.10)", () => {
  const sig = (s: string) => s;
  it("needs a full window", () => {
    expect(detectLoop(["a", "a", "a"], 4)).toBe(false);
  });
  it("finds patterns of length 1, 2 and 3", () => {
    expect(detectLoop(Array(10).fill("a"), 10)).toBe(true);
    expect(detectLoop(["a", "b", "a", "b", "a", "b"], 6)).toBe(true);
    expect(detectLoop(["a", "b", "c", "a", "b", "c"], 6)).toBe(true);
  });
  it("ignores varied calls and patterns that do not divide the window", () => {
    expect(detectLoop(["a", "b", "c", "d", "a", "b", "c", "d"], 8)).toBe(false);
    expect(detectLoop(["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"], 10)).toBe(false);
    expect(detectLoop(["x", "y", ...Array(4).fill(sig("a"))], 4)).toBe(true);
    // A pattern must repeat: three different calls in a window of 3 are not a loop.
    expect(detectLoop(["a", "b", "c"], 3)).toBe(false);
  });
  it("signatures ignore argument key order and differ by arguments", () => {
    expect(toolCallSignature("t", { a: 1, b: { c: 2, d: 3 } })).toBe(
      toolCallSignature("t", { b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(toolCallSignature("t", { a: 1 })).not.toBe(toolCallSignature("t", { a: 2 }));
    expect(toolCallSignature("t", { a: 1 })).not.toBe(toolCallSignature("u", { a: 1 }));
  });
});

describe("loop detection in the session (§2.10, §9.1)", () => {
  it("after N identical calls a warning SteeringTurn is added and sent to the model", async () => {
    const same = (i: number) => calls([{ id: `c${i}`, name: "echo", args: { text: "same" } }]);
    const h = harness([same(1), same(2), same(3), text("trying something else")], {
      config: { loopDetectionWindow: 3 },
    });
    await h.session.submit("go");
    expect(h.ofType("loop_detection")).toEqual([expect.objectContaining({ message: loopWarning(3), window: 3 })]);
    expect(h.ofType("steering_injected")).toEqual([
      expect.objectContaining({ source: "loop_detection", content: loopWarning(3) }),
    ]);
    const steering = h.session.history.filter((t) => t.kind === "steering");
    expect(steering.map((t) => t.content)).toEqual([
      "Loop detected: the last 3 tool calls follow a repeating pattern. Try a different approach.",
    ]);
    const last = h.adapter.requests[3].messages.at(-1);
    expect(last).toEqual({ role: "user", content: [{ kind: "text", text: loopWarning(3) }] });
  });

  it("does not warn when disabled or when calls differ", async () => {
    const call = (i: number, t: string) => calls([{ id: `c${i}`, name: "echo", args: { text: t } }]);
    const off = harness([call(1, "a"), call(2, "a"), call(3, "a"), text("ok")], {
      config: { loopDetectionWindow: 3, enableLoopDetection: false },
    });
    await off.session.submit("go");
    const varied = harness([call(1, "a"), call(2, "b"), call(3, "c"), text("ok")], {
      config: { loopDetectionWindow: 3 },
    });
    await varied.session.submit("go");
    expect(off.ofType("loop_detection")).toEqual([]);
    expect(varied.ofType("loop_detection")).toEqual([]);
  });
});
