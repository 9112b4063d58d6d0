// Message content translation for the Anthropic Messages API (unified-llm-spec §7.3, §3.5,
// §8.3): media (URL, bytes, data URI, local files), documents, tool results with images, and the
// round trip of thinking, redacted thinking, provider blocks and tool-call callers.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../../src/errors/client-errors.js";
import { type BuildRequestOptions, buildRequest } from "../../../src/providers/anthropic/request.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";

const NO_CACHE: BuildRequestOptions = { stream: false, autoCache: false };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const B64_PNG = Buffer.from(PNG).toString("base64");

function req(overrides: Partial<Request> = {}): Request {
  return { model: "claude-opus-4-6", messages: [Message.user("Hi")], ...overrides };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests index freely into the JSON body they check.
type WireJson = Record<string, any>;

async function body(request: Request, options: BuildRequestOptions = NO_CACHE): Promise<WireJson> {
  return (await buildRequest(request, options)).body as WireJson;
}

describe("anthropic message content translation", () => {
  it("sends tool results with images as content blocks", async () => {
    const b = await body(
      req({
        messages: [
          {
            role: "tool",
            toolCallId: "s1",
            content: [
              {
                kind: "tool_result",
                toolResult: {
                  toolCallId: "s1",
                  content: "screenshot",
                  isError: false,
                  imageData: PNG,
                  imageMediaType: "image/png",
                },
              },
            ],
          },
        ],
      }),
    );
    expect(b.messages[0].content).toEqual([
      {
        type: "tool_result",
        tool_use_id: "s1",
        content: [
          { type: "text", text: "screenshot" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: B64_PNG } },
        ],
      },
    ]);
  });

  describe("media", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "df-anthropic-"));
      await writeFile(join(dir, "pixel.png"), PNG);
      await writeFile(join(dir, "doc.pdf"), "%PDF-1.4 test");
      await writeFile(join(dir, "notes.txt"), "plain notes");
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("sends images by URL, bytes, data URI and local file path", async () => {
      const b = await body(
        req({
          messages: [
            Message.user([
              { kind: "text", text: "What is this?" },
              { kind: "image", image: { url: "https://example.com/cat.jpg" } },
              { kind: "image", image: { data: PNG, mediaType: "image/png" } },
              { kind: "image", image: { url: `data:image/gif;base64,${B64_PNG}` } },
              { kind: "image", image: { url: join(dir, "pixel.png") } },
            ]),
          ],
        }),
      );
      expect(b.messages[0].content).toEqual([
        { type: "text", text: "What is this?" },
        { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
        { type: "image", source: { type: "base64", media_type: "image/png", data: B64_PNG } },
        { type: "image", source: { type: "base64", media_type: "image/gif", data: B64_PNG } },
        { type: "image", source: { type: "base64", media_type: "image/png", data: B64_PNG } },
      ]);
    });

    it("sends documents: PDF bytes, PDF file, PDF URL, plain text", async () => {
      const b = await body(
        req({
          messages: [
            Message.user([
              {
                kind: "document",
                document: { data: new TextEncoder().encode("%PDF"), mediaType: "application/pdf", fileName: "a.pdf" },
              },
              { kind: "document", document: { url: join(dir, "doc.pdf") } },
              { kind: "document", document: { url: "https://example.com/paper.pdf" } },
              { kind: "document", document: { url: join(dir, "notes.txt") } },
            ]),
          ],
        }),
      );
      expect(b.messages[0].content).toEqual([
        {
          type: "document",
          title: "a.pdf",
          source: { type: "base64", media_type: "application/pdf", data: "JVBERg==" },
        },
        {
          type: "document",
          source: {
            type: "base64",
            media_type: "application/pdf",
            data: Buffer.from("%PDF-1.4 test").toString("base64"),
          },
        },
        { type: "document", source: { type: "url", url: "https://example.com/paper.pdf" } },
        { type: "document", source: { type: "text", media_type: "text/plain", data: "plain notes" } },
      ]);
    });

    it("rejects audio, unsupported image and document types, and missing files with ConfigurationError", async () => {
      const audio = req({
        messages: [Message.user([{ kind: "audio", audio: { data: PNG, mediaType: "audio/wav" } }])],
      });
      await expect(buildRequest(audio, NO_CACHE)).rejects.toThrow(ConfigurationError);
      await expect(buildRequest(audio, NO_CACHE)).rejects.toThrow(/audio/);
      const heic = req({
        messages: [Message.user([{ kind: "image", image: { data: PNG, mediaType: "image/heic" } }])],
      });
      await expect(buildRequest(heic, NO_CACHE)).rejects.toThrow(/image\/heic/);
      const docx = req({
        messages: [Message.user([{ kind: "document", document: { data: PNG, mediaType: "application/msword" } }])],
      });
      await expect(buildRequest(docx, NO_CACHE)).rejects.toThrow(ConfigurationError);
      const missing = req({ messages: [Message.user([{ kind: "image", image: { url: join(dir, "nope.png") } }])] });
      await expect(buildRequest(missing, NO_CACHE)).rejects.toThrow(ConfigurationError);
    });
  });

  describe("round-tripping assistant output", () => {
    it("sends thinking and redacted thinking back verbatim, with signatures", async () => {
      const b = await body(
        req({
          messages: [
            Message.user("Solve it"),
            Message.assistant([
              { kind: "thinking", thinking: { text: "Let me think...", signature: "sig_abc123", redacted: false } },
              { kind: "redacted_thinking", thinking: { text: "EncryptedOpaque==", redacted: true } },
              { kind: "text", text: "42" },
            ]),
            Message.user("Why?"),
          ],
        }),
      );
      expect(b.messages[1].content).toEqual([
        { type: "thinking", thinking: "Let me think...", signature: "sig_abc123" },
        { type: "redacted_thinking", data: "EncryptedOpaque==" },
        { type: "text", text: "42" },
      ]);
    });

    it("drops unsigned thinking and other providers' items with warnings; keeps Anthropic provider blocks and callers", async () => {
      const serverToolUse = { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "x" } };
      const caller = { type: "code_execution_20250825", tool_id: "srvtoolu_1" };
      const built = await buildRequest(
        req({
          messages: [
            Message.user("Search"),
            Message.assistant([
              { kind: "thinking", thinking: { text: "from gemini", redacted: false } },
              { kind: "provider", provider: "openai", data: { type: "reasoning", id: "rs_1" } },
              { kind: "provider", provider: "anthropic", data: serverToolUse },
              {
                kind: "tool_call",
                toolCall: {
                  id: "toolu_9",
                  name: "rollDie",
                  arguments: { player: "p1" },
                  providerMetadata: { anthropic: { caller } },
                },
              },
            ]),
          ],
        }),
        NO_CACHE,
      );
      const b = built.body as WireJson;
      expect(b.messages[1].content).toEqual([
        serverToolUse,
        { type: "tool_use", id: "toolu_9", name: "rollDie", input: { player: "p1" }, caller },
      ]);
      expect(built.warnings.map((w) => w.code)).toEqual(["thinking_dropped", "provider_part_dropped"]);
    });
  });
});
