/**
 * Validation of the `messages` of a Messages API request, as strict as the API: the shape of every
 * message and content block, roles that alternate and start with `user`, non-empty content,
 * `tool_use`/`tool_result` pairing, thinking blocks with valid signatures, and the thinking block a
 * tool loop must start with when thinking is on.
 * @module
 */
import { invalidRequest } from "./errors.js";
import { verifyThinkingSignature } from "./thinking-signature.js";
import {
  type CacheMark,
  checkKeys,
  expectBoolean,
  expectChoice,
  expectList,
  expectObject,
  expectString,
  expectTag,
  fieldError,
  type Json,
  join,
  optional,
  readCacheControl,
} from "./validate.js";

/** Content block types the API knows. The twin reads text, images, documents, tools and thinking. */
export const BLOCK_TAGS: readonly string[] = (
  "text image document search_result thinking redacted_thinking tool_use tool_result server_tool_use " +
  "web_search_tool_result web_fetch_tool_result code_execution_tool_result bash_code_execution_tool_result " +
  "text_editor_code_execution_tool_result tool_search_tool_result mcp_tool_use mcp_tool_result " +
  "container_upload compaction advisor_tool_result"
).split(" ");

const TOOL_RESULT_TAGS = ["text", "image", "document", "search_result", "tool_reference"];
const IMAGE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const ROLES = ["user", "assistant", "system"] as const;

/** What the message checks need to know about the rest of the request. */
export interface MessagesCheckOptions {
  /** `thinking` is enabled (or adaptive): a tool loop must start with a thinking block. */
  thinking: boolean;
}

/** A message as the checks read it. */
type Message = { role: "user" | "assistant" | "system"; blocks: Json[]; empty: boolean };

/**
 * Checks `messages` and returns every `cache_control` mark found in it (in prompt order).
 * @throws AnthropicRequestError with the API's wording and the path of the bad field.
 */
export function checkMessages(value: unknown, options: MessagesCheckOptions): CacheMark[] {
  const list = expectList(value, "messages");
  if (list.length === 0) throw invalidRequest("messages: at least one message is required");
  const marks: CacheMark[] = [];
  const messages = list.map((item, i) => readMessage(item, `messages.${i}`, marks));
  checkRoles(messages);
  checkContent(messages);
  checkToolPairing(messages);
  checkThinking(messages, options);
  return marks;
}

function readMessage(item: unknown, at: string, marks: CacheMark[]): Message {
  const message = expectObject(item, at);
  checkKeys(message, ["role", "content"], at);
  const role = expectChoice(message.role, join(at, "role"), ROLES);
  const content = message.content;
  if (content === undefined) throw fieldError(join(at, "content"), "Field required");
  if (typeof content === "string") {
    return { role, blocks: content === "" ? [] : [{ type: "text", text: content }], empty: content === "" };
  }
  if (!Array.isArray(content)) throw fieldError(join(at, "content"), "Input should be a valid list");
  const blocks = content.map((block, j) => readBlock(block, `${at}.content.${j}`, marks));
  return { role, blocks, empty: blocks.length === 0 };
}

/** Checks one content block's shape (keys, required fields, types); collects its cache mark. */
function readBlock(value: unknown, at: string, marks: CacheMark[]): Json {
  const block = expectObject(value, at);
  const type = expectTag(block, at, BLOCK_TAGS);
  const tagged = join(at, type);
  const mark = (allowed: readonly string[]): void => {
    checkKeys(block, allowed, tagged);
    const cache = readCacheControl(block, tagged);
    if (cache) marks.push(cache);
  };
  switch (type) {
    case "text":
      mark(["type", "text", "cache_control", "citations"]);
      expectString(block.text, join(tagged, "text"));
      break;
    case "image":
      mark(["type", "source", "cache_control"]);
      checkImageSource(block.source, join(tagged, "source"));
      break;
    case "document":
      mark(["type", "source", "title", "context", "citations", "cache_control"]);
      expectObject(block.source, join(tagged, "source"));
      break;
    case "thinking":
      checkKeys(block, ["type", "thinking", "signature"], tagged);
      expectString(block.thinking, join(tagged, "thinking"));
      expectString(block.signature, join(tagged, "signature"));
      break;
    case "redacted_thinking":
      checkKeys(block, ["type", "data"], tagged);
      expectString(block.data, join(tagged, "data"));
      break;
    case "tool_use":
      mark(["type", "id", "name", "input", "cache_control", "caller"]);
      expectString(block.id, join(tagged, "id"));
      expectString(block.name, join(tagged, "name"));
      expectObject(block.input, join(tagged, "input"));
      break;
    case "tool_result":
      mark(["type", "tool_use_id", "content", "is_error", "cache_control"]);
      expectString(block.tool_use_id, join(tagged, "tool_use_id"));
      optional(block.is_error, (v) => expectBoolean(v, join(tagged, "is_error")));
      checkToolResultContent(block.content, join(tagged, "content"), marks);
      break;
    default: {
      // Server tool blocks are sent back as the API produced them; only their marks count.
      const cache = readCacheControl(block, tagged);
      if (cache) marks.push(cache);
    }
  }
  return block;
}

function checkImageSource(value: unknown, at: string): void {
  const source = expectObject(value, at);
  const kind = expectTag(source, at, ["base64", "url", "file"]);
  const tagged = join(at, kind);
  if (kind === "base64") {
    checkKeys(source, ["type", "media_type", "data"], tagged);
    expectChoice(source.media_type, join(tagged, "media_type"), IMAGE_MEDIA_TYPES);
    expectString(source.data, join(tagged, "data"));
  } else if (kind === "url") {
    checkKeys(source, ["type", "url"], tagged);
    expectString(source.url, join(tagged, "url"));
  } else {
    checkKeys(source, ["type", "file_id"], tagged);
    expectString(source.file_id, join(tagged, "file_id"));
  }
}

