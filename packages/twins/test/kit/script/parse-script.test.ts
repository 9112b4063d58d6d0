import { describe, expect, it } from "vitest";
import { loadScript, parseScript } from "../../../src/kit/script/parse-script.js";
import { ScriptError } from "../../../src/kit/twin-error.js";

const EXAMPLE = `# a weather conversation
mode: ordered
rules:
  - name: ask
    match: { userText: weather }
    reply:
      reasoning: The user wants the weather; call the tool.
      toolCalls:
        - name: get_weather
          arguments: { city: Paris }
  - match: { toolResult: get_weather, toolResultContains: sunny }
    reply:
      text: It is sunny in Paris.
      usage: { outputTokens: 7 }
  - fault: { kind: rate_limit, retryAfterSeconds: 1 }
    times: 2
`;

function errorOf(text: string, file = "script.yaml"): ScriptError {
  try {
    parseScript(text, { file });
  } catch (error) {
    if (error instanceof ScriptError) return error;
    throw error;
  }
  throw new Error("expected a ScriptError");
}

describe("parseScript", () => {
  it("reads YAML into a checked script", () => {
    const script = parseScript(EXAMPLE);
    expect(script.mode).toBe("ordered");
    expect(script.rules).toHaveLength(3);
    expect(script.rules[0]).toEqual({
      name: "ask",
      match: { userText: "weather" },
      reply: {
        reasoning: "The user wants the weather; call the tool.",
        toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
      },
    });
    expect(script.rules[1].match).toEqual({ toolResult: "get_weather", toolResultContains: "sunny" });
    expect(script.rules[2]).toEqual({ match: {}, fault: { kind: "rate_limit", retryAfterSeconds: 1 }, times: 2 });
  });

  it("reads JSON too, with free mode by default", () => {
    const script = parseScript('{"rules": [{"match": {"turn": 2}, "reply": {"json": {"ok": true}}}]}');
    expect(script).toEqual({ mode: "free", rules: [{ match: { turn: 2 }, reply: { json: { ok: true } } }] });
  });

  it("points at an unknown key with file:line:col", () => {
    const error = errorOf("rules:\n  - match:\n      usertext: hi\n    reply: { text: x }\n");
    expect(error.message).toBe(
      "script.yaml:3:7: rules[0].match.usertext: unknown key 'usertext' (expected one of: model, userText, userTextRegex, system, systemRegex, toolResult, toolResultContains, toolResultRegex, hasTool, responseFormat, turn, sequence, predicate)",
    );
    expect([error.line, error.col]).toEqual([3, 7]);
  });

  it("points at a value of the wrong type", () => {
    const error = errorOf("rules:\n  - match: { turn: first }\n    reply: { text: x }\n");
    expect(error.message).toBe("script.yaml:2:20: rules[0].match.turn: expected an integer, got a string");
  });

  it("reports YAML syntax errors with their position", () => {
    const error = errorOf("rules:\n  - match: { userText: [unclosed\n");
    expect(error.file).toBe("script.yaml");
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^script\.yaml:\d+:\d+: /);
  });

  it("reports JSON syntax errors with their position", () => {
    const error = errorOf('{"rules": [\n  {"reply": {"text" "x"}}\n]}\n', "script.json");
    expect(error.message).toBe("script.json:2:21: Missing , or : between flow map items");
  });

  it("rejects rules without reply or fault, error faults with a reply, bad regexes, unknown modes", () => {
    expect(errorOf("rules:\n  - match: { turn: 1 }\n").message).toBe(
      "script.yaml:2:5: rules[0]: a rule needs 'reply' or 'fault'",
    );
    expect(errorOf("rules:\n  - reply: { text: x }\n    fault: hang\n").message).toMatch(
      /^script\.yaml:3:12: rules\[0\]\.fault: a 'hang' fault replaces the reply/,
    );
    expect(errorOf("rules:\n  - match: { userTextRegex: '(' }\n    reply: { text: x }\n").message).toMatch(
      /^script\.yaml:2:29: rules\[0\]\.match\.userTextRegex: invalid regular expression/,
    );
    expect(errorOf("mode: random\nrules: []\n").message).toBe(
      "script.yaml:1:7: mode: expected one of 'free', 'ordered', got 'random'",
    );
    expect(errorOf("").message).toBe("script.yaml: empty document");
    expect(errorOf("mode: free\n").message).toBe("script.yaml:1:1: rules: missing 'rules'");
  });

  it("accepts stream faults together with a reply", () => {
    const script = parseScript("rules:\n  - reply: { text: slow }\n    fault: { kind: slow, ttftMs: 5 }\n");
    expect(script.rules[0].fault).toEqual({ kind: "slow", ttftMs: 5 });
  });

  it("loadScript checks objects as strictly as text", () => {
    expect(loadScript({ mode: "free", rules: [{ match: {}, reply: { text: "hi" } }] }).rules).toHaveLength(1);
    expect(() => loadScript({ mode: "free", rules: [{ match: { bogus: 1 } as never, reply: { text: "x" } }] })).toThrow(
      "<script>: rules[0].match.bogus: unknown key 'bogus'",
    );
  });

  it("checks a reply's placeholders against the rule's regular expressions, with their position", () => {
    const script = parseScript(
      "rules:\n  - match: { userTextRegex: 'weather in (?<city>\\w+)' }\n    reply:\n      toolCalls: [{ name: w, arguments: { city: '{{match.city}}' } }]\n",
    );
    expect(script.rules[0].reply).toEqual({ toolCalls: [{ name: "w", arguments: { city: "{{match.city}}" } }] });
    expect(
      errorOf("rules:\n  - match: { userTextRegex: 'in (\\w+)' }\n    reply: { text: '{{match.2}}' }\n").message,
    ).toBe("script.yaml:3:20: rules[0].reply.text: {{match.2}}: userTextRegex has no group '2'");
    expect(errorOf("rules:\n  - reply: { text: 'hi {{match.1}}' }\n").message).toBe(
      "script.yaml:2:20: rules[0].reply.text: {{match.1}}: the rule has no userTextRegex, toolResultRegex or systemRegex to capture it",
    );
    // Request facts need no expression, and \\{{ is a literal.
    expect(parseScript("rules:\n  - reply: { reasoning: '{{request.model}} \\{{ok' }\n").rules[0].reply).toEqual({
      reasoning: "{{request.model}} \\{{ok",
    });
  });

  it("reads strict, the new matchers, and refuses predicates outside code", () => {
    const script = parseScript(
      "strict: true\nrules:\n  - match: { systemRegex: pirate, toolResultRegex: '\\d+', hasTool: search, responseFormat: json_schema }\n    reply: { text: x }\n",
    );
    expect(script).toEqual({
      mode: "free",
      strict: true,
      rules: [
        {
          match: { systemRegex: "pirate", toolResultRegex: "\\d+", hasTool: "search", responseFormat: "json_schema" },
          reply: { text: "x" },
        },
      ],
    });
    expect(errorOf("strict: yes please\nrules: []\n").message).toBe("script.yaml:1:9: strict: expected true or false");
    expect(errorOf("rules:\n  - match: { predicate: x }\n    reply: { text: x }\n").message).toBe(
      "script.yaml:2:25: rules[0].match.predicate: expected a function (scripts built in code only)",
    );
    expect(errorOf("rules:\n  - match: { responseFormat: xml }\n    reply: { text: x }\n").message).toMatch(
      /^script\.yaml:2:30: rules\[0\]\.match\.responseFormat: expected one of 'text', 'json_object', 'json_schema'/,
    );
  });
});
