/**
 * The proto messages of `generateContent`, `countTokens`, `embedContent` and `batchEmbedContents`
 * request bodies (Gemini API v1beta),
 * as {@link MessageSpec}s for `readProtoJson`: every field the API knows, so that anything else is
 * an `Unknown name` error as on the real API.
 * @module
 */
import type { FieldSpec, FieldType, MessageSpec } from "./proto-json.js";

const s: FieldSpec = { type: "string" };
const b: FieldSpec = { type: "bool" };
const i32: FieldSpec = { type: "int32" };
const i64: FieldSpec = { type: "int64" };
const f: FieldSpec = { type: "float" };
const d: FieldSpec = { type: "double" };
const struct: FieldSpec = { type: "struct" };
const value: FieldSpec = { type: "value" };
const strings: FieldSpec = { type: "string", repeated: true };
const msg = (spec: () => MessageSpec, repeated = false): FieldSpec => ({ type: { message: spec }, repeated });
const enumOf = (name: string, values: readonly string[], repeated = false): FieldSpec => ({
  type: { enum: name, values } as FieldType,
  repeated,
});

/** `Type` of an OpenAPI `Schema`. */
export const SCHEMA_TYPES = ["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"];

/** `ThinkingConfig.ThinkingLevel`. */
export const THINKING_LEVELS = ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"];

/** `FunctionCallingConfig.Mode`. */
export const FUNCTION_CALLING_MODES = ["MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"];

const HARM_CATEGORIES = [
  "HARM_CATEGORY_UNSPECIFIED",
  "HARM_CATEGORY_DEROGATORY",
  "HARM_CATEGORY_TOXICITY",
  "HARM_CATEGORY_VIOLENCE",
  "HARM_CATEGORY_SEXUAL",
  "HARM_CATEGORY_MEDICAL",
  "HARM_CATEGORY_DANGEROUS",
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
  "HARM_CATEGORY_CIVIC_INTEGRITY",
];
const THRESHOLDS = [
  "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
  "BLOCK_LOW_AND_ABOVE",
  "BLOCK_MEDIUM_AND_ABOVE",
  "BLOCK_ONLY_HIGH",
  "BLOCK_NONE",
  "OFF",
];
const MODALITIES = ["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO"];
const MEDIA_RESOLUTIONS = [
  "MEDIA_RESOLUTION_UNSPECIFIED",
  "MEDIA_RESOLUTION_LOW",
  "MEDIA_RESOLUTION_MEDIUM",
  "MEDIA_RESOLUTION_HIGH",
];

/** The OpenAPI-style `Schema` (`parameters`, `responseSchema`). */
export const SchemaSpec: MessageSpec = {
  name: "Schema",
  fields: {
    type: enumOf("Type", SCHEMA_TYPES),
    format: s,
    title: s,
    description: s,
    nullable: b,
    enum: strings,
    maxItems: i64,
    minItems: i64,
    properties: { type: { map: { message: () => SchemaSpec } } },
    required: strings,
    minProperties: i64,
    maxProperties: i64,
    minLength: i64,
    maxLength: i64,
    pattern: s,
    example: value,
    anyOf: msg(() => SchemaSpec, true),
    propertyOrdering: strings,
    default: value,
    items: msg(() => SchemaSpec),
    minimum: d,
    maximum: d,
  },
};

const BlobSpec: MessageSpec = { name: "Blob", fields: { mimeType: s, data: { type: "bytes" } } };
const FileDataSpec: MessageSpec = { name: "FileData", fields: { mimeType: s, fileUri: s } };
const FunctionCallSpec: MessageSpec = { name: "FunctionCall", fields: { id: s, name: s, args: struct } };
const FunctionResponseSpec: MessageSpec = {
  name: "FunctionResponse",
  fields: {
    id: s,
    name: s,
    response: struct,
    parts: { type: "value", repeated: true },
    willContinue: b,
    scheduling: enumOf("FunctionResponse.Scheduling", ["SCHEDULING_UNSPECIFIED", "SILENT", "WHEN_IDLE", "INTERRUPT"]),
  },
};
const ExecutableCodeSpec: MessageSpec = {
  name: "ExecutableCode",
  fields: { language: enumOf("ExecutableCode.Language", ["LANGUAGE_UNSPECIFIED", "PYTHON"]), code: s },
};
const CodeExecutionResultSpec: MessageSpec = {
  name: "CodeExecutionResult",
  fields: {
    outcome: enumOf("CodeExecutionResult.Outcome", [
      "OUTCOME_UNSPECIFIED",
      "OUTCOME_OK",
      "OUTCOME_FAILED",
      "OUTCOME_DEADLINE_EXCEEDED",
    ]),
    output: s,
  },
};
const VideoMetadataSpec: MessageSpec = { name: "VideoMetadata", fields: { startOffset: s, endOffset: s, fps: d } };

/** `Part`: one of text, inlineData, fileData, functionCall, functionResponse, executableCode, codeExecutionResult. */
export const PartSpec: MessageSpec = {
  name: "Part",
  fields: {
    text: s,
    inlineData: msg(() => BlobSpec),
    fileData: msg(() => FileDataSpec),
    functionCall: msg(() => FunctionCallSpec),
    functionResponse: msg(() => FunctionResponseSpec),
    executableCode: msg(() => ExecutableCodeSpec),
    codeExecutionResult: msg(() => CodeExecutionResultSpec),
    thought: b,
    thoughtSignature: { type: "bytes" },
    videoMetadata: msg(() => VideoMetadataSpec),
    partMetadata: struct,
    mediaResolution: struct,
  },
};

