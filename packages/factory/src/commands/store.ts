/**
 * `factory store serve|contexts|turns|fork|export`: runs the CXDB-compatible context store
 * (HTTP + binary protocol) and reads or forks its contexts, either in the embedded store file
 * (`--data DIR`, default `$CXDB_DATA_DIR` or `./.cxdb`; or `--store FILE`) or through a running
 * server (`--url`, or `--store URL`). `--store` takes what `factory run --store` takes, and
 * `turns`/`export` without a context id show the run recorded in the `--data` run directory.
 * @module
 */
import { existsSync } from "node:fs";
import path from "node:path";
import {
  type ContextInfo,
  CxdbError,
  type CxdbLogger,
  isRemoteTarget,
  openStore,
  STORE_FILE,
  type Store,
  startServer,
  type TurnRecord,
} from "@darkfactory/cxdb";
import { type ContextSummary, CxdbHttpClient, type TurnView } from "@darkfactory/cxdb/client";
import type { Command } from "commander";
import { CliError, ExitCode, exitWith } from "../cli/errors.js";
import { writeFileAtomic } from "../cli/files.js";
import { type CliIo, writeText } from "../cli/io.js";
import { RUN_RECORD_FILE, readRunRecord, resolveStoreTarget } from "../record/run-record.js";
import { serveUntilInterrupted } from "../run/interrupt.js";

/**
 * Where the store is: `--data DIR` (the embedded file `DIR/cxdb.sqlite`), `--url URL` (a running
 * server), or `--store PATH|URL` (a store file, a directory holding one, or a server URL).
 */
export interface StoreLocationOptions {
  data?: string;
  url?: string;
  store?: string;
}

/** Options of `factory store serve`. */
export interface StoreServeOptions {
  data?: string;
  /** HTTP port (default 9010). */
  http?: string;
  /** Binary-protocol port (default 9009). */
  port?: string;
  host?: string;
  /** Log one line per request to stderr. */
  verbose?: boolean;
}

/** Options of the read commands. */
export interface StoreReadOptions extends StoreLocationOptions {
  json?: boolean;
  limit?: string;
  /** `contexts`: a CQL query. */
  query?: string;
  /** `export`: output file. */
  output?: string;
}

/** A context as the commands print it. */
interface ContextLine {
  contextId: number;
  headTurnId: number;
  headDepth: number;
  createdAt: string;
  isLive: boolean;
  clientTag?: string;
  title?: string;
  labels?: string[];
}

/** A turn as the commands print it: typed data when the registry knows the type, else generic. */
interface TurnLine {
  turnId: number;
  parentTurnId: number;
  depth: number;
  typeId: string;
  typeVersion: number;
  contentHash?: string;
  data: unknown;
  decodedAs: { typeId: string; typeVersion: number } | null;
  payloadBase64?: string;
}

/** Registers `factory store` and its subcommands on `program`. */
export function registerStoreCommand(program: Command, io: CliIo): void {
  const store = program.command("store").description("run and inspect the context store (CXDB-compatible)");
  const where = (cmd: Command): Command =>
    cmd
      .option("--data <dir>", "store directory (default $CXDB_DATA_DIR or ./.cxdb)")
      .option("--url <url>", "talk to a running store server instead (default $CXDB_URL)")
      .option("--store <path|url>", "a store file or a server URL (as factory run --store takes)");
  store
    .command("serve")
    .description("serve the store: HTTP (default 9010) and binary protocol (default 9009) until Ctrl-C")
    .option("--data <dir>", "store directory (default $CXDB_DATA_DIR or ./.cxdb)")
    .option("--http <port>", "HTTP port (0: any free port)", "9010")
    .option("--port <port>", "binary-protocol port (0: any free port)", "9009")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("-v, --verbose", "log one line per request to stderr")
    .action(async (options: StoreServeOptions) => {
      const code = await storeServeCommand(options, io);
      if (code !== ExitCode.SUCCESS) throw exitWith(code);
    });
  where(store.command("contexts").description("list contexts, newest first"))
    .option("--limit <n>", "most contexts to list", "50")
    .option("-q, --query <cql>", 'only contexts matching a CQL query, e.g. tag = "factory"')
    .option("--json", "print one JSON array")
    .action((options: StoreReadOptions) => storeContextsCommand(options, io));
  where(
    store
      .command("turns")
      .description("show a context's last turns, oldest first")
      .argument("[context]", "context id (default: the run recorded in the --data run directory)"),
  )
    .option("--limit <n>", "most turns to show", "20")
    .option("--json", "print one JSON array")
    .action((context: string | undefined, options: StoreReadOptions) => storeTurnsCommand(context, options, io));
  where(store.command("fork").description("create a context whose head is TURN").argument("<turn>", "turn id"))
    .option("--json", "print the new head as JSON")
    .action((turn: string, options: StoreReadOptions) => storeForkCommand(turn, options, io));
  where(
    store
      .command("export")
      .description("export a context (every turn, root first) as JSON")
      .argument("[context]", "context id (default: the run recorded in the --data run directory)"),
  )
    .option("-o, --output <file>", "write to this file (atomically) instead of stdout")
    .action((context: string | undefined, options: StoreReadOptions) => storeExportCommand(context, options, io));
}

