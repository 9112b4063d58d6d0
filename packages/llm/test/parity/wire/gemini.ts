// The Gemini API wire format (POST /v1beta/models/{model}:generateContent and
// :streamGenerateContent?alt=sse): request reader, GenerateContentResponse bodies and SSE
// (`data: <json>\r\n\r\n`, one whole response per chunk) modelled on the recorded Gemini
// fixtures, Google's error bodies, and Gemini 3's thought-signature check.
import type { RecordedRequest, Reply } from "../../helpers/provider-server.js";
import { pairingProblem } from "./pairing.js";
import { promptBlock } from "./tokens.js";
import {
  deltas,
  type IdSource,
  isObject,
  list,
  type ModelTurn,
  type NeutralUsage,
  type PromptBlock,
  str,
  type WireCodec,
  type WireMessage,
  type WirePart,
  type WireView,
} from "./types.js";

type Json = Record<string, unknown>;

const ENDPOINT = /^\/v1beta\/models\/([^/:?]+):(generateContent|streamGenerateContent)(\?alt=sse)?$/;

/** The dummy signature Google documents for function calls that did not come from Gemini. */
const SKIP_SIGNATURE = "skip_thought_signature_validator";

function part(p: Json, role: "user" | "assistant"): WirePart | undefined {
  if (isObject(p.functionCall)) {
    const call = p.functionCall;
    return {
      type: "tool_call",
      ...(typeof call.id === "string" ? { id: call.id } : {}),
      name: str(call.name) ?? "",
      args: isObject(call.args) ? call.args : {},
      signature: str(p.thoughtSignature),
    };
  }
  if (isObject(p.functionResponse)) {
    const r = p.functionResponse;
    const response = isObject(r.response) ? r.response : {};
    const isError = response.error !== undefined;
    const value = isError ? response.error : "result" in response ? response.result : response;
    return {
      type: "tool_result",
      ...(typeof r.id === "string" ? { id: r.id } : {}),
      name: str(r.name),
      output: typeof value === "string" ? value : JSON.stringify(value),
      isError,
    };
  }
  if (isObject(p.inlineData)) {
    return { type: "image", base64: str(p.inlineData.data), mediaType: str(p.inlineData.mimeType) };
  }
  if (isObject(p.fileData)) {
    return { type: "image", url: str(p.fileData.fileUri), mediaType: str(p.fileData.mimeType) };
  }
  if (typeof p.text === "string") {
    if (p.thought === true) return role === "assistant" ? { type: "reasoning", text: p.text } : undefined;
    return p.text === "" ? undefined : { type: "text", text: p.text };
  }
  throw new Error("Invalid JSON payload received. Unknown name in 'contents.parts'.");
}

function read(request: RecordedRequest): WireView {
  const endpoint = ENDPOINT.exec(request.url);
  if (request.method !== "POST" || !endpoint) throw new Error(`The requested URL ${request.url} was not found.`);
  const stream = endpoint[2] === "streamGenerateContent";
  if (stream && !endpoint[3]) throw new Error("The scripted server speaks SSE only: add ?alt=sse");
  const body = request.body;
  if (!isObject(body)) throw new Error("Invalid JSON payload received.");
  const blocks: PromptBlock[] = [];
  const system = isObject(body.systemInstruction) ? list(body.systemInstruction.parts).filter(isObject) : [];
  for (const p of system) blocks.push(promptBlock("system", str(p.text) ?? "", false));
  const declarations = list(body.tools)
    .filter(isObject)
    .flatMap((t) => list(t.functionDeclarations).filter(isObject));
  for (const d of declarations) blocks.push(promptBlock("tool", d, false));
  const messages: WireMessage[] = [];
  for (const [i, content] of list(body.contents).filter(isObject).entries()) {
    const role = content.role === "model" ? "assistant" : content.role === "user" ? "user" : undefined;
    if (!role) throw new Error(`Please use a valid role: user, model. (contents[${i}])`);
    const parts = list(content.parts).filter(isObject);
    for (const p of parts) blocks.push(promptBlock(isObject(p.inlineData) ? "image" : `${role}`, p, false));
    messages.push({ role, parts: parts.flatMap((p) => part(p, role) ?? []) });
  }
  const calling =
    isObject(body.toolConfig) && isObject(body.toolConfig.functionCallingConfig)
      ? body.toolConfig.functionCallingConfig
      : {};
  const allowed = list(calling.allowedFunctionNames);
  const mode = str(calling.mode);
  const generation = isObject(body.generationConfig) ? body.generationConfig : {};
  const thinking = isObject(generation.thinkingConfig) ? generation.thinkingConfig : {};
  const key = request.headers["x-goog-api-key"];
  const schema = generation.responseJsonSchema ?? generation.responseSchema;
  return {
    provider: "gemini",
    model: decodeURIComponent(endpoint[1]),
    stream,
    apiKey:
      (Array.isArray(key) ? key[0] : key) ?? new URL(request.url, "http://x").searchParams.get("key") ?? undefined,
    system: system.map((p) => str(p.text) ?? "").join("\n\n"),
    messages,
    tools: declarations.map((d) => str(d.name) ?? ""),
    ...(mode
      ? {
          toolChoice:
            mode === "ANY" && allowed.length === 1
              ? { mode: "named" as const, name: str(allowed[0]) }
              : {
                  mode:
                    mode === "ANY" ? ("required" as const) : mode === "NONE" ? ("none" as const) : ("auto" as const),
                },
        }
      : {}),
    ...(generation.responseMimeType === "application/json" && isObject(schema) ? { responseSchema: schema } : {}),
    // Gemini 2.5+ models think unless the budget is 0; they return the thoughts only when asked.
    reasoning: thinking.thinkingBudget !== 0,
    reasoningText: thinking.includeThoughts === true,
    blocks,
    betas: [],
    body,
    headers: request.headers,
  };
}

