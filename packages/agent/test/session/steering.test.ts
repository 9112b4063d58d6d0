import { describe, expect, it } from "vitest";
import { testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { calls, text } from "../helpers/scripted-adapter.js";

const userTexts = (h: ReturnType<typeof harness>, call: number) =>
  h.adapter.requests[call].messages
    .filter((m) => m.role === "user")
    .map((m) => m.content.map((p) => (p.kind === "text" ? p.text : "")).join(""));

describe("steering and follow-ups (§2.6, §9.6)", () => {
  it("steer() during a tool round is injected after it, as a SteeringTurn sent as user input", async () => {
    const h = harness([calls([{ id: "c", name: "echo", args: { text: "x" } }]), text("adjusted")]);
    h.session.subscribe((event) => {
      if (event.type === "tool_call_start") h.session.steer("Actually, only do the /health endpoint");
    });
    await h.session.submit("build the app");
    expect(h.session.history.map((t) => t.kind)).toEqual([
      "user",
      "assistant",
      "tool_results",
      "steering",
      "assistant",
    ]);
    expect(h.ofType("steering_injected")).toEqual([
      expect.objectContaining({ content: "Actually, only do the /health endpoint", source: "steer" }),
    ]);
    const order = h.types();
    expect(order.indexOf("steering_injected")).toBeGreaterThan(order.indexOf("tool_call_end"));
    expect(userTexts(h, 1)).toEqual(["build the app", "Actually, only do the /health endpoint"]);
    // The steering message comes after the tool results.
    expect(h.adapter.requests[1].messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
  });

  it("steer() while idle is delivered with the next submit, before the first LLM call", async () => {
    const h = harness([text("ok")]);
    h.session.steer("be brief");
    await h.session.submit("explain");
    expect(userTexts(h, 0)).toEqual(["explain", "be brief"]);
    expect(h.types().slice(1, 3)).toEqual(["user_input", "steering_injected"]);
  });

  it("followUp() is processed after the current input completes, in the same submit()", async () => {
    const h = harness([
      calls([{ id: "c", name: "echo", args: { text: "x" } }]),
      text("first done"),
      text("second done"),
    ]);
    h.session.subscribe((event) => {
      if (event.type === "tool_call_end") h.session.followUp("now write tests");
    });
    const result = await h.session.submit("implement");
    expect(result).toMatchObject({ stopReason: "completed", text: "second done" });
    expect(h.ofType("user_input").map((e) => e.content)).toEqual(["implement", "now write tests"]);
    // The follow-up starts only after the first input's final answer.
    expect(h.session.history.map((t) => t.kind)).toEqual([
      "user",
      "assistant",
      "tool_results",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(h.ofType("processing_end")).toHaveLength(1);
  });
});

describe("reasoning effort (§2.7, §9.7)", () => {
  it("is passed through and a change takes effect on the next LLM call", async () => {
    const h = harness([calls([{ id: "c", name: "echo", args: { text: "x" } }]), text("done"), text("again")], {
      config: { reasoningEffort: "low" },
    });
    h.session.subscribe((event) => {
      if (event.type === "tool_call_end") h.session.setReasoningEffort("high");
    });
    await h.session.submit("think");
    expect(h.adapter.requests.map((r) => r.reasoningEffort)).toEqual(["low", "high"]);
    h.session.config.reasoningEffort = null;
    await h.session.submit("provider default");
    expect(h.adapter.requests[2].reasoningEffort).toBeUndefined();
  });

  it("is not sent to a profile without reasoning support", async () => {
    const h = harness([text("ok")], {
      profile: testProfile({ supportsReasoning: false }),
      config: { reasoningEffort: "medium" },
    });
    await h.session.submit("x");
    expect(h.adapter.requests[0].reasoningEffort).toBeUndefined();
  });
});

describe("steering during a final answer", () => {
  it("is injected and the model continues instead of waiting for the next submit()", async () => {
    const h = harness([text("Here is the Flask app"), text("Switched to /health only")]);
    let steered = false;
    h.session.subscribe((event) => {
      if (event.type === "assistant_text_start" && !steered) {
        steered = true;
        h.session.steer("just a /health endpoint");
      }
    });
    const result = await h.session.submit("make a flask app");
    expect(result).toMatchObject({ stopReason: "completed", text: "Switched to /health only", toolRounds: 0 });
    expect(h.session.history.map((t) => t.kind)).toEqual(["user", "assistant", "steering", "assistant"]);
    expect(h.adapter.requests[1].messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
  });
});