/**
 * Runs `factory store serve`: opens the store in `--data`, starts both servers, prints one line per
 * server, and serves until Ctrl-C (exit 0; a second Ctrl-C exits 130 at once).
 * @throws CliError exit 2 for a bad port; exit 1 when a port cannot be bound or the store cannot open.
 */
export async function storeServeCommand(options: StoreServeOptions, io: CliIo): Promise<ExitCode> {
  const httpPort = parsePort(options.http ?? "9010", "--http");
  const binaryPort = parsePort(options.port ?? "9009", "--port");
  const dataDir = dataDirOf(options, io);
  const logger: CxdbLogger = {
    info: (message) => io.stdout.write(`${message}\n`),
    debug: (message) => {
      if (options.verbose || io.env.CXDB_LOG === "debug") io.stderr.write(`${message}\n`);
    },
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ dataDir, httpPort, binaryPort, host: options.host ?? "127.0.0.1", logger });
  } catch (error) {
    throw new CliError({
      message: `cannot start the store: ${(error as Error).message}`,
      exitCode: ExitCode.FAILURE,
      cause: error,
    });
  }
  return serveUntilInterrupted(io, "stopping the store", () => server.close());
}

/** Runs `factory store contexts`: one line per context (id, head, depth, tag, title, created), or `--json`. */
export async function storeContextsCommand(options: StoreReadOptions, io: CliIo): Promise<void> {
  const limit = parseCount(options.limit ?? "50", "--limit");
  const contexts = await withStore(options, io, {
    embedded: (store) =>
      (options.query
        ? store.searchContexts(options.query, { limit }).contexts
        : store.listContexts({ limit }).contexts
      ).map((c) => contextLine(c, store.clientTagOf(c))),
    remote: async (client) =>
      (options.query
        ? (await client.searchContexts(options.query, { limit })).contexts
        : (await client.listContexts({ limit })).contexts
      ).map(remoteContextLine),
  });
  if (options.json) return writeText(io.stdout, `${JSON.stringify(contexts, null, 2)}\n`);
  const lines = contexts.map(
    (c) =>
      `${c.contextId}\thead ${c.headTurnId}\tdepth ${c.headDepth}\t${c.clientTag ?? "-"}\t${c.title ?? "-"}\t${c.createdAt}${c.isLive ? "\tlive" : ""}`,
  );
  if (lines.length > 0) await writeText(io.stdout, `${lines.join("\n")}\n`);
}

/**
 * Runs `factory store turns [CONTEXT]`: the last `--limit` turns, one line each (id, depth, type,
 * data). Without CONTEXT, the run recorded in the `--data` run directory (its cxdb.json).
 * @throws CliError (exit 2) for a bad id, or no id and no run record.
 */
export async function storeTurnsCommand(
  context: string | undefined,
  options: StoreReadOptions,
  io: CliIo,
): Promise<void> {
  const { contextId, options: where } = locateContext(context, options, io);
  const limit = parseCount(options.limit ?? "20", "--limit");
  const turns = await withStore(where, io, {
    embedded: (store) => store.getTurns(contextId, { limit }).map((t) => turnLine(store, t, false)),
    remote: async (client) => (await client.getTurns(contextId, { limit })).turns.map((t) => remoteTurnLine(t)),
  });
  if (options.json) return writeText(io.stdout, `${JSON.stringify(turns, null, 2)}\n`);
  const lines = turns.map(
    (t) =>
      `${t.turnId}\tdepth ${t.depth}\t${t.typeId} v${t.typeVersion}\t${clip(conversationLine(t.data) ?? JSON.stringify(t.data), 100)}`,
  );
  if (lines.length > 0) await writeText(io.stdout, `${lines.join("\n")}\n`);
}

/** Runs `factory store fork TURN`: creates a context whose head is TURN and prints it. */
export async function storeForkCommand(turn: string, options: StoreReadOptions, io: CliIo): Promise<void> {
  const turnId = parseId(turn, "turn");
  const head = await withStore(options, io, {
    embedded: (store) => store.fork(turnId),
    remote: (client) => client.fork(turnId),
  });
  const text = options.json
    ? JSON.stringify(head)
    : `context ${head.contextId} (head turn ${head.headTurnId}, depth ${head.headDepth})`;
  await writeText(io.stdout, `${text}\n`);
}

