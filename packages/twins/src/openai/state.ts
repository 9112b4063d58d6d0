/**
 * The OpenAI twin's stored responses (`store: true`, the default): what a later request's
 * `previous_response_id` continues from. Bounded; cleared on reset.
 * @module
 */
import type { Json } from "./validate.js";

/** The conversation a stored response closes: its input items (previous ones included) and output items. */
export interface StoredResponse {
  input: Json[];
  output: Json[];
  /** The response object as sent (for `GET /v1/responses/{id}`). */
  object: Json;
}

/** Most responses kept; the oldest go first. */
export const STORED_RESPONSES_LIMIT = 1000;

/** Stored responses by id. */
export class ResponseStore {
  private readonly responses = new Map<string, StoredResponse>();

  /** Keeps `response` under `id`. */
  save(id: string, response: StoredResponse): void {
    this.responses.set(id, response);
    while (this.responses.size > STORED_RESPONSES_LIMIT) {
      const oldest = this.responses.keys().next().value;
      if (oldest === undefined) break;
      this.responses.delete(oldest);
    }
  }

  /** The stored response `id`, or undefined. */
  get(id: string): StoredResponse | undefined {
    return this.responses.get(id);
  }

  /** Forgets `id`; false when it was not stored. */
  delete(id: string): boolean {
    return this.responses.delete(id);
  }

  /** Forgets everything. */
  clear(): void {
    this.responses.clear();
  }
}
