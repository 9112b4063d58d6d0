// The §8.9 parity matrix against the real APIs. Each provider runs only when its key is set
// (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY) and is skipped, without
// any network access, otherwise. Models come from the catalog (getLatestModel), overridable with
// PARITY_OPENAI_MODEL, PARITY_ANTHROPIC_MODEL, PARITY_GEMINI_MODEL; the image-URL row uses
// PARITY_IMAGE_URL (and PARITY_IMAGE_EXPECT, a case-insensitive regex) when set.
import { parityClient } from "./adapters.js";
import { INVALID_KEYS, liveBaseUrl, liveKey, liveModel, liveSkipReason } from "./live-env.js";
import { describeParityMatrix } from "./parity-matrix.js";
import type { ParityProvider, ParityProviderSetup } from "./parity-types.js";

/** The image of Anthropic's vision docs (a public Wikimedia file): an ant. */
const DEFAULT_IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg";

function imageUrl(): { url: string; expect: RegExp } {
  const url = process.env.PARITY_IMAGE_URL?.trim();
  if (!url) return { url: DEFAULT_IMAGE_URL, expect: /\bants?\b/i };
  return { url, expect: new RegExp(process.env.PARITY_IMAGE_EXPECT ?? ".", "i") };
}

function live(provider: ParityProvider): ParityProviderSetup {
  return {
    skip: liveSkipReason(provider),
    skipRows: {
      rate_limit: "a 429 cannot be forced on a live API without exhausting the account's rate limit",
    },
    timeoutMs: 180_000,
    async start() {
      const key = liveKey(provider);
      if (!key) throw new Error(`${provider}: no API key`);
      const baseUrl = liveBaseUrl(provider);
      return {
        provider,
        client: parityClient(provider, key, baseUrl),
        model: liveModel(provider),
        invalidKeyClient: () => parityClient(provider, INVALID_KEYS[provider], baseUrl),
        imageUrl: imageUrl(),
      };
    },
  };
}

describeParityMatrix("live", () => ({ openai: live("openai"), anthropic: live("anthropic"), gemini: live("gemini") }));
