/**
 * The contracts of the twin kit: what a twin definition supplies, the options of a twin, and the
 * per-app kit that routes use.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FaultInjector } from "./faults/fault-injector.js";
import type { Fault, FaultRuleInput } from "./faults/types.js";
import type { Journal } from "./journal.js";
import type { IdSource, Prng } from "./prng.js";
import type { CachePolicy, PromptCache } from "./prompt-cache.js";
import type { Recorder, RecordOptions } from "./record/recorder.js";
import type { ScriptEngine } from "./script/script-engine.js";
import type { Script, ScriptReply } from "./script/types.js";

/** An error answer in the provider's own shape. */
export interface WireError {
  status: number;
  /** Extra response headers (`retry-after`, rate-limit headers, ...). */
  headers?: Record<string, string>;
  /** The provider's error body (sent as JSON). */
  body: unknown;
}

/** The error answers every twin must be able to give, in its provider's shape. */
export interface TwinErrorBodies {
  /** A path the twin does not serve (404). */
  notFound(method: string, url: string): WireError;
  /**
   * A request body the server could not read: invalid JSON, a missing or unsupported content
   * type, a body over the size limit. `status` is the HTTP status fastify chose (400, 413, 415).
   */
  unreadableBody(message: string, status: number): WireError;
  /** The `rate_limit` fault: 429 with `retry-after` and the provider's rate-limit headers. */
  rateLimited(options: { retryAfterSeconds: number; model?: string }): WireError;
  /** The `server_error` fault. */
  serverError(status: 500 | 502 | 503 | 504): WireError;
  /** The `overloaded` fault (Anthropic 529; others their closest answer). */
  overloaded(): WireError;
  /** An ordered script that does not fit the request (see `ScriptDecision`). */
  scriptMismatch(message: string): WireError;
  /**
   * The SSE event a stream carries when `fault` strikes after it started (Anthropic's
   * `event: error`), or undefined when the provider has none for that fault. Optional: without it,
   * faults with `afterEvents` are answered like their plain form (see `Fault`).
   */
  streamError?(fault: Fault): { event?: string; data: string } | undefined;
}

/**
 * Registers a twin's routes and hooks on its (encapsulated) fastify context. The kit has already
 * added request ids, the journal, auth (from {@link TwinDefinition.authenticate}) and fault
 * injection to that context.
 */
export type TwinPlugin = (app: FastifyInstance, kit: TwinKit) => void | Promise<void>;

/** A twin: a named provider clone the registry can build. */
export interface TwinDefinition {
  /** Registry key and CLI name: `openai`, `anthropic`, `gemini`. */
  name: string;
  /** Display name (web UI, messages); default `name`. */
  title?: string;
  /** Port the CLI uses without `--port` (`startTwin` defaults to 0). */
  defaultPort?: number;
  /** How an SDK reaches the twin: its base URL is the twin's URL + `path`, named by `env`. */
  sdkBaseUrl?: { env: string; path: string };
  /** The request-id header (default `x-request-id`) and how to mint ids (default `req_` + 32 hex). */
  requestId?: { header: string; mint(ids: IdSource): string };
  /** Base URL of the real API: record mode's default upstream (`https://api.openai.com`). */
  upstream?: string;
  /** How the provider caches prompts (default: never). */
  cachePolicy?: CachePolicy;
  /** The provider's error answers. */
  errors: TwinErrorBodies;
  /**
   * Checks credentials as the provider does, before the body is read; returns the provider's 401
   * (or 403) answer, or undefined to let the request in. Absent: every request is let in.
   */
  authenticate?(request: FastifyRequest, kit: TwinKit): WireError | undefined;
  /** The model a request names (body or path), for fault rules and the journal. */
  modelOf?(request: FastifyRequest): string | undefined;
  /** Registers the provider routes. */
  plugin: TwinPlugin;
  /**
   * Record mode: reads what the real API answered to a model request (`path` without the query;
   * `body` the JSON text or the whole SSE text) into a script reply (text, tool calls,
   * reasoning, usage), or undefined when it cannot.
   */
  readRecordedReply?(path: string, body: string, contentType: string): ScriptReply | undefined;
}

