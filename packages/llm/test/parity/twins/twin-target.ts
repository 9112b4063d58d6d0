// One column of the §8.9 matrix against a digital twin (@darkfactory/twins, a devDependency used
// only by tests): the twin runs in-process on 127.0.0.1, port 0, with parity-script.yaml loaded
// and an allow-list of one API key (so a wrong key gets the provider's auth error). Each row
// starts from a reset twin (journal, script counters, fault rules, prompt cache); the 429 row arms
// a one-shot `rate_limit` fault. The probe reads the twin's journal: the requests it received
// (read by the wire codecs) and the usage it reported (reported-usage.ts), for every row but the
// 401 one (see UNPROBED_ROWS).
import { readFileSync } from "node:fs";
import { type RunningTwin, startTwin } from "@darkfactory/twins";
import { getLatestModel } from "../../../src/catalog/catalog.js";
import type { RecordedRequest } from "../../helpers/provider-server.js";
import { parityClient } from "../adapters.js";
import type { ParityProbe, ParityProvider, ParityProviderSetup, ParityRowId } from "../parity-types.js";
import { anthropicWire } from "../wire/anthropic.js";
import { geminiWire } from "../wire/gemini.js";
import { openaiWire } from "../wire/openai.js";
import type { NeutralUsage, WireCodec } from "../wire/types.js";
import { reportedUsage } from "./reported-usage.js";

const CODECS: Record<ParityProvider, WireCodec> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire };

/** The script every twin loads (YAML, the twins' script format). */
export const PARITY_SCRIPT_FILE = new URL("./parity-script.yaml", import.meta.url);

/** The twins never download images: any URL does, and the script says what is in it. */
const IMAGE_URL = "https://assets.parity.test/red-square.png";

/** The Retry-After of the 429 row, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Rows that run without a probe. A twin checks the API key before it reads the body, so its
 * journal keeps no body for a refused request and the wire codecs cannot read it.
 */
const UNPROBED_ROWS: ReadonlySet<ParityRowId> = new Set(["invalid_api_key"]);

function probeOf(twin: RunningTwin, codec: WireCodec): ParityProbe {
  const entries = () => twin.kit.journal.list(); // admin requests are not journaled
  const requests = (): RecordedRequest[] =>
    entries().map((e) => ({ method: e.method, url: e.url, headers: e.headers, body: e.body }));
  return {
    get requests() {
      return requests();
    },
    get views() {
      return requests().map((r) => codec.read(r));
    },
    get usage() {
      return entries().flatMap((e): NeutralUsage[] => {
        if (e.response?.status !== 200) return [];
        const usage = reportedUsage(codec.provider, e.response.body);
        return usage ? [usage] : [];
      });
    },
  };
}

/** The parity column of `provider`'s twin. */
export function twinColumn(provider: ParityProvider): ParityProviderSetup {
  return {
    async start() {
      const apiKey = `${provider}-parity-key`;
      const script = readFileSync(PARITY_SCRIPT_FILE, "utf8");
      const twin = await startTwin(provider, { port: 0, host: "127.0.0.1", script, apiKeys: [apiKey] });
      const codec = CODECS[provider];
      const baseUrl = codec.baseUrl(twin.url);
      const model = getLatestModel(provider)?.id;
      if (!model) throw new Error(`the catalog has no ${provider} model`);
      return {
        provider,
        client: parityClient(provider, apiKey, baseUrl),
        model,
        invalidKeyClient: () => parityClient(provider, `${provider}-wrong-key`, baseUrl),
        imageUrl: { url: IMAGE_URL, expect: /red/i },
        begin(row) {
          twin.kit.reset();
          if (row === "rate_limit")
            twin.kit.faults.add([{ times: 1, fault: { kind: "rate_limit", retryAfterSeconds: RETRY_AFTER_SECONDS } }]);
          return UNPROBED_ROWS.has(row) ? undefined : probeOf(twin, codec);
        },
        close: () => twin.close(),
      };
    },
  };
}
