/**
 * Optional persistence of the Slack twin's state to a SQLite file (better-sqlite3): one row per
 * record (JSON), written in one transaction per batch of changes, so that a twin restarted on the
 * same file finds its workspace as it left it.
 * @module
 */
import Database from "better-sqlite3";
import { TwinError } from "../../kit/twin-error.js";
import type { RecordChange, RecordKind, SlackSnapshot } from "./slack-state.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS contents (
  id TEXT PRIMARY KEY,
  data BLOB NOT NULL
);
`;

/** The SQLite file of one Slack twin. */
export class SlackDatabase {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly upsertContent: Database.Statement;
  private readonly removeContent: Database.Statement;
  private readonly apply: (changes: RecordChange[], replaceAll: boolean) => void;

  /**
   * Opens (or creates) the file at `path`.
   * @throws TwinError when the file cannot be opened or is not a Slack twin database.
   */
  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      this.db.exec(SCHEMA);
    } catch (cause) {
      throw new TwinError({ message: `slack: cannot open database '${path}': ${(cause as Error).message}`, cause });
    }
    this.upsert = this.db.prepare("INSERT OR REPLACE INTO records (kind, id, data) VALUES (?, ?, ?)");
    this.remove = this.db.prepare("DELETE FROM records WHERE kind = ? AND id = ?");
    this.upsertContent = this.db.prepare("INSERT OR REPLACE INTO contents (id, data) VALUES (?, ?)");
    this.removeContent = this.db.prepare("DELETE FROM contents WHERE id = ?");
    this.apply = this.db.transaction((changes: RecordChange[], replaceAll: boolean) => {
      if (replaceAll) this.db.exec("DELETE FROM records; DELETE FROM contents;");
      for (const { kind, id, value } of changes) {
        if (kind === "content") {
          if (typeof value === "string") this.upsertContent.run(id, Buffer.from(value, "base64"));
          else this.removeContent.run(id);
        } else if (value === undefined) this.remove.run(kind, id);
        else this.upsert.run(kind, id, JSON.stringify(value));
      }
    });
  }

  /** Writes a batch of changes in one transaction (`replaceAll`: the batch is the whole state). */
  write(changes: RecordChange[], replaceAll: boolean): void {
    this.apply(changes, replaceAll);
  }

  /** The stored state, or undefined when the file holds none yet. */
  read(): SlackSnapshot | undefined {
    const rows = this.db.prepare("SELECT kind, id, data FROM records").all() as {
      kind: RecordKind;
      id: string;
      data: string;
    }[];
    const team = rows.find((row) => row.kind === "team");
    if (!team) return undefined;
    const of = <T>(kind: RecordKind): T[] =>
      rows.filter((row) => row.kind === kind).map((row) => JSON.parse(row.data) as T);
    const contents: Record<string, string> = {};
    for (const row of this.db.prepare("SELECT id, data FROM contents").all() as { id: string; data: Buffer }[]) {
      contents[row.id] = row.data.toString("base64");
    }
    return {
      team: JSON.parse(team.data),
      users: of("user"),
      bots: of("bot"),
      apps: of("app"),
      tokens: of("token"),
      channels: of("channel"),
      messages: of("message"),
      files: of("file"),
      fileContents: contents,
      views: of("view"),
      scheduled: of("scheduled"),
      nextId: of<number>("meta")[0] ?? 1,
    };
  }

  /** Closes the file. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