/**
 * Runs `factory store export [CONTEXT]`: `{ context, turns }` with every turn from the root to the
 * head (typed data when the registry knows the type, and the raw payload in base64). Progress goes
 * to stderr only when it is a terminal. Without CONTEXT, as `turns`.
 */
export async function storeExportCommand(
  context: string | undefined,
  options: StoreReadOptions,
  io: CliIo,
): Promise<void> {
  const { contextId, options: where } = locateContext(context, options, io);
  const progress = (done: number, total: number): void => {
    if ((io.stderr as { isTTY?: boolean }).isTTY === true) io.stderr.write(`\rexported ${done}/${total} turns`);
  };
  const doc = await withStore(where, io, {
    embedded: (store) => {
      const info = store.getContext(contextId);
      const turns: TurnLine[] = [];
      let before: number | undefined;
      for (;;) {
        const page = store.getTurns(contextId, { limit: 500, beforeTurnId: before });
        turns.unshift(...page.map((t) => turnLine(store, t, true)));
        progress(turns.length, info.headDepth + 1);
        if (page.length === 0 || page[0].parentTurnId === 0) break;
        before = page[0].turnId;
      }
      return { context: contextLine(info, store.clientTagOf(info)), turns };
    },
    remote: async (client) => {
      const info = remoteContextLine(await client.getContext(contextId));
      const turns: TurnLine[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await client.getTurns(contextId, { limit: 500, beforeTurnId: before, view: "both" });
        turns.unshift(...page.turns.map((t) => remoteTurnLine(t)));
        progress(turns.length, info.headDepth + 1);
        if (page.nextBeforeTurnId === null) break;
        before = page.nextBeforeTurnId;
      }
      return { context: info, turns };
    },
  });
  if ((io.stderr as { isTTY?: boolean }).isTTY === true) io.stderr.write("\n");
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (options.output !== undefined) await writeFileAtomic(options.output, text, io.cwd);
  else await writeText(io.stdout, text);
}

