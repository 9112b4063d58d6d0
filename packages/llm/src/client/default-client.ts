/**
 * The module-level default client (unified-llm-spec §2.5), created from the environment on
 * first use.
 * @module
 */
import { Client } from "./client.js";

let defaultClient: Client | undefined;

/** Replaces the default client used by `generate()`, `stream()`, ... */
export function setDefaultClient(client: Client | undefined): void {
  defaultClient = client;
}

/** The default client: the one set, else `Client.fromEnv()` created once. */
export function getDefaultClient(): Client {
  defaultClient ??= Client.fromEnv();
  return defaultClient;
}
