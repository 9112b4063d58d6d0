import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors/client-errors.js";
import { standardizePrompt } from "../../src/generate/standardize-prompt.js";
import { stepRequest } from "../../src/generate/step-request.js";
import { Message } from "../../src/types/message.js";

describe("standardizePrompt (§4.3)", () => {
  it("turns a prompt into one user message, after the system message", () => {
    expect(standardizePrompt({ prompt: "hi" })).toEqual([Message.user("hi")]);
    expect(standardizePrompt({ prompt: "hi", system: "sys" })).toEqual([Message.system("sys"), Message.user("hi")]);
  });

  it("copies messages, never modifying the caller's list", () => {
    const messages = [Message.user("a")];
    const conversation = standardizePrompt({ messages, system: "s" });
    conversation.push(Message.user("b"));
    expect(messages).toHaveLength(1);
  });

  it("rejects both or neither", () => {
    expect(() => standardizePrompt({ prompt: "a", messages: [] })).toThrow(ConfigurationError);
    expect(() => standardizePrompt({})).toThrow(ConfigurationError);
  });

  it("stepRequest strips tool handlers and copies the conversation", () => {
    const conversation = [Message.user("q")];
    const request = stepRequest(
      {
        model: "m",
        tools: [{ name: "t", description: "d", parameters: { type: "object" }, execute: () => 1 }],
      },
      conversation,
    );
    expect(request).toEqual({
      model: "m",
      messages: [Message.user("q")],
      tools: [{ name: "t", description: "d", parameters: { type: "object" } }],
    });
    conversation.push(Message.user("later"));
    expect(request.messages).toHaveLength(1);
  });
});
