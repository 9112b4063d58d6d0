// §3.5 cross-provider portability: thinking signatures verify only with the provider that made
// them. The client marks thinking with the adapter that produced it, and adapters leave out
// thinking from another provider when the conversation moves.
import { describe, expect, it } from "vitest";
import { buildRequest } from "../../src/providers/anthropic/request.js";
import { buildGeminiRequest } from "../../src/providers/gemini/request.js";
import { isForeignThinking, Message } from "../../src/types/message.js";
import { collect, fakeClient, respond, responseOf } from "../helpers/fake-adapter.js";

const signed = (provider: string | undefined): Message => ({
  role: "assistant",
  content: [
    {
      kind: "thinking",
      thinking: { text: "let me think", signature: "sig-123", redacted: false, ...(provider ? { provider } : {}) },
    },
    { kind: "text", text: "Answer." },
  ],
});

describe("thinking across providers (§3.5)", () => {
  it("the client marks thinking in complete() and stream() responses with the adapter's name", async () => {
    const reply = () =>
      responseOf([
        { kind: "thinking", thinking: { text: "hmm", signature: "s", redacted: false } },
        { kind: "text", text: "ok" },
      ]);
    const { client } = fakeClient([respond(reply()), respond(reply())], "anthropic");
    const response = await client.complete({ model: "m", messages: [Message.user("hi")] });
    expect(response.message.content[0]).toMatchObject({ kind: "thinking", thinking: { provider: "anthropic" } });
    const events = await collect(client.stream({ model: "m", messages: [Message.user("hi")] }));
    const finish = events.find((e) => e.type === "finish");
    expect(finish?.type === "finish" && finish.response.message.content[0]).toMatchObject({
      thinking: { provider: "anthropic" },
    });
  });

  it("isForeignThinking: only marked thinking from another provider is foreign", () => {
    expect(isForeignThinking(signed("gemini").content[0], "anthropic")).toBe(true);
    expect(isForeignThinking(signed("anthropic").content[0], "anthropic")).toBe(false);
    expect(isForeignThinking(signed(undefined).content[0], "anthropic")).toBe(false);
  });

  it("Anthropic leaves out Gemini's signed thinking but keeps its own", async () => {
    const conversation = (provider: string) => [Message.user("q"), signed(provider), Message.user("more")];
    const foreign = await buildRequest(
      { model: "claude-opus-4-6", messages: conversation("gemini") },
      { autoCache: false, stream: false },
    );
    const own = await buildRequest(
      { model: "claude-opus-4-6", messages: conversation("anthropic") },
      { autoCache: false, stream: false },
    );
    const blocks = (b: { body: { messages: { content: unknown }[] } }) => JSON.stringify(b.body.messages[1].content);
    expect(blocks(foreign as never)).not.toContain("sig-123");
    expect(blocks(own as never)).toContain("sig-123");
  });

  it("Gemini leaves out Anthropic's signed thinking but keeps its own", async () => {
    const conversation = (provider: string) => [Message.user("q"), signed(provider), Message.user("more")];
    const foreign = await buildGeminiRequest({ model: "gemini-3-flash-preview", messages: conversation("anthropic") });
    const own = await buildGeminiRequest({ model: "gemini-3-flash-preview", messages: conversation("gemini") });
    expect(JSON.stringify(foreign.body)).not.toContain("sig-123");
    expect(JSON.stringify(own.body)).toContain("sig-123");
  });
});
