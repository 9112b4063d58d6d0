import { describe, expect, it } from "vitest";
import { stepResult } from "../../src/generate/step-result.js";
import { hasToolCall, stepCountIs } from "../../src/generate/stop-condition.js";
import { textResponse, toolCallsResponse } from "../helpers/fake-adapter.js";

describe("stop conditions", () => {
  const text = stepResult(textResponse("x"), []);
  const tool = stepResult(toolCallsResponse([{ id: "1", name: "finish", args: {} }]), []);

  it("stepCountIs stops once that many steps ran", () => {
    expect(stepCountIs(2)([text])).toBe(false);
    expect(stepCountIs(2)([text, text])).toBe(true);
  });

  it("hasToolCall looks at the last step's calls", () => {
    expect(hasToolCall("finish")([tool])).toBe(true);
    expect(hasToolCall("finish")([tool, text])).toBe(false);
    expect(hasToolCall("other")([tool])).toBe(false);
    expect(hasToolCall("finish")([])).toBe(false);
  });
});
