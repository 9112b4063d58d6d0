/**
 * Users, bots and the team as the Web API shows them, in Slack's snake_case.
 * @module
 */
import { createHash } from "node:crypto";
import type { SlackState } from "../state/slack-state.js";
import type { BotRecord, UserRecord } from "../state/types.js";

const AVATAR_SIZES = [24, 32, 48, 72, 192, 512] as const;

/** Avatar URLs (`image_24` ... `image_512`) of an id, Gravatar-style. */
function avatars(id: string, prefix = "image_"): Record<string, string> {
  const hash = createHash("md5").update(id).digest("hex");
  const out: Record<string, string> = {};
  for (const size of AVATAR_SIZES)
    out[`${prefix}${size}`] = `https://secure.gravatar.com/avatar/${hash}.jpg?s=${size}&d=identicon`;
  return out;
}

/** Offset of zone `tz` from UTC now, in seconds (0 for an unknown zone). */
function tzOffsetSeconds(tz: string, nowMs: number): number {
  try {
    const text = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      .formatToParts(new Date(nowMs))
      .find((part) => part.type === "timeZoneName")?.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(text ?? "");
    if (!match) return 0;
    return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
  } catch {
    return 0;
  }
}

/** The `profile` of a user (`users.profile.get`, and inside user objects). */
export function userProfile(state: SlackState, user: UserRecord): Record<string, unknown> {
  const [first, ...rest] = user.realName.split(" ");
  return {
    title: user.title,
    phone: "",
    skype: "",
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.displayName,
    display_name_normalized: user.displayName,
    fields: null,
    status_text: user.statusText,
    status_emoji: user.statusEmoji,
    status_emoji_display_info: [],
    status_expiration: 0,
    avatar_hash: createHash("md5").update(user.id).digest("hex").slice(0, 12),
    ...(user.email !== undefined ? { email: user.email } : {}),
    first_name: first ?? "",
    last_name: rest.join(" "),
    ...avatars(user.id),
    ...(user.isBot ? { bot_id: user.botId, api_app_id: user.appId, always_active: true } : {}),
    team: state.team.id,
  };
}

/** A user object (`users.info`, `users.list`). */
export function userObject(state: SlackState, user: UserRecord): Record<string, unknown> {
  const tzLabel =
    new Intl.DateTimeFormat("en-US", { timeZone: safeZone(user.tz), timeZoneName: "long" })
      .formatToParts(new Date(state.now()))
      .find((part) => part.type === "timeZoneName")?.value ?? "UTC";
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    color: user.color,
    real_name: user.realName,
    tz: user.tz,
    tz_label: tzLabel,
    tz_offset: tzOffsetSeconds(user.tz, state.now()),
    profile: userProfile(state, user),
    is_admin: user.isAdmin,
    is_owner: user.isOwner,
    is_primary_owner: user.isOwner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: user.updated,
    is_email_confirmed: !user.isBot,
    who_can_share_contact_card: "EVERYONE",
  };
}

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

/** A bot object (`bots.info`). */
export function botObject(bot: BotRecord): Record<string, unknown> {
  return {
    id: bot.id,
    deleted: bot.deleted,
    name: bot.name,
    updated: bot.updated,
    app_id: bot.appId,
    user_id: bot.userId,
    icons: {
      image_36: avatars(bot.id).image_32,
      image_48: avatars(bot.id).image_48,
      image_72: avatars(bot.id).image_72,
    },
  };
}

/** The `bot_profile` of a bot's messages. */
export function botProfile(state: SlackState, bot: BotRecord): Record<string, unknown> {
  return { ...botObject(bot), team_id: state.team.id };
}

/** The team object (`team.info`). @param origin the twin's origin (the team `url`). */
export function teamObject(state: SlackState, origin: string): Record<string, unknown> {
  const team = state.team;
  return {
    id: team.id,
    name: team.name,
    url: `${origin}/`,
    domain: team.domain,
    email_domain: team.emailDomain,
    icon: { image_default: true, ...avatars(team.id) },
    avatar_base_url: "https://secure.gravatar.com/avatar/",
    is_verified: false,
    lob_sales_home_enabled: false,
  };
}
