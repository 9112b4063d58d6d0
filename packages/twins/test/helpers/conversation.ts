// Builds neutral Conversations for kit tests without a provider.
import type { Conversation, ConversationMessage } from "../../src/kit/conversation.js";

/** A conversation with defaults (model `gpt-5-mini`, no tools, text format). */
export function conversation(messages: ConversationMessage[], over: Partial<Conversation> = {}): Conversation {
  return {
    model: "gpt-5-mini",
    system: "",
    messages,
    tools: [],
    toolChoice: { mode: "auto" },
    responseFormat: { type: "text" },
    stream: false,
    promptBlocks: [],
    ...over,
  };
}

/** A user message with `text`. */
export const user = (text: string): ConversationMessage => ({ role: "user", parts: [{ type: "text", text }] });

/** An assistant message calling `name` with id `id`. */
export const toolCall = (id: string, name: string): ConversationMessage => ({
  role: "assistant",
  parts: [{ type: "tool_call", id, name, arguments: "{}" }],
});

/** A user message carrying the result of call `callId`. */
export const toolResult = (callId: string, output: string): ConversationMessage => ({
  role: "user",
  parts: [{ type: "tool_result", callId, output }],
});
