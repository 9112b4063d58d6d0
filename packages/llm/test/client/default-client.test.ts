import { afterEach, describe, expect, it, vi } from "vitest";
import { Client } from "../../src/client/client.js";
import { getDefaultClient, setDefaultClient } from "../../src/client/default-client.js";
import { generate } from "../../src/generate/generate.js";
import { registerProviderFactory } from "../../src/providers/registry.js";
import { FakeAdapter, respond, textResponse } from "../helpers/fake-adapter.js";

afterEach(() => {
  setDefaultClient(undefined);
  vi.unstubAllEnvs();
});

describe("module-level default client (§2.5)", () => {
  it("§8.1 set_default_client() replaces the client used by the high-level functions", async () => {
    const adapter = new FakeAdapter([respond(textResponse("mine"))]);
    const client = new Client({ providers: { fake: adapter } });
    setDefaultClient(client);
    expect(getDefaultClient()).toBe(client);
    expect((await generate({ model: "m", prompt: "p" })).text).toBe("mine");
  });

  it("§8.1 the default client is lazily initialized from the environment on first use, once", async () => {
    let built = 0;
    registerProviderFactory({
      name: "lazyfake",
      fromEnv: (env) => {
        if (!env.LAZYFAKE_API_KEY) return undefined;
        built++;
        return new FakeAdapter([respond(textResponse("lazy"))], "lazyfake");
      },
    });
    vi.stubEnv("LAZYFAKE_API_KEY", "secret");
    setDefaultClient(undefined);
    expect(built).toBe(0);
    // Routed by name, so real provider keys in the environment are never used.
    const result = await generate({ model: "m", prompt: "p", provider: "lazyfake" });
    expect(result.text).toBe("lazy");
    expect(built).toBe(1);
    const client = getDefaultClient();
    expect(getDefaultClient()).toBe(client);
    expect(client.providerNames()).toContain("lazyfake");
    expect(built).toBe(1);
  });
});
