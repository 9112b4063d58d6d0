import { describe, expect, it } from "vitest";
import { checkTemplate, fillTemplate, groupsOf, TemplateError } from "../../../src/kit/script/template.js";
import { conversation, toolCall, toolResult, user } from "../../helpers/conversation.js";

const followUp = conversation(
  [user("weather in Paris?"), toolCall("call_1", "get_weather"), toolResult("call_1", "21C"), user("and Rome?")],
  { model: "gpt-4.1" },
);

describe("groupsOf", () => {
  it("counts numbered groups and lists named ones", () => {
    expect(groupsOf(/(a)(?<city>b)(?:c)/)).toEqual({ count: 2, names: ["city"] });
    expect(groupsOf(/plain/)).toEqual({ count: 0, names: [] });
  });
});

describe("checkTemplate", () => {
  const groups = { userText: { count: 1, names: ["city"] } };

  it("accepts groups the rule's expressions have, request fields, escapes and plain text", () => {
    for (const text of [
      "{{match.1}}",
      "{{ userText.city }}",
      "{{match.0}}",
      "{{request.model}}",
      "\\{{x",
      "no braces",
    ]) {
      expect(() => checkTemplate(text, groups)).not.toThrow();
    }
  });

  it("names what cannot be filled", () => {
    const error = (text: string) => {
      try {
        checkTemplate(text, groups);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
        return (e as Error).message;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(error("{{match.2}}")).toBe("{{match.2}}: userTextRegex has no group '2'");
    expect(error("{{toolResult.1}}")).toBe("{{toolResult.1}}: the rule has no toolResultRegex to capture it");
    expect(error("{{request.colour}}")).toBe(
      "{{request.colour}}: unknown request field 'colour' (known: model, userText, toolResult, sequence, turn)",
    );
    expect(error("{{reply.x}}")).toBe(
      "{{reply.x}}: unknown placeholder 'reply' (expected match, userText, toolResult, system or request)",
    );
    expect(error("a {{ b")).toMatch(/^'\{\{' must start a placeholder/);
  });
});

describe("fillTemplate", () => {
  it("fills groups (numbered, named, the first expression with the group for match.), request facts and escapes", () => {
    const values = {
      captures: { userText: { "0": "and Rome", "1": "Rome", city: "Rome" }, system: { "1": "pirate", "2": "" } },
      conversation: followUp,
      sequence: 7,
    };
    expect(fillTemplate("{{match.city}} / {{ userText.1 }} / {{system.1}} / [{{system.2}}]", values)).toBe(
      "Rome / Rome / pirate / []",
    );
    expect(fillTemplate("{{request.model}} #{{request.sequence}} turn {{request.turn}}", values)).toBe(
      "gpt-4.1 #7 turn 2",
    );
    expect(fillTemplate("said {{request.userText}}", values)).toBe("said and Rome?");
    expect(fillTemplate("\\{{match.1}} stays", values)).toBe("{{match.1}} stays");
  });

  it("joins the outputs of the trailing tool results for request.toolResult", () => {
    const results = conversation([
      user("q"),
      toolCall("a", "f"),
      {
        role: "user",
        parts: [
          { type: "tool_result", callId: "a", output: "one" },
          { type: "tool_result", callId: "b", output: "two" },
        ],
      },
    ]);
    expect(fillTemplate("{{request.toolResult}}", { captures: {}, conversation: results, sequence: 1 })).toBe(
      "one\ntwo",
    );
  });
});
