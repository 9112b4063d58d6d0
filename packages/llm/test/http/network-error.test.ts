import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/errors/client-errors.js";
import { callJson } from "../../src/http/http-call.js";

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("network errors", () => {
  it("name the system error and the URL (without its query), not just 'fetch failed'", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1beta/models/m:generateContent?key=secret`;
    const error = await callJson({
      provider: "gemini",
      url,
      headers: {},
      body: {},
      fetch: globalThis.fetch,
      timeout: { connectMs: 5000, requestMs: 5000, streamReadMs: 5000 },
      parseErrorBody: () => ({}),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      `gemini: network error: ECONNREFUSED (http://127.0.0.1:${port}/v1beta/models/m:generateContent)`,
    );
  });
});