function signature(ids: IdSource): string {
  const value = ids.next("CiQBcsjafE");
  ids.signatures.add(value);
  return value;
}

function usageOf(usage: NeutralUsage): Json {
  const reasoning = usage.reasoning ?? 0;
  return {
    promptTokenCount: usage.input,
    candidatesTokenCount: usage.output - reasoning,
    totalTokenCount: usage.input + usage.output,
    ...(usage.cacheRead ? { cachedContentTokenCount: usage.cacheRead } : {}),
    promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.input }],
    ...(usage.cacheRead ? { cacheTokensDetails: [{ modality: "TEXT", tokenCount: usage.cacheRead }] } : {}),
    ...(reasoning ? { thoughtsTokenCount: reasoning } : {}),
  };
}

function chunk(view: WireView, id: string, parts: Json[], usage: NeutralUsage, finish: boolean, calls = false): Json {
  return {
    candidates: [
      {
        content: { parts, role: "model" },
        ...(finish ? { finishReason: "STOP" } : {}),
        index: 0,
        ...(finish && calls ? { finishMessage: "Model generated function call(s)." } : {}),
      },
    ],
    usageMetadata: usageOf(usage),
    modelVersion: view.model,
    responseId: id,
  };
}

function parts(turn: ModelTurn, view: WireView, ids: IdSource): Json[] {
  const out: Json[] = [];
  if (turn.reasoning !== undefined && view.reasoningText) out.push({ text: turn.reasoning, thought: true });
  (turn.toolCalls ?? []).forEach((call, i) => {
    out.push({
      functionCall: { name: call.name, args: call.args },
      ...(i === 0 ? { thoughtSignature: signature(ids) } : {}),
    });
  });
  if (turn.text !== undefined) out.push({ text: turn.text, thoughtSignature: signature(ids) });
  return out;
}

function googleError(status: number, code: string, text: string, details: Json[] = []): Reply {
  return { status, body: { error: { code: status, message: text, status: code, details } } };
}

/** The Gemini API codec. */
export const geminiWire: WireCodec = {
  provider: "gemini",
  baseUrl: (origin) => `${origin}/v1beta`,
  read,
  validate(view, ids) {
    const problem = pairingProblem(view.messages, false);
    if (problem) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
    if (!/gemini-3/.test(view.model)) return undefined;
    for (const message of view.messages) {
      const calls = message.parts.flatMap((p) => (p.type === "tool_call" ? [p] : []));
      const first = calls[0];
      const valid = (s: string | undefined) => s === SKIP_SIGNATURE || (s !== undefined && ids.signatures.has(s));
      if (first && !valid(first.signature)) {
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${first.name}\` , position 1. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
      }
    }
    return undefined;
  },
  json(turn, usage, view, ids) {
    return chunk(view, ids.next("bH6LaZ"), parts(turn, view, ids), usage, true, (turn.toolCalls?.length ?? 0) > 0);
  },
  sse(turn, usage, view, ids) {
    const id = ids.next("bH6LaZ");
    const calls = (turn.toolCalls?.length ?? 0) > 0;
    // Counts grow chunk by chunk; the last chunk carries the full usage and the finish reason.
    const half = (n: number | undefined) => Math.floor((n ?? 0) / 2);
    const partial = { ...usage, output: Math.max(1, half(usage.output)), reasoning: half(usage.reasoning) };
    const chunks: Json[] = [];
    let textSignature: unknown;
    for (const p of parts(turn, view, ids)) {
      if (typeof p.text === "string" && p.thought !== true) {
        for (const text of deltas(p.text)) chunks.push(chunk(view, id, [{ text }], partial, false));
        textSignature = p.thoughtSignature;
      } else {
        chunks.push(chunk(view, id, [p], partial, false));
      }
    }
    // As recorded: an empty text part (carrying the text's signature) closes the stream.
    const closing = { text: "", ...(textSignature ? { thoughtSignature: textSignature } : {}) };
    chunks.push(chunk(view, id, [closing], usage, true, calls));
    return chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`);
  },
  unauthorized: () =>
    googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        locale: "en-US",
        message: "API key not valid. Please pass a valid API key.",
      },
    ]),
  rateLimited: (seconds, model) =>
    googleError(
      429,
      "RESOURCE_EXHAUSTED",
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          violations: [
            {
              quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
              quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
              quotaDimensions: { location: "global", model },
              quotaValue: "5",
            },
          ],
        },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` },
      ],
    ),
  modelNotFound: (model) =>
    googleError(
      404,
      "NOT_FOUND",
      `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    ),
  invalidRequest: (text) => googleError(400, "INVALID_ARGUMENT", text),
};
