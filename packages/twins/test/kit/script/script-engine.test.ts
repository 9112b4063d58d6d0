import { describe, expect, it } from "vitest";
import { loadScript, parseScript } from "../../../src/kit/script/parse-script.js";
import { ScriptEngine } from "../../../src/kit/script/script-engine.js";
import { conversation, toolCall, toolResult, user } from "../../helpers/conversation.js";

const ask = conversation([user("What is the weather in Paris?")]);
const followUp = conversation([
  user("What is the weather in Paris?"),
  toolCall("call_1", "get_weather"),
  toolResult("call_1", "sunny, 21C"),
]);

describe("ScriptEngine, free mode", () => {
  const script = parseScript(`
rules:
  - match: { userText: weather }
    reply: { toolCalls: [{ name: get_weather, arguments: { city: Paris } }] }
  - match: { toolResult: get_weather }
    reply: { text: done }
  - match: { userTextRegex: "/^hello/i" }
    reply: { text: hi }
    times: 1
`);

  it("answers with the first matching rule; user text is the current turn's", () => {
    const engine = new ScriptEngine(script);
    expect(engine.next(ask)).toMatchObject({ kind: "rule", index: 0, sequence: 1 });
    // The follow-up ends with a tool result: the weather question is not the current user text.
    expect(engine.next(followUp)).toMatchObject({ kind: "rule", index: 1, sequence: 2 });
  });

  it("falls back to the default reply when nothing matches, and honours times", () => {
    const engine = new ScriptEngine(script);
    expect(engine.next(conversation([user("Hello there")]))).toMatchObject({ kind: "rule", index: 2 });
    expect(engine.next(conversation([user("Hello again")]))).toEqual({ kind: "default", sequence: 2 });
    expect(engine.state()).toEqual({ mode: "free", strict: false, position: 0, fired: [0, 0, 1], requests: 2 });
  });

  it("matches tool results by call id, tool name and content; model globs; system; turn; sequence", () => {
    const engine = new ScriptEngine(
      parseScript(`
rules:
  - { match: { toolResult: call_1, toolResultContains: "21C" }, reply: { text: by-id } }
  - { match: { model: "gpt-4*" }, reply: { text: by-model } }
  - { match: { system: pirate }, reply: { text: by-system } }
  - { match: { turn: 2 }, reply: { text: by-turn } }
  - { match: { sequence: 5 }, reply: { text: by-sequence } }
`),
    );
    expect(engine.next(followUp)).toMatchObject({ index: 0 });
    expect(engine.next(conversation([user("x")], { model: "gpt-4.1" }))).toMatchObject({ index: 1 });
    expect(engine.next(conversation([user("x")], { system: "You are a pirate." }))).toMatchObject({ index: 2 });
    expect(
      engine.next(conversation([user("a"), { role: "assistant", parts: [{ type: "text", text: "b" }] }, user("c")])),
    ).toMatchObject({
      index: 3,
    });
    expect(engine.next(conversation([user("x")]))).toMatchObject({ index: 4, sequence: 5 });
  });

  it("without a script, every request gets the default reply", () => {
    const engine = new ScriptEngine();
    expect(engine.next(ask)).toEqual({ kind: "default", sequence: 1 });
    expect(engine.state().mode).toBe("none");
  });
});

