/**
 * `views.*`: open, push, update and publish. Views are stored (see `ViewRecord`), so the web UI
 * can show them; `views.open`/`views.push` need a trigger id from an interaction.
 * @module
 */

import type { MethodContext, SlackMethods } from "../api/method.js";
import { invalidArguments } from "../errors.js";
import { viewObject } from "../render/view.js";
import type { AppRecord, ViewRecord } from "../state/types.js";
import { openView, publishView, pushView, updateView } from "../state/views.js";

function viewArg(ctx: MethodContext): Record<string, unknown> {
  const view = ctx.args.jsonObject("view");
  if (!view) throw invalidArguments("missing required field: view");
  return view;
}

/** The app of the bot token (views belong to apps). */
function appOf(ctx: MethodContext): AppRecord {
  if (!ctx.app) throw invalidArguments("views need a bot token");
  return ctx.app;
}

function answer(ctx: MethodContext, view: ViewRecord): Record<string, unknown> {
  return { view: viewObject(ctx.state, view) };
}

const BOT_ONLY = ["bot"] as const;

/** The `views.*` methods. */
export const viewsMethods: SlackMethods = {
  "views.open": {
    scopes: [],
    tier: 4,
    tokens: BOT_ONLY,
    handler: (ctx) =>
      answer(ctx, openView(ctx.state, appOf(ctx), ctx.args.required("trigger_id", "invalid_trigger_id"), viewArg(ctx))),
  },
  "views.push": {
    scopes: [],
    tier: 4,
    tokens: BOT_ONLY,
    handler: (ctx) =>
      answer(ctx, pushView(ctx.state, appOf(ctx), ctx.args.required("trigger_id", "invalid_trigger_id"), viewArg(ctx))),
  },
  "views.update": {
    scopes: [],
    tier: 4,
    tokens: BOT_ONLY,
    handler(ctx) {
      const viewId = ctx.args.string("view_id");
      const externalId = ctx.args.string("external_id");
      if (viewId === undefined && externalId === undefined) throw invalidArguments("missing required field: view_id");
      const hash = ctx.args.string("hash");
      return answer(
        ctx,
        updateView(ctx.state, appOf(ctx), {
          ...(viewId !== undefined ? { viewId } : { externalId }),
          view: viewArg(ctx),
          ...(hash !== undefined ? { hash } : {}),
        }),
      );
    },
  },
  "views.publish": {
    scopes: [],
    tier: 4,
    tokens: BOT_ONLY,
    handler(ctx) {
      const hash = ctx.args.string("hash");
      return answer(
        ctx,
        publishView(ctx.state, appOf(ctx), {
          userId: ctx.args.required("user_id", "user_not_found"),
          view: viewArg(ctx),
          ...(hash !== undefined ? { hash } : {}),
        }),
      );
    },
  },
};
