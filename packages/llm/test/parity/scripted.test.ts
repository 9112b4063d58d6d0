// The §8.9 parity matrix against scripted providers: one local server per provider speaking its
// wire format (wire/*.ts) and answering with the scripted model (scripted/model.ts), so each row
// checks what the client sent as well as what it returned. Needs no network and no ../shared.
import { getLatestModel } from "../../src/catalog/catalog.js";
import { parityClient } from "./adapters.js";
import { describeParityMatrix } from "./parity-matrix.js";
import type { ParityProvider, ParityProviderSetup } from "./parity-types.js";
import { RED_PNG } from "./scenarios.js";
import { startScriptedProvider } from "./scripted/server.js";
import { anthropicWire } from "./wire/anthropic.js";
import { geminiWire } from "./wire/gemini.js";
import { openaiWire } from "./wire/openai.js";
import type { WireCodec } from "./wire/types.js";

const CODECS: Record<ParityProvider, WireCodec> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire };

/** An image the scripted providers can "download" (they serve it from memory; nothing leaves the machine). */
const IMAGE_URL = "https://assets.parity.test/red-square.png";

function scripted(provider: ParityProvider): ParityProviderSetup {
  return {
    async start() {
      const apiKey = `${provider}-parity-key`;
      const server = await startScriptedProvider(CODECS[provider], apiKey);
      server.assets.set(IMAGE_URL, RED_PNG);
      const model = getLatestModel(provider)?.id;
      if (!model) throw new Error(`the catalog has no ${provider} model`);
      return {
        provider,
        client: parityClient(provider, apiKey, server.baseUrl),
        model,
        invalidKeyClient: () => parityClient(provider, `${provider}-wrong-key`, server.baseUrl),
        imageUrl: { url: IMAGE_URL, expect: /red/i },
        begin: (row) => server.begin(row === "rate_limit" ? { rateLimited: 1, retryAfterSeconds: 1 } : {}),
        close: () => server.close(),
      };
    },
  };
}

describeParityMatrix("scripted", () => ({
  openai: scripted("openai"),
  anthropic: scripted("anthropic"),
  gemini: scripted("gemini"),
}));