/** Streaming physics: how fast answers are sent. */
export interface StreamingPhysics {
  /** Delay before the first token, in ms (default 0). */
  ttftMs?: number;
  /** Tokens per second after the first (default: unlimited). */
  tokensPerSecond?: number;
  /** Each delay varies by up to ± this fraction (0..1, default 0), drawn from the seeded generator. */
  jitter?: number;
}

/** Log levels of a twin's server log. */
export type TwinLogLevel = "silent" | "error" | "warn" | "info" | "debug" | "trace";

/** Options of a twin (`buildTwinApp`, `startTwin`, the CLI). */
export interface TwinOptions {
  /** `startTwin` only: port to listen on (default 0: any free port). */
  port?: number;
  /** `startTwin` only: address to listen on (default `127.0.0.1`). */
  host?: string;
  /** A script (object, or YAML/JSON text) loaded at start; default none (echo replies). */
  script?: Script | string;
  /**
   * Refuse model requests no script rule answers (the provider's 400, saying why each rule did
   * not match) instead of giving the default reply; a script's own `strict` wins. Default false.
   */
  strict?: boolean;
  /**
   * Record mode: model requests the script does not answer go to `upstream` (the real API, with
   * the caller's credentials), the answer goes back to the caller as it came, and each one is
   * added to a script that replays it (written to `file`). Admits any model.
   */
  record?: RecordOptions;
  /**
   * API keys the twin accepts. Absent: any well-formed, non-empty key is accepted (each provider
   * documents its rule); present: only these.
   */
  apiKeys?: readonly string[];
  /** Fault rules armed at start and re-armed by `POST /_twin/reset`. */
  faults?: readonly FaultRuleInput[];
  /** Seed of every generator (ids, fault probabilities, jitter); default 1. */
  seed?: number;
  /** Default streaming physics (a `slow` fault overrides it); default as fast as possible. */
  streaming?: StreamingPhysics;
  /** Journal capacity in entries (default 1000). */
  journalLimit?: number;
  /** Extra model ids the twin accepts beyond its catalog; `"*"` accepts any model. */
  models?: readonly string[];
  /**
   * Server log level (one line per request at `debug`). Default: env `FACTORY_TWIN_LOG`, else
   * `silent`.
   */
  logLevel?: TwinLogLevel;
  /** Where log lines go when logging (default `process.stderr`). */
  logStream?: NodeJS.WritableStream;
  /** Clock in epoch ms (default `Date.now`): timestamps, cache lifetimes. */
  now?: () => number;
}

/** Per-app services that a twin's routes use. */
export interface TwinKit {
  readonly definition: TwinDefinition;
  readonly options: Readonly<TwinOptions>;
  readonly journal: Journal;
  readonly faults: FaultInjector;
  readonly script: ScriptEngine;
  readonly cache: PromptCache;
  /** Record mode's recorder (see `TwinOptions.record`). */
  readonly recorder?: Recorder;
  /** Id minting from the seeded generator. */
  readonly ids: IdSource;
  /** Seeded generator for everything else random (jitter, obfuscation). */
  readonly random: Prng;
  /** The clock, epoch ms. */
  now(): number;
  /** Calls `listener` on every reset (providers clear their own state there). */
  onReset(listener: () => void): void;
  /** `POST /_twin/reset`: journal, script position, faults, cache and provider state. */
  reset(): void;
}

/** A running twin (see `startTwin`). */
export interface RunningTwin {
  name: string;
  /** Origin the twin listens on, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** What an SDK takes as base URL (`url` + the definition's `sdkBaseUrl.path`), e.g. `.../v1`. */
  sdkBaseUrl: string;
  /** Stops listening and closes open connections (streams, hanging requests). */
  close(): Promise<void>;
  app: FastifyInstance;
  kit: TwinKit;
}
