// Slack's message text ("mrkdwn") as DOM nodes: mentions, channel links, links, *bold*, _italic_,
// ~strike~, `code`, line breaks and :emoji:. Text always goes in as text nodes, never as HTML.

/** Unicode of common emoji names (others show as :name:). */
const EMOJI = {
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  thumbsdown: "👎",
  heart: "❤️",
  smile: "😄",
  slightly_smiling_face: "🙂",
  grinning: "😀",
  joy: "😂",
  wink: "😉",
  thinking_face: "🤔",
  sob: "😭",
  tada: "🎉",
  eyes: "👀",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  warning: "⚠️",
  rocket: "🚀",
  fire: "🔥",
  pray: "🙏",
  wave: "👋",
  raised_hands: "🙌",
  clap: "👏",
  ok_hand: "👌",
  star: "⭐",
  100: "💯",
  bulb: "💡",
  question: "❓",
  robot_face: "🤖",
  coffee: "☕",
};

/** The emoji of `name` (`thumbsup`), or `:name:`. */
export function emoji(name) {
  return EMOJI[name.replace(/::skin-tone-\d$/, "")] ?? `:${name}:`;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
const decode = (text) => text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity]);

/** Inline styles: the delimiter and the element it makes. */
const STYLES = [
  ["*", "strong"],
  ["_", "em"],
  ["~", "s"],
  ["`", "code"],
];
const STYLE_PATTERN = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|`[^`\n]+`|:[a-z0-9_+'-]+:)/;

function appendStyled(parent, text) {
  for (const part of text.split(STYLE_PATTERN)) {
    if (part === "") continue;
    const style = STYLES.find(([mark]) => part.length > 2 && part.startsWith(mark) && part.endsWith(mark));
    if (style) {
      const node = document.createElement(style[1]);
      node.textContent = part.slice(1, -1);
      parent.append(node);
    } else if (/^:[a-z0-9_+'-]+:$/.test(part)) {
      parent.append(emoji(part.slice(1, -1)));
    } else {
      appendLines(parent, part);
    }
  }
}

function appendLines(parent, text) {
  text.split("\n").forEach((line, i) => {
    if (i > 0) parent.append(document.createElement("br"));
    if (line) parent.append(line);
  });
}

function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  node.textContent = text;
  return node;
}

/** The node of one `<...>` token: a mention, a channel, a special mention or a link. */
function tokenNode(inner, names) {
  const [target, label] = inner.split("|", 2);
  if (target.startsWith("@")) return span("mention", `@${label ?? names.user(target.slice(1))}`);
  if (target.startsWith("#")) return span("mention", `#${label ?? names.channel(target.slice(1))}`);
  if (target.startsWith("!")) return span("mention", `@${label ?? target.slice(1).split("^")[0]}`);
  if (/^(https?:|mailto:)/.test(target)) {
    const link = document.createElement("a");
    link.href = decode(target);
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.textContent = decode(label ?? target.replace(/^mailto:/, ""));
    return link;
  }
  return document.createTextNode(`<${decode(inner)}>`);
}

/**
 * The nodes of `text`.
 * @param names `{ user(id), channel(id) }` names for mentions without a label.
 */
export function renderMrkdwn(text, names) {
  const fragment = document.createDocumentFragment();
  for (const [i, part] of text.split(/<([^<>\n]+)>/).entries()) {
    if (i % 2 === 1) fragment.append(tokenNode(part, names));
    else appendStyled(fragment, decode(part));
  }
  return fragment;
}
