/**
 * Opens a context recorder the way every factory command records: client tag `factory`, the
 * process's provenance (service `factory` and its version), and an embedded store written with
 * `synchronous=NORMAL`.
 * @module
 */
import { readFileSync } from "node:fs";
import { type ContextRecorder, openRecorder, processProvenance } from "@darkfactory/cxdb";
import { FACTORY_CLIENT_TAG } from "./pipeline-recording.js";

/**
 * A recorder for `target` (a store file or an `http(s)://` URL). Never throws: a store that
 * cannot be opened or reached is reported once through `warn`, and nothing is recorded.
 */
export function openFactoryRecorder(target: string, warn: (message: string) => void): Promise<ContextRecorder> {
  return openRecorder(target, {
    clientTag: FACTORY_CLIENT_TAG,
    provenance: processProvenance({ serviceName: "factory", serviceVersion: factoryVersion() }),
    onWarning: warn,
    // A killed process loses no turn; a power cut may lose the last ones.
    // FULL would fsync every turn (about 2 ms each).
    storeOptions: { synchronous: "NORMAL" },
  });
}

/** The factory's version (package.json), for provenance. */
export function factoryVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}
