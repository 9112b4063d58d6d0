/**
 * OpenAI's id formats: `resp_`/`msg_`/`fc_`/`rs_` + 50 hex digits, `call_` + 24 letters and
 * digits, `chatcmpl-` + 29, `req_` + 32 hex digits, `fp_` + 10 hex digits.
 * @module
 */
import type { IdSource } from "../kit/prng.js";

/** Mints OpenAI-looking ids. */
export interface OpenAIIds {
  response(): string;
  message(): string;
  functionCall(): string;
  reasoning(): string;
  callId(): string;
  chatCompletion(): string;
}

/** OpenAI ids drawn from `ids`. */
export function openaiIds(ids: IdSource): OpenAIIds {
  return {
    response: () => `resp_${ids.hex(50)}`,
    message: () => `msg_${ids.hex(50)}`,
    functionCall: () => `fc_${ids.hex(50)}`,
    reasoning: () => `rs_${ids.hex(50)}`,
    callId: () => `call_${ids.alnum(24)}`,
    chatCompletion: () => `chatcmpl-${ids.alnum(29)}`,
  };
}

/** The `system_fingerprint` of chat completions. */
export const SYSTEM_FINGERPRINT = "fp_7e3a1b2c9d";
