/**
 * Group commit: write units submitted in the same event-loop turn are committed together in one
 * `BEGIN IMMEDIATE … COMMIT`, so N concurrent writers pay for one WAL fsync instead of N.
 *
 * - Each unit runs in its own SAVEPOINT: a unit that throws is rolled back alone and its caller
 *   gets the error; the other units of the group still commit.
 * - Units run in submission order, so later units see what earlier ones wrote (a context's head,
 *   an idempotency key).
 * - A caller's promise settles only after the COMMIT has returned: with `synchronous = FULL` an
 *   acknowledged write is on disk, exactly as with one transaction per write.
 * - When the transaction itself fails (COMMIT, or an error after which SQLite has already rolled
 *   the transaction back), every unit of the group is rejected with that error: none was written.
 * @module
 */
import type { SqliteDatabase, SqliteTransaction } from "./sqlite.js";

/** Default largest number of units in one group (more wait for the next group). */
export const DEFAULT_MAX_GROUP_UNITS = 1024;

/** Options of {@link GroupCommit}. */
export interface GroupCommitOptions<U, R> {
  /** Writes one unit inside the group's transaction; throw to fail (and roll back) this unit only. */
  run(unit: U): R;
  /** Called for each unit that succeeded, in order, right after the group committed (events, metrics). */
  committed?(unit: U, result: R): void;
  /** Largest number of units per group. Default {@link DEFAULT_MAX_GROUP_UNITS}. */
  maxGroupUnits?: number;
}

interface Pending<U, R> {
  unit: U;
  resolve(result: R): void;
  reject(error: unknown): void;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** A queue of write units committed in groups (see the module comment). */
export class GroupCommit<U, R> {
  private queue: Pending<U, R>[] = [];
  private scheduled = false;
  private readonly runInSavepoint: (unit: U) => R;
  private readonly groupTx: SqliteTransaction<Outcome<R>[], [Pending<U, R>[]]>;
  private readonly maxGroupUnits: number;
  /** Groups committed so far (for metrics and tests). */
  groups = 0;
  /** Units committed so far. */
  units = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: GroupCommitOptions<U, R>,
  ) {
    // better-sqlite3 turns a transaction function called inside a transaction into a SAVEPOINT.
    this.runInSavepoint = db.transaction((unit: U) => options.run(unit));
    this.groupTx = db.transaction((group: Pending<U, R>[]) => group.map((p) => this.attempt(p.unit)));
    this.maxGroupUnits = Math.max(1, options.maxGroupUnits ?? DEFAULT_MAX_GROUP_UNITS);
  }

  /**
   * Queues `unit` for the next group, which commits once the current event-loop turn has run
   * (`setImmediate`), or at once when the group is full.
   * @returns the unit's result, after its group committed; rejects with the unit's own error, or
   *   with the transaction's error when the whole group failed.
   */
  submit(unit: U): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (this.queue.length >= this.maxGroupUnits) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Units waiting for their group. */
  get pending(): number {
    return this.queue.length;
  }

  /** Commits every queued unit now, as one group (a no-op when none is queued). Never throws. */
  flush(): void {
    if (this.queue.length === 0) return;
    const group = this.queue;
    this.queue = [];
    let outcomes: Outcome<R>[];
    try {
      outcomes = this.groupTx.immediate(group);
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    this.groups++;
    group.forEach((p, i) => {
      const outcome = outcomes[i];
      if (!outcome.ok) {
        p.reject(outcome.error);
        return;
      }
      this.units++;
      try {
        this.options.committed?.(p.unit, outcome.value);
      } catch {
        // The write is committed: a failing hook must not turn it into an error for the caller.
      }
      p.resolve(outcome.value);
    });
  }

  private attempt(unit: U): Outcome<R> {
    try {
      return { ok: true, value: this.runInSavepoint(unit) };
    } catch (error) {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, ...):
      // then nothing of the group can commit, so fail the group rather than go on outside it.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
