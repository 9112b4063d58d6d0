/**
 * Starts a twin as a local HTTP server (loopback by default) and returns where it listens.
 * @module
 */
import type { AddressInfo } from "node:net";
import { buildTwinApp, twinKit } from "./build-twin-app.js";
import { TwinError } from "./twin-error.js";
import type { RunningTwin, TwinOptions } from "./types.js";

/**
 * Builds twin `name` (see `buildTwinApp`) and listens on `options.host` (default `127.0.0.1`)
 * and `options.port` (default 0: a free port).
 * @example
 * const twin = await startTwin("openai", { script: "rules: [{ reply: { text: hi } }]" });
 * const client = new OpenAI({ baseURL: twin.sdkBaseUrl, apiKey: "sk-test" });
 * await twin.close();
 * @throws TwinError for an unknown twin, invalid options or a port that cannot be used;
 *   ScriptError for an invalid script.
 */
export async function startTwin(name: string, options: TwinOptions = {}): Promise<RunningTwin> {
  const app = buildTwinApp(name, options);
  const kit = twinKit(app);
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  try {
    // Plugins (a twin reading its seed, say) fail here with their own message, not as a listen error.
    await app.ready();
  } catch (cause) {
    await app.close().catch(() => undefined);
    throw cause;
  }
  try {
    await app.listen({ host, port });
  } catch (cause) {
    await app.close().catch(() => undefined);
    const code = (cause as { code?: string }).code;
    const reason = code === "EADDRINUSE" ? "address already in use" : (cause as Error).message;
    throw new TwinError({ message: `${name} twin cannot listen on ${host}:${port}: ${reason}`, cause });
  }
  const address = app.server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  return {
    name,
    url,
    sdkBaseUrl: `${url}${kit.definition.sdkBaseUrl?.path ?? ""}`,
    close: () => app.close(),
    app,
    kit,
  };
}
