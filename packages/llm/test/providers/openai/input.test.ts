// Message content for the OpenAI Responses API (unified-llm-spec §7.3, §3.5, §5.10): tool
// calls and results, replayed provider items, images and documents, as `buildRequestBody` sends them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../../src/errors/client-errors.js";
import { buildRequestBody } from "../../../src/providers/openai/request.js";
import { type ContentPart, Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";

const req = (over: Partial<Request> = {}): Request => ({ model: "gpt-5.2", messages: [Message.user("Hi")], ...over });
const body = async (over: Partial<Request> = {}) => (await buildRequestBody(req(over), false)).body;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_B64 = Buffer.from(PNG).toString("base64");

describe("buildRequestBody: tool results and calls", () => {
  it("sends structured results as JSON and marks errors in the text (OpenAI has no error flag)", async () => {
    const b = await body({
      messages: [
        Message.toolResult({ toolCallId: "c1", content: { temp: 18 } }),
        Message.toolResult({ toolCallId: "c2", content: ["a", "b"] }),
        Message.toolResult({ toolCallId: "c3", content: "city not found", isError: true }),
        Message.toolResult({ toolCallId: "c4", content: "Error: already prefixed", isError: true }),
      ],
    });
    expect(b.input).toEqual([
      { type: "function_call_output", call_id: "c1", output: '{"temp":18}' },
      { type: "function_call_output", call_id: "c2", output: '["a","b"]' },
      { type: "function_call_output", call_id: "c3", output: "Error: city not found" },
      { type: "function_call_output", call_id: "c4", output: "Error: already prefixed" },
    ]);
  });

  it("sends a result image next to its text", async () => {
    const result: ContentPart = {
      kind: "tool_result",
      toolResult: {
        toolCallId: "c1",
        content: "screenshot",
        isError: false,
        imageData: PNG,
        imageMediaType: "image/png",
      },
    };
    const b = await body({ messages: [{ role: "tool", toolCallId: "c1", content: [result] }] });
    expect(b.input).toEqual([
      {
        type: "function_call_output",
        call_id: "c1",
        output: [
          { type: "input_text", text: "screenshot" },
          { type: "input_image", image_url: `data:image/png;base64,${PNG_B64}`, detail: "auto" },
        ],
      },
    ]);
  });

  it("answers a tool message that holds only text with its toolCallId", async () => {
    const b = await body({ messages: [{ role: "tool", toolCallId: "c9", content: [{ kind: "text", text: "done" }] }] });
    expect(b.input).toEqual([{ type: "function_call_output", call_id: "c9", output: "done" }]);
  });

  it("replays custom tool calls as custom_tool_call and answers them with custom_tool_call_output", async () => {
    const b = await body({
      messages: [
        Message.user("Query"),
        Message.assistant([
          {
            kind: "tool_call",
            toolCall: { id: "call_sql", name: "write_sql", arguments: "SELECT 1", type: "custom" },
          },
        ]),
        Message.toolResult({ toolCallId: "call_sql", content: "1 row" }),
      ],
    });
    expect(b.input.slice(1)).toEqual([
      { type: "custom_tool_call", call_id: "call_sql", name: "write_sql", input: "SELECT 1" },
      { type: "custom_tool_call_output", call_id: "call_sql", output: "1 row" },
    ]);
  });

  it("keeps a call's namespace and caller (tool search, programmatic calling) for the round trip", async () => {
    const b = await body({
      messages: [
        Message.assistant([
          {
            kind: "tool_call",
            toolCall: {
              id: "call_x",
              name: "getInventory",
              arguments: { sku: "a" },
              providerMetadata: {
                openai: { itemId: "fc_1", namespace: "inv", caller: { type: "program", caller_id: "call_p" } },
              },
            },
          },
        ]),
      ],
    });
    expect(b.input).toEqual([
      {
        type: "function_call",
        call_id: "call_x",
        name: "getInventory",
        arguments: '{"sku":"a"}',
        namespace: "inv",
        caller: { type: "program", caller_id: "call_p" },
      },
    ]);
  });

  it("replays OpenAI provider items verbatim (reasoning with encrypted_content) and does not send thinking text", async () => {
    const reasoning = {
      id: "rs_1",
      type: "reasoning",
      encrypted_content: "gAAAA-opaque",
      summary: [{ type: "summary_text", text: "Thinking about it" }],
    };
    const approval = { type: "mcp_approval_response", approve: true, approval_request_id: "mcpr_1" };
    const built = await buildRequestBody(
      req({
        messages: [
          Message.user("Go"),
          Message.assistant([
            { kind: "thinking", thinking: { text: "Thinking about it", redacted: false } },
            { kind: "provider", provider: "openai", data: reasoning },
            { kind: "tool_call", toolCall: { id: "c1", name: "get_weather", arguments: { city: "Oslo" } } },
            { kind: "provider", provider: "anthropic", data: { type: "server_tool_use" } },
          ]),
          Message.user([{ kind: "provider", provider: "openai", data: approval }]),
        ],
      }),
      false,
    );
    expect(built.body.input.slice(1)).toEqual([
      reasoning,
      { type: "function_call", call_id: "c1", name: "get_weather", arguments: '{"city":"Oslo"}' },
      approval,
    ]);
    expect(built.warnings).toEqual([
      { code: "unsupported_content", message: "openai: 'anthropic' provider items cannot be sent to OpenAI; dropped" },
    ]);
  });
});

describe("buildRequestBody: images and documents", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openai-media-"));
    await writeFile(join(dir, "photo.jpg"), PNG);
    await writeFile(join(dir, "report.pdf"), Buffer.from("%PDF-1.4 test"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const userContent = async (...parts: ContentPart[]) => {
    const b = await body({ messages: [Message.user(parts)] });
    return (b.input[0] as { content: unknown[] }).content;
  };

  it("sends an image URL, bytes (as a data URI), a data URI, a local file and an OpenAI file id", async () => {
    const content = await userContent(
      { kind: "image", image: { url: "https://example.com/cat.png", detail: "high" } },
      { kind: "image", image: { data: PNG } },
      { kind: "image", image: { data: PNG, mediaType: "image/webp" } },
      { kind: "image", image: { url: `data:image/gif;base64,${PNG_B64}` } },
      { kind: "image", image: { url: join(dir, "photo.jpg") } },
      { kind: "image", image: { url: "file-abc123" } },
    );
    expect(content).toEqual([
      { type: "input_image", image_url: "https://example.com/cat.png", detail: "high" },
      { type: "input_image", image_url: `data:image/png;base64,${PNG_B64}`, detail: "auto" },
      { type: "input_image", image_url: `data:image/webp;base64,${PNG_B64}`, detail: "auto" },
      { type: "input_image", image_url: `data:image/gif;base64,${PNG_B64}`, detail: "auto" },
      { type: "input_image", image_url: `data:image/jpeg;base64,${PNG_B64}`, detail: "auto" },
      { type: "input_image", file_id: "file-abc123", detail: "auto" },
    ]);
  });

  it("sends documents as input_file: URL, bytes, a local file and an OpenAI file id", async () => {
    const pdf = Buffer.from("%PDF-1.4 test");
    const content = await userContent(
      { kind: "document", document: { url: "https://example.com/paper.pdf" } },
      { kind: "document", document: { data: pdf, mediaType: "application/pdf", fileName: "paper.pdf" } },
      { kind: "document", document: { data: pdf } },
      { kind: "document", document: { url: join(dir, "report.pdf") } },
      { kind: "document", document: { url: "file-xyz" } },
    );
    const dataUri = `data:application/pdf;base64,${pdf.toString("base64")}`;
    expect(content).toEqual([
      { type: "input_file", file_url: "https://example.com/paper.pdf" },
      { type: "input_file", file_data: dataUri, filename: "paper.pdf" },
      { type: "input_file", file_data: dataUri, filename: "document.pdf" },
      { type: "input_file", file_data: dataUri, filename: "report.pdf" },
      { type: "input_file", file_id: "file-xyz" },
    ]);
  });

  it("fails with ConfigurationError for a missing local file and for audio", async () => {
    await expect(userContent({ kind: "image", image: { url: join(dir, "missing.png") } })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    await expect(userContent({ kind: "audio", audio: { data: PNG, mediaType: "audio/wav" } })).rejects.toThrow(
      /does not accept audio/,
    );
  });

  it("drops images from assistant and system messages with a warning", async () => {
    const built = await buildRequestBody(
      req({
        messages: [
          Message.system([
            { kind: "text", text: "Sys" },
            { kind: "image", image: { url: "https://example.com/x.png" } },
          ]),
          Message.assistant([{ kind: "image", image: { url: "https://example.com/y.png" } }]),
        ],
      }),
      false,
    );
    expect(built.body.instructions).toBe("Sys");
    expect(built.body.input).toEqual([]);
    expect(built.warnings.map((w) => w.code)).toEqual(["unsupported_content", "unsupported_content"]);
  });
});
