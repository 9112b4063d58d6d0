/**
 * History → unified-llm messages (coding-agent-loop-spec §2.5 `convert_history_to_messages`, §2.6),
 * and the counts the loop needs (turns, approximate size).
 * @module
 */
import type { ContentPart, Message } from "@darkfactory/llm";
import { Message as Msg } from "@darkfactory/llm";
import type { AssistantTurn, Turn } from "./types.js";

/**
 * The conversation as LLM messages, in order: user and steering turns as user messages (§2.6),
 * system turns as system messages, assistant turns as the provider's own message (thinking with
 * signatures, reasoning items and tool-call metadata intact), and each tool result as a tool
 * message naming its tool. Pure; the system prompt is not included.
 */
export function convertHistoryToMessages(history: readonly Turn[]): Message[] {
  const messages: Message[] = [];
  for (const turn of history) {
    switch (turn.kind) {
      case "user":
      case "steering":
        messages.push(Msg.user(turn.content));
        break;
      case "system":
        messages.push(Msg.system(turn.content));
        break;
      case "assistant":
        messages.push(assistantMessage(turn));
        break;
      case "tool_results":
        for (const result of turn.results) {
          messages.push(
            Msg.toolResult({
              toolCallId: result.toolCallId,
              content: result.content,
              isError: result.isError,
              name: result.toolName,
            }),
          );
        }
        break;
      default: {
        const never: never = turn;
        throw new Error(`unknown turn ${JSON.stringify(never)}`);
      }
    }
  }
  return messages;
}

function assistantMessage(turn: AssistantTurn): Message {
  if (turn.message.content.length > 0) return { role: "assistant", content: [...turn.message.content] };
  // A turn built by hand (no provider message): rebuild it from the spec fields.
  const content: ContentPart[] = [];
  if (turn.content !== "") content.push({ kind: "text", text: turn.content });
  for (const call of turn.toolCalls) {
    content.push({
      kind: "tool_call",
      toolCall: {
        id: call.id,
        name: call.name,
        arguments: call.arguments,
        ...(call.providerMetadata ? { providerMetadata: call.providerMetadata } : {}),
      },
    });
  }
  return { role: "assistant", content };
}

/** §2.5 `count_turns`: the assistant turns (LLM responses) in `history`. */
export function countTurns(history: readonly Turn[]): number {
  let n = 0;
  for (const turn of history) if (turn.kind === "assistant") n++;
  return n;
}

/** §5.5 `total_chars_in_history`: characters of every text, argument, reasoning and result. */
export function totalCharsInHistory(history: readonly Turn[]): number {
  let chars = 0;
  for (const turn of history) {
    switch (turn.kind) {
      case "assistant":
        chars += turn.content.length + (turn.reasoning?.length ?? 0);
        for (const call of turn.toolCalls) chars += call.name.length + JSON.stringify(call.arguments).length;
        break;
      case "tool_results":
        for (const r of turn.results)
          chars += typeof r.content === "string" ? r.content.length : JSON.stringify(r.content).length;
        break;
      default:
        chars += turn.content.length;
    }
  }
  return chars;
}
