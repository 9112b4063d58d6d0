import { describe, expect, it } from "vitest";
import { REDACTED, redactedQuery, redactHeaders, redactUrl } from "../../src/kit/redact.js";

describe("redactHeaders", () => {
  it("redacts credential headers, keeping the auth scheme", () => {
    const headers = redactHeaders({
      Authorization: "Bearer sk-secret-123",
      "x-api-key": "sk-ant-secret",
      "X-Goog-Api-Key": "AIza-secret",
      "api-key": "azure-secret",
      cookie: "session=1",
      "content-type": "application/json",
      accept: ["a", "b"],
    });
    expect(headers).toEqual({
      authorization: `Bearer ${REDACTED}`,
      "x-api-key": REDACTED,
      "x-goog-api-key": REDACTED,
      "api-key": REDACTED,
      cookie: REDACTED,
      "content-type": "application/json",
      accept: "a, b",
    });
    expect(JSON.stringify(headers)).not.toContain("secret");
  });
});

describe("redactUrl / redactedQuery", () => {
  it("redacts API keys in query strings and keeps the rest", () => {
    expect(redactUrl("/v1beta/models/g:generateContent?key=AIza-secret&alt=sse")).toBe(
      `/v1beta/models/g:generateContent?key=${REDACTED}&alt=sse`,
    );
    expect(redactUrl("/x?API_KEY=s&token=t")).toBe(`/x?API_KEY=${REDACTED}&token=${REDACTED}`);
    expect(redactUrl("/v1/models")).toBe("/v1/models");
    expect(redactedQuery("/x?key=s&alt=sse")).toEqual({ key: REDACTED, alt: "sse" });
  });
});
