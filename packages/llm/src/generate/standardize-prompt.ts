/**
 * Prompt standardization (unified-llm-spec §4.3): `prompt` or `messages`, never both, with
 * `system` prepended.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";
import { Message } from "../types/message.js";
import type { GenerateOptions } from "./types.js";

/**
 * The initial conversation of a high-level call: `system` (if any) as a system message, then
 * `prompt` as one user message or a copy of `messages`.
 * @throws ConfigurationError when both `prompt` and `messages` are given, or neither.
 */
export function standardizePrompt(options: Pick<GenerateOptions, "prompt" | "messages" | "system">): Message[] {
  const { prompt, messages, system } = options;
  if (prompt !== undefined && messages !== undefined) {
    throw new ConfigurationError({
      message: "give either prompt or messages, not both: put the prompt in messages as a user message instead",
    });
  }
  if (prompt === undefined && messages === undefined) {
    throw new ConfigurationError({ message: "give a prompt (a string) or messages (a conversation)" });
  }
  const conversation: Message[] = system !== undefined ? [Message.system(system)] : [];
  if (prompt !== undefined) conversation.push(Message.user(prompt));
  else conversation.push(...(messages ?? []));
  return conversation;
}
