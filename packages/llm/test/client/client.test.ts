import { afterEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client/client.js";
import { ConfigurationError } from "../../src/errors/client-errors.js";
import { registerProviderFactory } from "../../src/providers/registry.js";
import { Message } from "../../src/types/message.js";
import { collect, FakeAdapter, respond, textResponse } from "../helpers/fake-adapter.js";

const request = (provider?: string) => ({ model: "m", messages: [Message.user("hi")], provider });

afterEach(() => vi.unstubAllEnvs());

describe("Client (§2.2)", () => {
  it("§8.1 Client can be constructed programmatically with explicit adapter instances", async () => {
    const adapter = new FakeAdapter([respond(textResponse("ok"))]);
    const client = new Client({ providers: { fake: adapter }, defaultProvider: "fake" });
    expect(client.providerNames()).toEqual(["fake"]);
    expect((await client.complete(request())).text).toBe("ok");
  });

  it("§8.1 Client can be constructed from environment variables (registered provider factories)", async () => {
    const made: string[] = [];
    registerProviderFactory({
      name: "envfake_a",
      fromEnv: (env) => {
        if (!env.ENVFAKE_A_KEY) return undefined;
        made.push("a");
        return new FakeAdapter([respond(textResponse("from a"))], "envfake_a");
      },
    });
    registerProviderFactory({
      name: "envfake_b",
      fromEnv: (env) =>
        env.ENVFAKE_B_KEY ? new FakeAdapter([respond(textResponse("from b"))], "envfake_b") : undefined,
    });
    const onlyB = Client.fromEnv({ ENVFAKE_B_KEY: "k" });
    expect(onlyB.providerNames()).toEqual(["envfake_b"]);
    expect(onlyB.defaultProvider).toBe("envfake_b");
    const both = Client.fromEnv({ ENVFAKE_A_KEY: "k", ENVFAKE_B_KEY: "k" });
    expect(both.providerNames()).toEqual(["envfake_a", "envfake_b"]);
    expect(both.defaultProvider).toBe("envfake_a");
    expect((await both.complete(request())).text).toBe("from a");
    expect(made).toEqual(["a"]);
  });

  it("§8.1 provider routing dispatches requests to the adapter named by `provider`", async () => {
    const a = new FakeAdapter([respond(textResponse("A"))], "a");
    const b = new FakeAdapter([respond(textResponse("B")), respond(textResponse("B2"))], "b");
    const client = new Client({ providers: { a, b } });
    expect((await client.complete(request("b"))).text).toBe("B");
    expect(a.calls).toHaveLength(0);
    const events = await collect(client.stream(request("b")));
    expect(events.at(-1)?.type).toBe("finish");
    expect(b.calls.map((c) => c.kind)).toEqual(["complete", "stream"]);
  });

  it("§8.1 the default provider is used when `provider` is omitted", async () => {
    const a = new FakeAdapter([], "a");
    const b = new FakeAdapter([respond(textResponse("B"))], "b");
    const client = new Client({ providers: { a, b }, defaultProvider: "b" });
    expect((await client.complete(request())).text).toBe("B");
    expect(a.calls).toHaveLength(0);
    const firstRegistered = new Client({ providers: { a: new FakeAdapter([respond(textResponse("A"))]), b } });
    expect((await firstRegistered.complete(request())).text).toBe("A");
  });

  it("§8.1 ConfigurationError is raised when no provider is configured and no default is set", async () => {
    const empty = new Client();
    await expect(empty.complete(request())).rejects.toBeInstanceOf(ConfigurationError);
    expect(() => empty.stream(request())).toThrow(ConfigurationError);
    const client = new Client({ providers: { a: new FakeAdapter([], "a") } });
    await expect(client.complete(request("zzz"))).rejects.toThrow(/provider 'zzz' is not configured/);
    expect(() => new Client({ providers: { a: new FakeAdapter() }, defaultProvider: "b" })).toThrow(ConfigurationError);
  });

  it("the client never retries", async () => {
    const adapter = new FakeAdapter([{ kind: "error", error: new Error("transient") }, respond(textResponse("late"))]);
    const client = new Client({ providers: { fake: adapter } });
    await expect(client.complete(request())).rejects.toThrow("transient");
    expect(adapter.calls).toHaveLength(1);
  });
});
