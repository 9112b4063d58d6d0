// DOM builders of the page: sidebar entries, messages (avatar or initials, name, time, text,
// reactions, thread summary, hover actions; blocks with buttons and selects in blocks.js) and
// system notices. Text goes in as text nodes.
import { messageBlocks } from "./blocks.js";
import { emoji, renderMrkdwn } from "./mrkdwn.js";

/** Reactions offered on hover, in order. */
export const QUICK_REACTIONS = ["+1", "heart", "joy", "eyes", "tada", "white_check_mark"];

/** Messages by the same author closer than this are grouped under one header, in seconds. */
const GROUP_SECONDS = 300;

/** Subtypes shown as a one-line notice. */
const NOTICE_SUBTYPES = new Set([
  "channel_join",
  "channel_leave",
  "channel_topic",
  "channel_purpose",
  "channel_name",
  "channel_archive",
  "channel_unarchive",
]);

/** An element with a class and text content. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The name shown for a user object. */
export function displayName(user) {
  if (!user) return "unknown";
  return user.profile?.display_name || user.real_name || user.name;
}

/** Initials of a name: "Alice Example" → "AE", "twinbot" → "T". */
function initials(name) {
  const words = name.split(/[\s._-]+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join("");
}

/** A square avatar with initials on the user's colour. */
export function avatar(name, color, size = "") {
  const node = el("span", `avatar ${size}`.trim(), initials(name));
  node.style.backgroundColor = `#${color || "7c5c8a"}`;
  node.setAttribute("aria-hidden", "true");
  return node;
}

function clock(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
}

/**
 * One sidebar entry.
 * @param entry `{ id, label, unread, active, muted, prefix, onClick }`
 */
export function sidebarItem(entry) {
  const item = el("li", "conversation");
  const button = el("button", "conversation-button");
  button.type = "button";
  button.dataset.id = entry.id;
  if (entry.active) button.classList.add("active");
  if (entry.unread > 0) button.classList.add("unread");
  if (entry.muted) button.classList.add("muted");
  button.append(el("span", "prefix", entry.prefix), el("span", "label", entry.label));
  if (entry.unread > 0) button.append(el("span", "badge", String(entry.unread)));
  button.addEventListener("click", entry.onClick);
  item.append(button);
  return item;
}

/** Who wrote a message: a user object, and the name and colour to show. */
function authorOf(message, ctx) {
  const user = ctx.users.get(message.user);
  const name = message.username || message.bot_profile?.name || displayName(user);
  return { name, color: user?.color, isBot: Boolean(message.bot_id || user?.is_bot) };
}

/**
 * The list items of `messages` (oldest first).
 * @param ctx `{ users: Map, names, me, onReact(message, name), onThread(message), onAction(message, action),
 *   inThread }`
 */
export function messageItems(messages, ctx) {
  const items = [];
  let previous;
  for (const message of messages) {
    items.push(messageItem(message, previous, ctx));
    previous = message;
  }
  return items;
}

function messageItem(message, previous, ctx) {
  const author = authorOf(message, ctx);
  if (NOTICE_SUBTYPES.has(message.subtype)) {
    const item = el("li", "message notice");
    item.dataset.ts = message.ts;
    const text = message.text.replace(/^<@[A-Z0-9]+>\s*/, "");
    item.append(el("span", "notice-author", author.name), " ", renderMrkdwn(text, ctx.names));
    return item;
  }
  const grouped =
    previous &&
    !message.is_ephemeral &&
    !previous.is_ephemeral &&
    !NOTICE_SUBTYPES.has(previous.subtype) &&
    previous.user === message.user &&
    previous.username === message.username &&
    Number(message.ts) - Number(previous.ts) < GROUP_SECONDS &&
    !(previous.reply_count > 0 && !ctx.inThread);
  const item = el("li", grouped ? "message grouped" : "message");
  item.dataset.ts = message.ts;
  if (message.is_ephemeral) item.classList.add("ephemeral");
  const gutter = el("div", "gutter");
  if (grouped) gutter.append(el("time", "hover-time", clock(message.ts)));
  else gutter.append(avatar(author.name, author.color));
  const body = el("div", "body");
  if (!grouped) {
    const header = el("div", "message-header");
    header.append(el("span", "author", author.name));
    if (author.isBot) header.append(el("span", "app-badge", "APP"));
    header.append(el("time", "time", clock(message.ts)));
    if (message.is_ephemeral) header.append(el("span", "only-you", "Only visible to you"));
    body.append(header);
  }
  const text = el("div", message.subtype === "tombstone" ? "text dim" : "text");
  // Blocks are shown instead of the text (then only a fallback), as Slack does, when the page can show them.
  const blocks = message.blocks?.length ? messageBlocks(message, ctx) : undefined;
  text.append(blocks ?? renderMrkdwn(message.text, ctx.names));
  if (message.edited) text.append(el("span", "edited", " (edited)"));
  body.append(text);
  for (const file of message.files ?? []) body.append(el("div", "file", `📄 ${file.name}`));
  if (message.reactions?.length) body.append(reactionBar(message, ctx));
  if (message.reply_count > 0 && !ctx.inThread) body.append(threadSummary(message, ctx));
  // Ephemeral messages take no reactions or replies, as in Slack.
  item.append(gutter, body, ...(message.is_ephemeral ? [] : [actions(message, ctx)]));
  return item;
}

function reactionBar(message, ctx) {
  const bar = el("div", "reactions");
  for (const reaction of message.reactions) {
    const pill = el("button", reaction.users.includes(ctx.me) ? "reaction mine" : "reaction");
    pill.type = "button";
    pill.dataset.name = reaction.name;
    pill.title = `:${reaction.name}: by ${reaction.users.map((id) => ctx.names.user(id)).join(", ")}`;
    pill.append(el("span", "emoji", emoji(reaction.name)), el("span", "count", String(reaction.count)));
    pill.addEventListener("click", () => ctx.onReact(message, reaction.name));
    bar.append(pill);
  }
  return bar;
}

function threadSummary(message, ctx) {
  const summary = el("button", "thread-summary");
  summary.type = "button";
  for (const id of (message.reply_users ?? []).slice(0, 3)) {
    const user = ctx.users.get(id);
    summary.append(avatar(displayName(user), user?.color, "small"));
  }
  const count = message.reply_count;
  summary.append(el("span", "replies", `${count} ${count === 1 ? "reply" : "replies"}`));
  summary.append(el("span", "last-reply", `Last reply ${clock(message.latest_reply)}`));
  summary.addEventListener("click", () => ctx.onThread(message));
  return summary;
}

function actions(message, ctx) {
  const bar = el("div", "actions");
  for (const name of QUICK_REACTIONS) {
    const button = el("button", "action", emoji(name));
    button.type = "button";
    button.title = `React with :${name}:`;
    button.setAttribute("aria-label", `React with ${name}`);
    button.addEventListener("click", () => ctx.onReact(message, name));
    bar.append(button);
  }
  if (!ctx.inThread) {
    const reply = el("button", "action", "💬");
    reply.type = "button";
    reply.title = "Reply in thread";
    reply.setAttribute("aria-label", "Reply in thread");
    reply.addEventListener("click", () => ctx.onThread(message));
    bar.append(reply);
  }
  return bar;
}
