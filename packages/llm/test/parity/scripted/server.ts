// A scripted provider: a real HTTP server on 127.0.0.1 that speaks one provider's wire format
// (codec), checks the API key and the conversation as the provider does, answers with the
// scripted model, counts tokens and caches prompts like the provider, and can be told to rate
// limit. It serves the catalog's models of its provider. Every request is recorded for the probe.

import { listModels } from "../../../src/catalog/catalog.js";
import {
  type ProviderServer,
  type RecordedRequest,
  type Reply,
  startProviderServer,
} from "../../helpers/provider-server.js";
import type { ParityProbe } from "../parity-types.js";
import { outputTokens } from "../wire/tokens.js";
import type { IdSource, NeutralUsage, WireCodec } from "../wire/types.js";
import { scriptedAnswer } from "./model.js";
import { CACHE_POLICIES, PromptCache } from "./prompt-cache.js";

/** Faults to inject during a row. */
export interface ScriptedFaults {
  /** Answer this many of the next requests with a 429. */
  rateLimited?: number;
  /** The Retry-After of those 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface ScriptedProvider {
  /** The base URL to give the adapter. */
  readonly baseUrl: string;
  /** The only API key the server accepts. */
  readonly apiKey: string;
  /** Images the provider can "download" by URL. */
  readonly assets: Map<string, Uint8Array>;
  /** Starts a row: clears the prompt cache, arms `faults`, and returns the row's probe. */
  begin(faults?: ScriptedFaults): ParityProbe;
  close(): Promise<void>;
}

function idSource(): IdSource {
  let n = 0;
  const salt = Math.random().toString(36).slice(2, 8);
  return {
    next: (prefix) => `${prefix}${salt}${(++n).toString(36).padStart(4, "0")}`,
    signatures: new Set(),
  };
}

/** Starts a scripted provider speaking `codec`'s wire format. */
export async function startScriptedProvider(codec: WireCodec, apiKey: string): Promise<ScriptedProvider> {
  const ids = idSource();
  const models = new Set(listModels(codec.provider).flatMap((m) => [m.id, ...m.aliases]));
  const cache = new PromptCache(CACHE_POLICIES[codec.provider]);
  const assets = new Map<string, Uint8Array>();
  let faults: ScriptedFaults = {};
  let reported: NeutralUsage[] = [];

  const handle = (request: RecordedRequest): Reply => {
    let view: ReturnType<WireCodec["read"]>;
    try {
      view = codec.read(request);
    } catch (error) {
      return codec.invalidRequest((error as Error).message);
    }
    if (view.apiKey !== apiKey) return codec.unauthorized(view.apiKey);
    if (!models.has(view.model)) return codec.modelNotFound(view.model);
    if ((faults.rateLimited ?? 0) > 0) {
      faults.rateLimited = (faults.rateLimited ?? 0) - 1;
      return codec.rateLimited(faults.retryAfterSeconds ?? 1, view.model);
    }
    const problem = codec.validate?.(view, ids);
    if (problem) return codec.invalidRequest(problem);
    const answer = scriptedAnswer(view, assets);
    if ("error" in answer) return codec.invalidRequest(answer.error);
    const { output, reasoning } = outputTokens(answer);
    const { read, write } = cache.use(view.blocks);
    const usage: NeutralUsage = {
      input: view.blocks.reduce((sum, b) => sum + b.tokens, 0),
      output,
      ...(reasoning > 0 ? { reasoning } : {}),
      cacheRead: read,
      ...(codec.provider === "anthropic" ? { cacheWrite: write } : {}),
    };
    reported.push(usage);
    return view.stream
      ? { chunks: codec.sse(answer, usage, view, ids), delayMs: 1 }
      : { body: codec.json(answer, usage, view, ids) };
  };

  const server: ProviderServer = await startProviderServer(handle);
  return {
    baseUrl: codec.baseUrl(server.url),
    apiKey,
    assets,
    begin(next = {}) {
      faults = { ...next };
      cache.clear();
      reported = [];
      const usage = reported;
      const from = server.requests.length;
      const requests = () => server.requests.slice(from);
      return {
        get requests() {
          return requests();
        },
        get views() {
          return requests().map((r) => codec.read(r));
        },
        get usage() {
          return usage;
        },
      };
    },
    close: () => server.close(),
  };
}