function checkToolResultContent(value: unknown, at: string, marks: CacheMark[]): void {
  if (value === undefined || typeof value === "string") return;
  const parts = expectList(value, at);
  parts.forEach((part, k) => {
    const block = expectObject(part, `${at}.${k}`);
    const type = expectTag(block, `${at}.${k}`, TOOL_RESULT_TAGS);
    if (type === "text") expectString(block.text, `${at}.${k}.text.text`);
    if (type === "image") checkImageSource(block.source, `${at}.${k}.image.source`);
    const cache = readCacheControl(block, `${at}.${k}.${type}`);
    if (cache) marks.push(cache);
  });
}

/** Roles alternate (system messages aside) and the conversation starts with `user`. */
function checkRoles(messages: Message[]): void {
  let previous: "user" | "assistant" | undefined;
  for (const message of messages) {
    if (message.role === "system") continue;
    if (previous === undefined && message.role !== "user") {
      throw invalidRequest('messages: first message must use the "user" role');
    }
    if (previous === message.role) {
      throw invalidRequest(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`,
      );
    }
    previous = message.role;
  }
}

/** Non-empty messages and text blocks; a final assistant message (prefill) without trailing whitespace. */
function checkContent(messages: Message[]): void {
  const last = messages.length - 1;
  messages.forEach((message, i) => {
    if (message.empty && !(i === last && message.role === "assistant")) {
      throw invalidRequest(
        `messages.${i}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    for (const block of message.blocks) {
      if (block.type !== "text") continue;
      if (block.text === "") throw invalidRequest("messages: text content blocks must be non-empty");
      if (String(block.text).trim() === "") {
        throw invalidRequest("messages: text content blocks must contain non-whitespace text");
      }
    }
    const role = message.role;
    const misplaced = message.blocks.findIndex((b) =>
      role === "assistant" ? b.type === "tool_result" : b.type === "tool_use" || b.type === "thinking",
    );
    if (misplaced >= 0 && role !== "system") {
      const type = String(message.blocks[misplaced].type);
      throw invalidRequest(
        `messages.${i}.content.${misplaced}: \`${type}\` blocks can only be in \`${role === "assistant" ? "user" : "assistant"}\` messages`,
      );
    }
  });
  const final = messages[last];
  const tail = final.blocks.at(-1);
  if (final.role === "assistant" && tail?.type === "text" && /\s$/.test(String(tail.text))) {
    throw invalidRequest("messages: final assistant content cannot end with trailing whitespace");
  }
}

/** Indexes of the user/assistant messages (system messages do not break a tool call and its result). */
function turns(messages: Message[]): number[] {
  return messages.flatMap((m, i) => (m.role === "system" ? [] : [i]));
}

/** Every `tool_result` answers a `tool_use` of the previous message; every `tool_use` is answered in the next. */
function checkToolPairing(messages: Message[]): void {
  const order = turns(messages);
  const seen = new Set<string>();
  order.forEach((i, n) => {
    const message = messages[i];
    const previous = n > 0 ? messages[order[n - 1]] : undefined;
    const next = n + 1 < order.length ? messages[order[n + 1]] : undefined;
    if (message.role === "user") {
      const offered = new Set(
        (previous?.role === "assistant" ? previous.blocks : [])
          .filter((b) => b.type === "tool_use")
          .map((b) => String(b.id)),
      );
      message.blocks.forEach((block, j) => {
        if (block.type === "tool_result" && !offered.has(String(block.tool_use_id))) {
          throw invalidRequest(
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      });
      return;
    }
    const uses = message.blocks.flatMap((b, j) => (b.type === "tool_use" ? [{ id: String(b.id), j }] : []));
    for (const { id, j } of uses) {
      if (seen.has(id)) throw invalidRequest(`messages.${i}.content.${j}: \`tool_use\` ids must be unique`);
      seen.add(id);
    }
    if (uses.length === 0 || next === undefined) return;
    const answered = new Set(next.blocks.filter((b) => b.type === "tool_result").map((b) => String(b.tool_use_id)));
    const missing = uses.filter((u) => !answered.has(u.id)).map((u) => u.id);
    if (missing.length > 0) {
      throw invalidRequest(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  });
}

/**
 * Thinking blocks must carry a signature the twin made for that text; with thinking on, the
 * assistant message of a trailing tool loop must start with a thinking block.
 */
function checkThinking(messages: Message[], options: MessagesCheckOptions): void {
  messages.forEach((message, i) => {
    message.blocks.forEach((block, j) => {
      if (block.type === "thinking") {
        const vouched = verifyThinkingSignature(String(block.signature));
        if (vouched === undefined || (block.thinking !== "" && block.thinking !== vouched)) {
          throw invalidRequest(`messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
        }
      } else if (block.type === "redacted_thinking" && verifyThinkingSignature(String(block.data)) === undefined) {
        throw invalidRequest(`messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
    });
  });
  if (!options.thinking) return;
  const order = turns(messages);
  const lastIndex = order.at(-1);
  const last = lastIndex === undefined ? undefined : messages[lastIndex];
  if (last?.role !== "user" || !last.blocks.some((b) => b.type === "tool_result")) return;
  const assistantIndex = order.at(-2);
  if (assistantIndex === undefined) return;
  const first = messages[assistantIndex].blocks[0];
  if (first && first.type !== "thinking" && first.type !== "redacted_thinking") {
    throw invalidRequest(
      `messages.${assistantIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
    );
  }
}
