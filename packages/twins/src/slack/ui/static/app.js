// The Slack twin's page: the sidebar (channels and DMs with unread counts), the open conversation
// and its thread, the person the page acts as, the modal an app opened for them, and live reloads
// driven by the twin's change feed.
import { followFeed, TwinApi } from "./api.js";
import { modalDialog } from "./blocks.js";
import { displayName, el, messageItems, sidebarItem } from "./render.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const page = {
  api: new TwinApi(params.get("as") ?? undefined),
  workspace: undefined,
  users: new Map(),
  /** The open conversation's id. */
  channel: params.get("channel") ?? undefined,
  /** The open thread's root ts. */
  thread: undefined,
  /**
   * The modal shown: its id and hash, what the person entered (`state.values`) and the app's
   * errors for its blocks (`response_action: "errors"`), by block id.
   */
  modal: undefined,
};

const names = {
  user: (id) => displayName(page.users.get(id)),
  channel: (id) => page.workspace?.channels.find((c) => c.id === id)?.name ?? id,
};

const current = () => page.workspace?.channels.find((c) => c.id === page.channel);
const isMember = (c) => c.is_im || c.members.includes(page.workspace.me);

function label(c) {
  const me = page.workspace.me;
  if (c.is_im) return c.user === me ? `${names.user(me)} (you)` : names.user(c.user);
  if (c.is_mpim)
    return c.members
      .filter((m) => m !== me)
      .map(names.user)
      .join(", ");
  return c.name;
}

/** Runs `task` once at a time; a request while it runs makes it run once more after. */
function serial(task) {
  let running;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task().catch(showError);
      } while (again);
    })();
    await running;
    running = undefined;
  };
  return run;
}

function showError(error) {
  const note = $("error") ?? el("div", "error");
  note.id = "error";
  note.textContent = `⚠ ${error.message ?? error}`;
  document.body.append(note);
  setTimeout(() => note.remove(), 4000);
}

const reloadWorkspace = serial(async () => {
  const workspace = await page.api.get("workspace");
  page.workspace = workspace;
  page.users = new Map(workspace.users.map((u) => [u.id, u]));
  if (!current()) page.channel = (workspace.channels.find((c) => c.is_general) ?? workspace.channels[0])?.id;
  renderViewer();
  renderSidebar();
  renderHeader();
});

function renderViewer() {
  const { people, me } = page.workspace;
  const options = people.map((id) => {
    const option = el("option", "", displayName(page.users.get(id)));
    option.value = page.users.get(id).name;
    option.selected = id === me;
    return option;
  });
  $("viewer").replaceChildren(...options);
  $("team-name").textContent = page.workspace.team.name;
}

function renderSidebar() {
  const { channels, users, me } = page.workspace;
  const byLabel = (a, b) => label(a).localeCompare(label(b));
  const entry = (c, prefix, onClick) =>
    sidebarItem({
      id: c.id,
      label: label(c),
      prefix,
      unread: c.id === page.channel ? 0 : (c.unread_count_display ?? 0),
      active: c.id === page.channel,
      muted: !isMember(c),
      onClick,
    });
  const rooms = channels.filter((c) => c.is_channel).sort(byLabel);
  $("channels").replaceChildren(...rooms.map((c) => entry(c, c.is_private ? "🔒" : "#", () => select(c.id))));
  const dms = channels.filter((c) => c.is_im || c.is_mpim).sort(byLabel);
  const partners = new Set(dms.filter((c) => c.is_im).map((c) => c.user));
  const others = users.filter((u) => !u.deleted && !partners.has(u.id) && u.id !== me);
  $("dms").replaceChildren(
    ...dms.map((c) => entry(c, c.is_im ? "●" : "◆", () => (c.is_im ? openDm(c.user) : select(c.id)))),
    ...others.map((u) =>
      sidebarItem({
        id: u.id,
        label: displayName(u),
        prefix: "○",
        unread: 0,
        muted: true,
        onClick: () => openDm(u.id),
      }),
    ),
  );
}

function renderHeader() {
  const c = current();
  if (!c) return;
  $("channel-title").textContent = c.is_channel ? `${c.is_private ? "🔒" : "#"} ${c.name}` : label(c);
  $("channel-topic").textContent = c.topic?.value ?? "";
  $("composer-text").placeholder = `Message ${c.is_channel ? `#${c.name}` : label(c)}`;
  const joinable = !isMember(c);
  $("composer").hidden = joinable;
  $("join").hidden = !joinable;
  $("join-text").textContent = `You are viewing #${c.name}.`;
}

function context(inThread) {
  return {
    users: page.users,
    names,
    me: page.workspace.me,
    inThread,
    onReact: (message, name) =>
      page.api.post("react", { channel: page.channel, ts: message.ts, name }).catch(showError),
    onThread: (message) => openThread(message.thread_ts ?? message.ts),
    onAction: (message, action) =>
      page.api.post("action", { channel: page.channel, ts: message.ts, ...action }).catch(showError),
  };
}

