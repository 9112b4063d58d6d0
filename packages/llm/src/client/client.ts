/**
 * The core client (unified-llm-spec §2.1 Layer 3, §2.2, §4.1-4.2): holds provider adapters,
 * routes each request to one, and applies middleware. It never retries.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";
import type { ProviderAdapter } from "../types/adapter.js";
import { tagThinking } from "../types/message.js";
import type { CallOptions, Request } from "../types/request.js";
import type { Response } from "../types/response.js";
import type { StreamEvent } from "../types/stream-event.js";
import { type ProvidersFromEnvOptions, providersFromEnv } from "./from-env.js";
import { composeComplete, composeStream, type Middleware } from "./middleware.js";
import { validateRequest } from "./validate-request.js";

/** Options of {@link Client}. */
export interface ClientOptions {
  /** Adapters by provider key. */
  providers?: Record<string, ProviderAdapter>;
  /** Used when a request names no provider; default: the first registered. */
  defaultProvider?: string;
  middleware?: Middleware[];
}

/** The core client (§2.2). Safe for concurrent use; holds no state between requests. */
export class Client {
  private readonly adapters = new Map<string, ProviderAdapter>();
  private defaultName: string | undefined;
  private readonly middleware: Middleware[];

  constructor(options: ClientOptions = {}) {
    this.middleware = [...(options.middleware ?? [])];
    for (const [name, adapter] of Object.entries(options.providers ?? {})) this.register(name, adapter);
    if (options.defaultProvider !== undefined) {
      if (!this.adapters.has(options.defaultProvider)) {
        throw new ConfigurationError({
          message: `defaultProvider '${options.defaultProvider}' is not registered (registered: ${this.providerNames().join(", ") || "none"})`,
        });
      }
      this.defaultName = options.defaultProvider;
    }
  }

  /**
   * §2.2 a client with an adapter for each provider whose key is in `env`: OPENAI_API_KEY
   * (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID), ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL),
   * GEMINI_API_KEY or GOOGLE_API_KEY (GEMINI_BASE_URL), and OPENAI_COMPATIBLE_BASE_URL
   * (OPENAI_COMPATIBLE_API_KEY) for a Chat Completions endpoint. The first registered is the default.
   */
  static fromEnv(
    env: Record<string, string | undefined> = process.env,
    options: ProvidersFromEnvOptions & { middleware?: Middleware[] } = {},
  ): Client {
    return new Client({ providers: providersFromEnv(env, options), middleware: options.middleware });
  }

  /** Registers (or replaces) an adapter; the first registered becomes the default. */
  register(name: string, adapter: ProviderAdapter): this {
    this.adapters.set(name, adapter);
    this.defaultName ??= name;
    void adapter.initialize?.();
    return this;
  }

  /** Adds a middleware at the end of the chain. */
  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  /** Registered provider keys. */
  providerNames(): string[] {
    return [...this.adapters.keys()];
  }

  /** The default provider key, if any. */
  get defaultProvider(): string | undefined {
    return this.defaultName;
  }

  /** The adapter for `name`, if registered. */
  adapter(name: string): ProviderAdapter | undefined {
    return this.adapters.get(name);
  }

  /**
   * §2.2 provider resolution: the request's `provider`, else the default.
   * @throws ConfigurationError when neither names a registered adapter.
   */
  resolve(request: Request): ProviderAdapter {
    const name = request.provider ?? this.defaultName;
    if (name === undefined) {
      throw new ConfigurationError({
        message:
          "no provider: set request.provider, or configure one (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY)",
      });
    }
    const adapter = this.adapters.get(name);
    if (!adapter) {
      throw new ConfigurationError({
        message: `provider '${name}' is not configured (configured: ${this.providerNames().join(", ") || "none"})`,
      });
    }
    return adapter;
  }

  /**
   * §4.1 sends `request` and resolves with the whole response. Does not retry.
   * @throws ConfigurationError for an invalid request or unknown provider; the adapter's errors.
   */
  complete(request: Request, options?: CallOptions): Promise<Response> {
    try {
      validateRequest(request);
      this.resolve(request);
    } catch (error) {
      return Promise.reject(error);
    }
    const run = composeComplete(this.middleware, async (req, opts) => {
      const adapter = this.resolve(req);
      const response = await adapter.complete(req, opts);
      tagThinking(response.message, adapter.name);
      return response;
    });
    return run(request, options);
  }

  /**
   * §4.2 streams `request`. The iterable ends with a `finish` event carrying the response, or
   * throws/ends with an `error` event. Does not retry. Abandoning it (break) closes the connection.
   * @throws ConfigurationError (on first iteration) for an invalid request or unknown provider.
   */
  stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
    validateRequest(request);
    this.resolve(request);
    const run = composeStream(this.middleware, (req, opts) => tagStream(this.resolve(req), req, opts));
    return run(request, options);
  }

  /** Closes every adapter. */
  async close(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((a) => a.close?.()));
  }
}

/** Streams from `adapter`, marking the final response's thinking with the adapter's name. */
async function* tagStream(
  adapter: ProviderAdapter,
  request: Request,
  options?: CallOptions,
): AsyncIterable<StreamEvent> {
  for await (const event of adapter.stream(request, options)) {
    if (event.type === "finish") tagThinking(event.response.message, adapter.name);
    yield event;
  }
}
