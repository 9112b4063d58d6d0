/**
 * The twin app factory: one fastify app per twin, built from its registered definition and the
 * kit's shared plugins. It never listens (see `startTwin`); tests use `app.inject()`.
 * @module
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions, LogController } from "fastify";
import { adminRoutes } from "./admin/admin-routes.js";
import { installAuthHook } from "./auth.js";
import { installFaultHook } from "./faults/apply-fault.js";
import { FaultInjector } from "./faults/fault-injector.js";
import { readFaultRules } from "./faults/parse-fault.js";
import { Journal } from "./journal.js";
import { ADMIN_PREFIX, installJournal } from "./journal-hooks.js";
import { createIdSource, createPrng } from "./prng.js";
import { PromptCache } from "./prompt-cache.js";
import { Recorder } from "./record/recorder.js";
import { registerBuiltinTwins } from "./register-builtins.js";
import { getTwin } from "./registry.js";
import { installRequestIds, requestIdGenerator } from "./request-id.js";
import { loadScript } from "./script/parse-script.js";
import { ScriptEngine } from "./script/script-engine.js";
import { sendWireError } from "./send.js";
import { ShapeError } from "./shape.js";
import { TwinError } from "./twin-error.js";
import type { TwinKit, TwinLogLevel, TwinOptions } from "./types.js";

/** Largest request body a twin reads, in bytes (providers accept large prompts and images). */
export const TWIN_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const kits = new WeakMap<FastifyInstance, TwinKit>();

/** The kit of an app built by {@link buildTwinApp}. @throws TwinError for any other app. */
export function twinKit(app: FastifyInstance): TwinKit {
  const kit = kits.get(app);
  if (!kit) throw new TwinError({ message: "not a twin app (build it with buildTwinApp)" });
  return kit;
}

/**
 * Builds the fastify app of twin `name` (built-in twins are registered on first use): request
 * ids, the journal, the admin API under `/_twin/`, then the twin's own routes behind its auth
 * check and the fault rules. Unknown paths and unreadable bodies get the provider's error shape.
 * Never listens.
 * @throws TwinError for an unknown twin, invalid fault rules or a record mode without a usable
 *   upstream; ScriptError for an invalid script.
 */
export function buildTwinApp(name: string, options: TwinOptions = {}): FastifyInstance {
  registerBuiltinTwins();
  const definition = getTwin(name);
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const script = options.script === undefined ? undefined : loadScript(options.script);
  let faultRules: ReturnType<typeof readFaultRules> = [];
  try {
    faultRules = readFaultRules([...(options.faults ?? [])]);
  } catch (error) {
    if (error instanceof ShapeError) throw new TwinError({ message: `invalid fault rule: faults${error.message}` });
    throw error;
  }
  const resetListeners: (() => void)[] = [];
  // Record mode admits any model: the real API is the judge of what it serves.
  const models = options.record ? [...(options.models ?? []), "*"] : options.models;
  const kit: TwinKit = {
    definition,
    options: { ...options, ...(models ? { models } : {}) },
    journal: new Journal(options.journalLimit ?? 1000),
    faults: new FaultInjector(faultRules, seed),
    script: new ScriptEngine(script, { strict: options.strict ?? false }),
    ...(options.record ? { recorder: new Recorder(definition, options.record) } : {}),
    cache: new PromptCache(definition.cachePolicy ?? { mode: "none", minTokens: 0 }, now),
    ids: createIdSource(createPrng(`${seed}:ids`)),
    random: createPrng(`${seed}:random`),
    now,
    onReset(listener) {
      resetListeners.push(listener);
    },
    reset() {
      kit.journal.clear();
      kit.script.reset();
      kit.faults.reset();
      kit.cache.clear();
      for (const listener of resetListeners) listener();
    },
  };

  const app = Fastify({
    ...loggerOptions(options),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: TWIN_BODY_LIMIT_BYTES,
    genReqId: requestIdGenerator(definition, kit.ids),
    forceCloseConnections: true,
  });
  kits.set(app, kit);
  installRequestIds(app, definition);
  installJournal(app, kit);
  app.setNotFoundHandler((request, reply) => {
    sendWireError(reply, definition.errors.notFound(request.method, request.url.split("?", 1)[0]));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendWireError(reply, definition.errors.unreadableBody(error.message, status));
    request.log.error({ err: error }, "twin failure");
    return sendWireError(reply, definition.errors.serverError(500));
  });
  app.register(adminRoutes(kit), { prefix: ADMIN_PREFIX });
  app.register(async (scope) => {
    installAuthHook(scope, kit);
    installFaultHook(scope, kit);
    await definition.plugin(scope, kit);
  });
  return app;
}

function loggerOptions(options: TwinOptions): Pick<FastifyServerOptions, "logger"> {
  const fromEnv = process.env.FACTORY_TWIN_LOG;
  const level: TwinLogLevel = options.logLevel ?? (isLevel(fromEnv) ? fromEnv : "silent");
  if (level === "silent") return { logger: false };
  return { logger: { level, stream: options.logStream ?? process.stderr } as FastifyServerOptions["logger"] };
}

function isLevel(value: string | undefined): value is TwinLogLevel {
  return value !== undefined && ["silent", "error", "warn", "info", "debug", "trace"].includes(value);
}