/** Runs `fn` against the embedded store (opened and closed here) or the server at `--url`. */
async function withStore<T>(
  options: StoreLocationOptions,
  io: CliIo,
  fn: { embedded: (store: Store) => T | Promise<T>; remote: (client: CxdbHttpClient) => Promise<T> },
): Promise<T> {
  const target =
    options.store === undefined
      ? undefined
      : resolveStoreTarget(options.store, { logsRoot: io.cwd, cwd: io.cwd, previous: undefined });
  const url =
    target !== undefined
      ? isRemoteTarget(target)
        ? target
        : undefined
      : (options.url ?? (options.data === undefined ? io.env.CXDB_URL : undefined));
  try {
    if (url !== undefined && url !== "") return await fn.remote(new CxdbHttpClient(url));
    const dir = dataDirOf(options, io);
    const file = target ?? path.join(dir, STORE_FILE);
    if (!existsSync(file)) {
      throw new CliError({
        message:
          target === undefined
            ? `no store in ${dir} (start one with 'factory store serve', or pass --data, --store or --url)`
            : `no store at ${options.store}`,
        exitCode: ExitCode.INVALID_INPUT,
      });
    }
    const store = await openStore(file);
    try {
      return await fn.embedded(store);
    } finally {
      store.close();
    }
  } catch (error) {
    if (CxdbError.isInstance(error)) {
      const code = error.status >= 400 && error.status < 500 ? ExitCode.INVALID_INPUT : ExitCode.FAILURE;
      throw new CliError({ message: error.message, exitCode: code, cause: error });
    }
    if (error instanceof TypeError && url !== undefined) {
      throw new CliError({
        message: `cannot reach the store at ${url}: ${error.message}`,
        exitCode: ExitCode.FAILURE,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * The context a read command shows, and where: the given id in the given store, or the run
 * context recorded in the `--data` directory's cxdb.json (a `factory run` directory), in the store
 * it was recorded in unless `--store`/`--url` says otherwise.
 * @throws CliError (exit 2) for a bad id, or no id and no run record.
 */
function locateContext(
  context: string | undefined,
  options: StoreReadOptions,
  io: CliIo,
): { contextId: number; options: StoreReadOptions } {
  if (context !== undefined) return { contextId: parseId(context, "context"), options };
  const record = options.data === undefined ? undefined : readRunRecord(path.resolve(io.cwd, options.data));
  if (record === undefined) {
    throw invalid(
      options.data === undefined
        ? "missing context id (or pass --data RUN_DIR to show the run recorded there)"
        : `missing context id: ${options.data} has no ${RUN_RECORD_FILE} (it is not a recorded run directory)`,
    );
  }
  const explicit = options.store !== undefined || options.url !== undefined;
  return { contextId: record.contextId, options: explicit ? options : { ...options, store: record.store } };
}

function dataDirOf(options: { data?: string }, io: CliIo): string {
  return path.resolve(io.cwd, options.data ?? io.env.CXDB_DATA_DIR ?? ".cxdb");
}

function contextLine(c: ContextInfo, clientTag: string | undefined): ContextLine {
  const out: ContextLine = {
    contextId: c.contextId,
    headTurnId: c.headTurnId,
    headDepth: c.headDepth,
    createdAt: new Date(c.createdAtUnixMs).toISOString(),
    isLive: c.isLive,
  };
  if (clientTag) out.clientTag = clientTag;
  if (c.metadata?.title !== undefined) out.title = c.metadata.title;
  if (c.metadata?.labels !== undefined) out.labels = c.metadata.labels;
  return out;
}

function remoteContextLine(c: ContextSummary): ContextLine {
  const out: ContextLine = {
    contextId: c.contextId,
    headTurnId: c.headTurnId,
    headDepth: c.headDepth,
    createdAt: new Date(c.createdAtUnixMs).toISOString(),
    isLive: c.isLive,
  };
  if (c.clientTag) out.clientTag = c.clientTag;
  if (c.title !== undefined) out.title = c.title;
  if (c.labels !== undefined) out.labels = c.labels;
  return out;
}

function turnLine(store: Store, t: TurnRecord, withBytes: boolean): TurnLine {
  const projected = store.projectTurn(
    t,
    { mode: "inherit" },
    { bytesRender: "base64", u64Format: "string", enumRender: "label", timeRender: "iso", includeUnknown: false },
  );
  const out: TurnLine = {
    turnId: t.turnId,
    parentTurnId: t.parentTurnId,
    depth: t.depth,
    typeId: t.typeId,
    typeVersion: t.typeVersion,
    contentHash: t.contentHash,
    decodedAs: projected.decodedAs ?? null,
    data: projected.data,
  };
  if (withBytes && t.payload !== undefined) out.payloadBase64 = Buffer.from(t.payload).toString("base64");
  return out;
}

function remoteTurnLine(t: TurnView): TurnLine {
  const out: TurnLine = {
    turnId: t.turnId,
    parentTurnId: t.parentTurnId,
    depth: t.depth,
    typeId: t.declaredType.typeId,
    typeVersion: t.declaredType.typeVersion,
    decodedAs: t.decodedAs ?? null,
    data: t.data ?? null,
  };
  if (t.contentHash !== undefined) out.contentHash = t.contentHash;
  if (t.bytes !== undefined) out.payloadBase64 = Buffer.from(t.bytes).toString("base64");
  return out;
}

/**
 * One line for a typed `cxdb.ConversationItem` (`system info: stage plan started`, `user: ...`,
 * `assistant: ...`), or undefined for other data.
 */
function conversationLine(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const item = data as Record<string, Record<string, unknown> | string | null | undefined>;
  const part = (key: string): Record<string, unknown> =>
    typeof item[key] === "object" && item[key] !== null ? (item[key] as Record<string, unknown>) : {};
  const text = (value: unknown): string => (typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "");
  switch (item.item_type) {
    case "system": {
      const system = part("system");
      return `${text(system.kind) || "system"}: ${text(system.title) || text(system.content)}`;
    }
    case "user_input":
      return `user: ${text(part("user_input").text)}`;
    case "assistant_turn": {
      const turn = part("turn");
      const calls = Array.isArray(turn.tool_calls) ? turn.tool_calls.length : 0;
      return `assistant: ${text(turn.text) || text(turn.reasoning)}${calls > 0 ? ` [${calls} tool calls]` : ""}`;
    }
    case "assistant":
      return `assistant: ${text(part("assistant").text)}`;
    case "tool_call":
      return `tool call ${text(part("tool_call").name)} ${text(part("tool_call").args)}`;
    case "tool_result":
      return `tool result ${text(part("tool_result").call_id)}: ${text(part("tool_result").content)}`;
    case "handoff":
      return `handoff ${text(part("handoff").from_agent)} -> ${text(part("handoff").to_agent)}`;
    default:
      return undefined;
  }
}

function clip(text: string | undefined, max: number): string {
  const value = text ?? "";
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}

function invalid(message: string): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT });
}

function parsePort(value: string, flag: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535)
    throw invalid(`${flag} needs a port number (0-65535), got '${value}'`);
  return Number(value);
}

function parseCount(value: string, flag: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 10_000)
    throw invalid(`${flag} needs a number from 0 to 10000, got '${value}'`);
  return Number(value);
}

function parseId(value: string, what: string): number {
  if (!/^\d{1,15}$/.test(value.trim())) throw invalid(`${what} must be a numeric id, got '${value}'`);
  return Number(value);
}