describe("ScriptEngine, ordered mode", () => {
  const script = parseScript(`
mode: ordered
rules:
  - name: question
    match: { userText: weather }
    reply: { toolCalls: [{ name: get_weather }] }
  - match: { toolResult: true }
    reply: { text: It is sunny. }
  - reply: { text: anything }
    times: 2
`);

  it("consumes the rules in order, each `times` times", () => {
    const engine = new ScriptEngine(script);
    expect(engine.next(ask)).toMatchObject({ kind: "rule", index: 0 });
    expect(engine.next(followUp)).toMatchObject({ kind: "rule", index: 1 });
    expect(engine.next(ask)).toMatchObject({ kind: "rule", index: 2 });
    expect(engine.next(ask)).toMatchObject({ kind: "rule", index: 2 });
    expect(engine.next(ask)).toEqual({
      kind: "mismatch",
      sequence: 5,
      miss: false,
      message: "twin script: request 5 came after the ordered script ended (3 rules)",
    });
  });

  it("says why a request does not fit the current rule, and does not advance", () => {
    const engine = new ScriptEngine(script);
    expect(engine.next(followUp)).toEqual({
      kind: "mismatch",
      sequence: 1,
      miss: false,
      message:
        'twin script: request 1 does not match ordered rule 1 (question): the user text "" does not contain "weather"',
    });
    expect(engine.next(ask)).toMatchObject({ kind: "rule", index: 0 });
  });

  it("reset starts over; load replaces the script", () => {
    const engine = new ScriptEngine(script);
    engine.next(ask);
    engine.reset();
    expect(engine.state()).toEqual({ mode: "ordered", strict: false, position: 0, fired: [0, 0, 0], requests: 0 });
    engine.load(undefined);
    expect(engine.next(ask).kind).toBe("default");
  });
});

describe("ScriptEngine, the other matchers", () => {
  it("matches systemRegex, toolResultRegex, hasTool, responseFormat and predicates, with their captures", () => {
    const engine = new ScriptEngine(
      loadScript({
        mode: "free",
        rules: [
          { match: { systemRegex: "You are an? (?<role>\\w+)" }, reply: { text: "ahoy, {{match.role}}" } },
          { match: { toolResultRegex: "/(\\d+)C$/" }, reply: { text: "{{toolResult.1}} degrees" } },
          { match: { hasTool: "search" }, reply: { text: "searching" } },
          { match: { responseFormat: "json_object" }, reply: { json: { ok: true } } },
          { match: { predicate: (c) => c.messages.length > 2 }, reply: { text: "long" } },
        ],
      }),
    );
    expect(engine.next(conversation([user("x")], { system: "You are a pirate." }))).toMatchObject({
      index: 0,
      captures: { system: { "0": "You are a pirate", "1": "pirate", role: "pirate" } },
    });
    expect(engine.next(followUp)).toMatchObject({ index: 1, captures: { toolResult: { "1": "21" } } });
    expect(engine.next(conversation([user("x")], { tools: [{ name: "search" }] }))).toMatchObject({ index: 2 });
    expect(engine.next(conversation([user("x")], { responseFormat: { type: "json_object" } }))).toMatchObject({
      index: 3,
    });
    expect(engine.next(conversation([user("a"), user("b"), user("c")]))).toMatchObject({ index: 4 });
    expect(engine.next(conversation([user("x")])).kind).toBe("default");
  });
});

describe("ScriptEngine, strict mode", () => {
  const script = parseScript(`
strict: true
rules:
  - name: weather
    match: { userText: weather }
    reply: { text: sunny }
  - match: { hasTool: search }
    reply: { text: found }
    times: 1
`);

  it("refuses a request no rule answers, saying why each rule did not match", () => {
    const engine = new ScriptEngine(script);
    const search = conversation([user("find it")], { tools: [{ name: "search" }] });
    expect(engine.next(search)).toMatchObject({ kind: "rule", index: 1 });
    expect(engine.next(search)).toEqual({
      kind: "mismatch",
      sequence: 2,
      miss: true,
      message:
        'twin script (strict): request 2 matches no rule: rule 1 (weather): the user text "find it" does not contain "weather"; rule 2: used up (times: 1)',
    });
    expect(engine.state()).toMatchObject({ mode: "free", strict: true, requests: 2 });
  });

  it("takes the engine's default when the script does not say, and refuses with no script at all", () => {
    const lenient = parseScript("rules:\n  - { match: { userText: x }, reply: { text: y } }\n");
    expect(new ScriptEngine(lenient, { strict: true }).next(ask)).toMatchObject({ kind: "mismatch", miss: true });
    expect(new ScriptEngine(lenient).next(ask).kind).toBe("default");
    expect(new ScriptEngine({ ...lenient, strict: false }, { strict: true }).next(ask).kind).toBe("default");
    expect(new ScriptEngine(undefined, { strict: true }).next(ask)).toEqual({
      kind: "mismatch",
      sequence: 1,
      miss: true,
      message: "twin script (strict): request 1: no script is loaded",
    });
  });
});