/** Shows the modal on top of this person's stack (an app opened it), or none. */
const reloadModal = serial(async () => {
  const { view } = await page.api.get("modal");
  if (!view) {
    page.modal = undefined;
    $("modal-root").replaceChildren();
    return;
  }
  // What was entered and the app's errors stay while the same view is shown (until it changes).
  const kept = page.modal?.id === view.id && page.modal.hash === view.hash ? page.modal : undefined;
  page.modal = { id: view.id, hash: view.hash, values: kept?.values ?? {}, errors: kept?.errors ?? {} };
  const submit = async (values) => {
    page.modal.values = values;
    const answer = await page.api.post("view-submit", { view_id: view.id, values }).catch(showError);
    page.modal.errors = answer?.outcome === "errors" ? answer.errors : {};
    await reloadModal();
  };
  const close = () => page.api.post("view-close", { view_id: view.id }).catch(showError);
  const { values, errors } = page.modal;
  $("modal-root").replaceChildren(modalDialog(view, { names, values, errors, onSubmit: submit, onClose: close }));
});

/** Replaces a list's items, keeping it scrolled to the bottom when it was there. */
function fill(list, items) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...items);
  if (atBottom || list.dataset.fresh) list.scrollTop = list.scrollHeight;
  delete list.dataset.fresh;
}

const reloadHistory = serial(async () => {
  const channel = page.channel;
  if (!channel) return;
  const { messages, ephemerals } = await page.api.get("history", { channel });
  if (channel !== page.channel) return;
  const shown = [...messages, ...(ephemerals ?? [])].sort((a, b) => Number(a.ts) - Number(b.ts));
  fill($("messages"), messageItems(shown, context(false)));
  const c = current();
  const last = messages.at(-1);
  if (c && last && isMember(c) && (c.last_read ?? "0") < last.ts) {
    c.last_read = last.ts;
    await page.api.post("mark", { channel, ts: last.ts });
  }
});

const reloadThread = serial(async () => {
  if (!page.thread) return;
  const { messages } = await page.api.get("replies", { channel: page.channel, ts: page.thread });
  fill($("thread-messages"), messageItems(messages, context(true)));
});

async function select(channel) {
  page.channel = channel;
  closeThread();
  params.set("channel", channel);
  history.replaceState(null, "", `?${params}`);
  $("messages").dataset.fresh = "1";
  renderSidebar();
  renderHeader();
  await reloadHistory();
}

async function openDm(user) {
  try {
    const { channel } = await page.api.post("open", { user });
    page.channel = channel;
    await reloadWorkspace();
    await select(channel);
  } catch (error) {
    showError(error);
  }
}

function openThread(ts) {
  page.thread = ts;
  $("thread").hidden = false;
  $("thread-channel").textContent = current()?.is_channel ? `#${current().name}` : "";
  $("thread-messages").dataset.fresh = "1";
  void reloadThread();
}

function closeThread() {
  page.thread = undefined;
  $("thread").hidden = true;
}

/** Text as Slack clients send it: `&`, `<` and `>` escaped (the rest is mrkdwn). */
const escapeText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Sends a composer's text on submit (Enter; Shift+Enter for a new line); in the channel composer,
 * `/command text` runs a slash command.
 */
function composer(form, textarea, extra) {
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    textarea.value = "";
    try {
      const thread = extra();
      if (text.startsWith("/") && !thread.thread_ts) await page.api.post("command", { channel: page.channel, text });
      else await page.api.post("post", { channel: page.channel, text: escapeText(text), ...thread });
    } catch (error) {
      textarea.value = text;
      showError(error);
    }
  });
}

function onNote(note) {
  if (note.type === "reset") {
    closeThread();
    void reloadWorkspace().then(reloadHistory);
    return;
  }
  if (note.type === "ephemeral") {
    if (note.user === page.workspace?.me && note.channel === page.channel) void reloadHistory();
    return;
  }
  if (note.type === "view") {
    if (note.user === page.workspace?.me) void reloadModal();
    return;
  }
  if (note.type === "message" && note.channel === page.channel) {
    void reloadHistory();
    if (page.thread && (note.thread === page.thread || note.ts === page.thread)) void reloadThread();
  }
  void reloadWorkspace();
}

function setLive(live) {
  $("live").className = live ? "live up" : "live down";
  $("live").textContent = live ? "live" : "offline";
}

async function start() {
  composer($("composer"), $("composer-text"), () => ({}));
  composer($("thread-composer"), $("thread-text"), () => ({ thread_ts: page.thread }));
  $("thread-close").addEventListener("click", closeThread);
  $("join-button").addEventListener("click", async () => {
    await page.api.post("join", { channel: page.channel }).catch(showError);
    await reloadWorkspace();
    renderHeader();
  });
  $("viewer").addEventListener("change", async (event) => {
    params.set("as", event.target.value);
    history.replaceState(null, "", `?${params}`);
    page.api = new TwinApi(event.target.value);
    closeThread();
    await reloadWorkspace();
    await select(page.channel);
    await reloadModal();
  });
  await reloadWorkspace();
  if (page.channel) await select(page.channel);
  await reloadModal();
  followFeed(onNote, setLive);
}

void start();
