// The Anthropic twin's routes through `app.inject()`: model pagination both ways, the lifecycle
// filter and limits, token counting, and the headers every answer carries.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAnthropicTwin } from "../../src/anthropic/app.js";
import { ANTHROPIC_MODELS } from "../../src/anthropic/models.js";

let app: FastifyInstance;
beforeAll(() => {
  app = buildAnthropicTwin({ models: ["my-fine-tune"] });
});
afterAll(() => app.close());

const headers = { "x-api-key": "sk-ant-inject", "anthropic-version": "2023-06-01" };
const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url, headers });
  return { status: response.statusCode, headers: response.headers, body: response.json() as Record<string, unknown> };
};

describe("GET /v1/models", () => {
  it("pages forward with after_id and back with before_id", async () => {
    const all = ANTHROPIC_MODELS.map((m) => m.id).concat("my-fine-tune");
    const first = await get("/v1/models?limit=3");
    expect((first.body.data as { id: string }[]).map((m) => m.id)).toEqual(all.slice(0, 3));
    expect(first.body).toMatchObject({ has_more: true, first_id: all[0], last_id: all[2] });
    const next = await get(`/v1/models?limit=3&after_id=${all[2]}`);
    expect(next.body.first_id).toBe(all[3]);
    const back = await get(`/v1/models?limit=2&before_id=${all[3]}`);
    expect((back.body.data as { id: string }[]).map((m) => m.id)).toEqual([all[1], all[2]]);
    expect(back.body.has_more).toBe(true);
    const tail = await get(`/v1/models?limit=1000&after_id=${all.at(-2)}`);
    expect(tail.body).toEqual({
      data: [expect.objectContaining({ id: "my-fine-tune" })],
      has_more: false,
      first_id: "my-fine-tune",
      last_id: "my-fine-tune",
    });
  });

  it("filters by lifecycle and checks limit", async () => {
    const deprecated = await get("/v1/models?lifecycle[]=deprecated&limit=100");
    const ids = (deprecated.body.data as { id: string; lifecycle: string }[]).map((m) => m.lifecycle);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(["deprecated"]));
    const tooMany = await get("/v1/models?limit=1001");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toEqual({
      type: "invalid_request_error",
      message: "limit: Input should be less than or equal to 1000",
    });
  });

  it("every answer names the organization and the rate limits; errors carry request_id", async () => {
    const ok = await get("/v1/models/claude-opus-4-5");
    expect(ok.body.id).toBe("claude-opus-4-5-20251101");
    expect(ok.headers["anthropic-organization-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers["anthropic-ratelimit-requests-reset"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const missing = await get("/v1/models/claude-nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      type: "error",
      error: { type: "not_found_error", message: "model: claude-nope" },
      request_id: missing.headers["request-id"],
    });
    const versionless = await app.inject({ method: "GET", url: "/v1/models", headers: { "x-api-key": "k" } });
    expect(versionless.statusCode).toBe(400);
  });
});

describe("POST /v1/messages/count_tokens", () => {
  it("counts the prompt without max_tokens, and refuses what only /v1/messages takes", async () => {
    const count = (payload: Record<string, unknown>) =>
      app.inject({ method: "POST", url: "/v1/messages/count_tokens", headers, payload });
    const counted = await count({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "Count me" }] });
    expect(counted.json()).toEqual({ input_tokens: 5 });
    const streamed = await count({
      model: "claude-sonnet-4-6",
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    expect(streamed.json().error.message).toBe("stream: Extra inputs are not permitted");
  });
});
