// Realistic contexts for the web UI tests: a pipeline run recorded as cxdb.ConversationItem turns
// (user input, stage events shaped as packages/factory/src/record writes them, an assistant turn with reasoning and a tool call, a legacy tool call
// and result carrying a file snapshot), a fork of it, another client's context, and a context of
// an unregistered type. The registry bundle is CXDB's own (see CONVERSATION_BUNDLE).
import type { Store } from "../../src/store/store.js";
import type { AppendInput } from "../../src/store/types.js";
import { CONVERSATION_BUNDLE, tagged } from "./store.js";

/** Ids of what {@link seedUiStore} wrote. */
export interface UiSeed {
  /** The pipeline run: "Refactor the CQL parser", tag `factory`. */
  run: number;
  /** Its assistant turn, where {@link fork} starts. */
  forkBase: number;
  /** The tool result turn carrying the file snapshot. */
  snapshotTurn: number;
  /** A fork of the run from {@link forkBase}. */
  fork: number;
  /** The fork's own first turn. */
  forkOwnTurn: number;
  /** Another client's context, tag `agent`. */
  notes: number;
  /** A context whose only turn has no registered type. */
  custom: number;
}

/** A ConversationItem v3 append, encoded from named JSON through the registry. */
export function conversationTurn(store: Store, data: Record<string, unknown>): AppendInput {
  return {
    typeId: "cxdb.ConversationItem",
    typeVersion: 3,
    payload: store.encodeData("cxdb.ConversationItem", 3, data),
  };
}

/** Publishes the conversation bundle and writes the contexts of {@link UiSeed}. */
export function seedUiStore(store: Store): UiSeed {
  store.putBundle(CONVERSATION_BUNDLE.bundle_id, CONVERSATION_BUNDLE);
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
  const item = (data: Record<string, unknown>) => conversationTurn(store, data);
  // A pipeline event as the factory's recorder writes it: a system item, id = event type, content = the event.
  const stageEvent = (ts: string, kind: string, title: string, event: Record<string, unknown>) =>
    item({
      item_type: "system",
      status: "complete",
      timestamp: ts,
      id: event.type,
      system: { kind, title, content: JSON.stringify({ ...event, ts }) },
    });

  const run = store.createContext().contextId;
  const snapshot = store.putFileTree([
    { path: "README.md", content: "# cql\n\nThe CXDB query language: lexer, parser, executor.\n" },
    { path: "package.json", content: '{\n  "name": "cql",\n  "type": "module"\n}\n' },
    {
      path: "src/parser.ts",
      content: "export function parseCql(text: string): CqlQuery {\n  return new Parser(text).query();\n}\n",
    },
    { path: "src/lexer.ts", content: "export function* lex(text: string) {}\n" },
  ]);
  const runTurns = store.appendBatch(run, [
    item({
      item_type: "user_input",
      status: "complete",
      timestamp: at(15),
      user_input: { text: "Refactor the CQL parser so errors carry line and column.", files: ["src/parser.ts"] },
      context_metadata: {
        client_tag: "factory",
        title: "Refactor the CQL parser",
        labels: ["nightly", "parser"],
        provenance: {
          service_name: "factory",
          service_version: "0.1.0",
          host_name: "build-7",
          on_behalf_of: "jay",
          trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
        },
      },
    }),
    stageEvent(at(15), "info", "stage implement started (codergen, attempt 1)", {
      type: "stage_started",
      nodeId: "implement",
      label: "Implement",
      handlerType: "codergen",
      index: 1,
      attempt: 1,
    }),
    item({
      item_type: "assistant_turn",
      status: "complete",
      timestamp: at(16),
      turn: {
        text: "I'll read the parser first, then thread positions through the errors.",
        reasoning: "The lexer already tracks offsets; the parser drops them when it builds CqlError.",
        tool_calls: [
          {
            id: "call_1",
            name: "read_file",
            args: JSON.stringify({ path: "src/parser.ts" }),
            status: "complete",
            result: { content: "export function parseCql(text: string): CqlQuery {", success: true },
            duration_ms: 12,
          },
        ],
        metrics: { input_tokens: 1840, output_tokens: 312, total_tokens: 2152, model: "claude-sonnet-4-5" },
      },
    }),
    item({
      item_type: "tool_call",
      timestamp: at(17),
      tool_call: { call_id: "call_2", name: "shell", args: JSON.stringify({ command: "npm test -- cql" }) },
    }),
    {
      ...item({
        item_type: "tool_result",
        timestamp: at(18),
        tool_result: {
          call_id: "call_2",
          content: "✓ 14 tests passed",
          is_error: false,
          exit_code: 0,
          duration_ms: 2310,
        },
      }),
      fsRootHash: snapshot,
    },
    stageEvent(at(19), "info", "stage implement succeeded in 48.2s", {
      type: "stage_completed",
      nodeId: "implement",
      index: 1,
      durationMs: 48_210,
      attempt: 1,
      outcome: { status: "success", notes: "parser errors carry positions" },
    }),
  ]);
  const forkBase = runTurns[2].turnId;

  const fork = store.fork(forkBase).contextId;
  const forkTurns = store.appendBatch(fork, [
    item({
      item_type: "user_input",
      timestamp: at(30),
      user_input: { text: "Try a Pratt parser instead of recursive descent." },
    }),
    item({
      item_type: "assistant",
      timestamp: at(31),
      assistant: { text: "A Pratt parser makes precedence explicit; here is the plan.", model: "gpt-5" },
    }),
  ]);

  const notes = store.createContext().contextId;
  store.appendBatch(notes, [
    item({
      item_type: "user_input",
      user_input: { text: "Summarize the release notes." },
      context_metadata: { client_tag: "agent", title: "Summarize release notes" },
    }),
    item({ item_type: "assistant", assistant: { text: "Three fixes and one feature.", reasoning: "Count them." } }),
  ]);

  const custom = store.createContext().contextId;
  store.append(custom, { typeId: "com.example.Metric", typeVersion: 1, payload: tagged({ 1: "latency_ms", 2: 42 }) });

  return {
    run,
    forkBase,
    snapshotTurn: runTurns[4].turnId,
    fork,
    forkOwnTurn: forkTurns[0].turnId,
    notes,
    custom,
  };
}
