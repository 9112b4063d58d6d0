/**
 * Provenance of the writing process (CXDB's `CaptureProcessProvenance`): service, instance, pid,
 * owner, host, architecture, SDK and capture time; plus W3C trace and span ids.
 * @module
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Provenance } from "../store/types.js";

/** SDK name written in provenance (tag 70). */
export const SDK_NAME = "@darkfactory/cxdb";

/** Options of {@link processProvenance}. */
export interface ProcessProvenanceOptions {
  /** Logical service name, e.g. `factory` (tag 40). */
  serviceName: string;
  /** Service version (tag 41). */
  serviceVersion?: string;
  /** Selected environment variables to record (tag 60); none by default. */
  env?: Record<string, string>;
  /** Clock, Unix ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Provenance fields that describe this process. A new `serviceInstanceId` (UUID) per call: call
 * once per process and reuse. Never throws (an unknown OS user is left out).
 */
export function processProvenance(options: ProcessProvenanceOptions): Provenance {
  const provenance: Provenance = {
    serviceName: options.serviceName,
    serviceInstanceId: randomUUID(),
    processPid: process.pid,
    hostName: os.hostname(),
    hostArch: goArch(process.arch),
    sdkName: SDK_NAME,
    sdkVersion: sdkVersion(),
    capturedAt: (options.now ?? Date.now)(),
  };
  if (options.serviceVersion !== undefined) provenance.serviceVersion = options.serviceVersion;
  const owner = processOwner();
  if (owner !== undefined) provenance.processOwner = owner;
  if (options.env !== undefined && Object.keys(options.env).length > 0) provenance.env = { ...options.env };
  return provenance;
}

/** A new W3C trace id: 32 lowercase hex digits. */
export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

/** A new W3C span id: 16 lowercase hex digits. */
export function newSpanId(): string {
  return randomBytes(8).toString("hex");
}

/** Node's architecture in Go's spelling (`x64` → `amd64`), as CXDB's Go client records it. */
function goArch(arch: string): string {
  const names: Record<string, string> = { x64: "amd64", ia32: "386", arm: "arm", arm64: "arm64" };
  return names[arch] ?? arch;
}

function processOwner(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

let cachedVersion: string | undefined;
function sdkVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    cachedVersion = pkg.version ?? "0.0.0";
  } catch {
    cachedVersion = "0.0.0";
  }
  return cachedVersion;
}