/** The parts that fill `Part`'s `data` oneof. */
export const PART_DATA_FIELDS = [
  "text",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
  "executableCode",
  "codeExecutionResult",
] as const;

/** `Content`: a role and parts. */
export const ContentSpec: MessageSpec = { name: "Content", fields: { role: s, parts: msg(() => PartSpec, true) } };

const FunctionDeclarationSpec: MessageSpec = {
  name: "FunctionDeclaration",
  fields: {
    name: s,
    description: s,
    parameters: msg(() => SchemaSpec),
    parametersJsonSchema: value,
    response: msg(() => SchemaSpec),
    responseJsonSchema: value,
    behavior: enumOf("FunctionDeclaration.Behavior", ["UNSPECIFIED", "BLOCKING", "NON_BLOCKING"]),
  },
};

const ToolSpec: MessageSpec = {
  name: "Tool",
  fields: {
    functionDeclarations: msg(() => FunctionDeclarationSpec, true),
    googleSearchRetrieval: struct,
    codeExecution: struct,
    googleSearch: struct,
    computerUse: struct,
    urlContext: struct,
    fileSearch: struct,
    googleMaps: struct,
    mcpServers: { type: "struct", repeated: true },
  },
};

const ToolConfigSpec: MessageSpec = {
  name: "ToolConfig",
  fields: {
    functionCallingConfig: msg(() => ({
      name: "FunctionCallingConfig",
      fields: { mode: enumOf("FunctionCallingConfig.Mode", FUNCTION_CALLING_MODES), allowedFunctionNames: strings },
    })),
    retrievalConfig: struct,
    includeServerSideToolInvocations: b,
  },
};

const SafetySettingSpec: MessageSpec = {
  name: "SafetySetting",
  fields: {
    category: enumOf("HarmCategory", HARM_CATEGORIES),
    threshold: enumOf("SafetySetting.HarmBlockThreshold", THRESHOLDS),
  },
};

/** `GenerationConfig.thinkingConfig`. */
export const ThinkingConfigSpec: MessageSpec = {
  name: "ThinkingConfig",
  fields: {
    includeThoughts: b,
    thinkingBudget: i32,
    thinkingLevel: enumOf("ThinkingConfig.ThinkingLevel", THINKING_LEVELS),
  },
};

const GenerationConfigSpec: MessageSpec = {
  name: "GenerationConfig",
  fields: {
    candidateCount: i32,
    stopSequences: strings,
    maxOutputTokens: i32,
    temperature: f,
    topP: f,
    topK: i32,
    seed: i32,
    presencePenalty: f,
    frequencyPenalty: f,
    responseLogprobs: b,
    logprobs: i32,
    enableEnhancedCivicAnswers: b,
    responseMimeType: s,
    responseSchema: msg(() => SchemaSpec),
    responseJsonSchema: value,
    responseModalities: enumOf("GenerationConfig.Modality", MODALITIES, true),
    speechConfig: struct,
    thinkingConfig: msg(() => ThinkingConfigSpec),
    imageConfig: struct,
    mediaResolution: enumOf("MediaResolution", MEDIA_RESOLUTIONS),
  },
};

/** The body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export const GenerateContentRequestSpec: MessageSpec = {
  name: "GenerateContentRequest",
  fields: {
    model: s,
    contents: msg(() => ContentSpec, true),
    systemInstruction: msg(() => ContentSpec),
    tools: msg(() => ToolSpec, true),
    toolConfig: msg(() => ToolConfigSpec),
    safetySettings: msg(() => SafetySettingSpec, true),
    generationConfig: msg(() => GenerationConfigSpec),
    cachedContent: s,
    serviceTier: s,
    store: b,
    labels: { type: { map: "string" } },
    continuationToken: s,
  },
};

/** `TaskType` of an embedding request. */
const TASK_TYPES = [
  "TASK_TYPE_UNSPECIFIED",
  "RETRIEVAL_QUERY",
  "RETRIEVAL_DOCUMENT",
  "SEMANTIC_SIMILARITY",
  "CLASSIFICATION",
  "CLUSTERING",
  "QUESTION_ANSWERING",
  "FACT_VERIFICATION",
  "CODE_RETRIEVAL_QUERY",
];

/** The body of `models/{model}:embedContent` (and each request of `batchEmbedContents`). */
export const EmbedContentRequestSpec: MessageSpec = {
  name: "EmbedContentRequest",
  fields: {
    model: s,
    content: msg(() => ContentSpec),
    taskType: enumOf("TaskType", TASK_TYPES),
    title: s,
    outputDimensionality: i32,
  },
};

/** The body of `models/{model}:batchEmbedContents`. */
export const BatchEmbedContentsRequestSpec: MessageSpec = {
  name: "BatchEmbedContentsRequest",
  fields: { requests: msg(() => EmbedContentRequestSpec, true) },
};

/** The body of `models/{model}:countTokens`. */
export const CountTokensRequestSpec: MessageSpec = {
  name: "CountTokensRequest",
  fields: { contents: msg(() => ContentSpec, true), generateContentRequest: msg(() => GenerateContentRequestSpec) },
};
