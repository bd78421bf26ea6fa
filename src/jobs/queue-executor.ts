// How pg-boss reaches the database: through the app's own Database handle, on
// PGlite and PostgreSQL alike, so the queue shares the pool (or the one
// embedded session) and needs no connection settings of its own.
import type PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';

export interface QueueExecutor extends PgBoss.Db {
  /** Resolves true once no query is running, or false when `deadline` (epoch ms) passes first. */
  whenIdle(deadline: number, isBusy?: () => boolean): Promise<boolean>;
  /**
   * After stop: any late call (pg-boss completes jobs without awaiting) gets a
   * promise that never settles, instead of an error from a closed database
   * that nobody would catch. Such a job is retried after it expires.
   */
  detach(): void;
}

// pg-boss wraps its schema and maintenance scripts in "BEGIN; ...; COMMIT;".
// Sent as one multi-statement text, a failure in the middle (e.g. a lock
// timeout) leaves the session inside an aborted transaction. On PGlite that is
// the only session, so every later query of the whole app would fail.
// (node-postgres's pool.query throws away a connection whose query failed, so
// PostgreSQL is spared.) Without the explicit BEGIN/COMMIT the same text runs
// as one implicit transaction that rolls back by itself on error; SET LOCAL
// and transaction-level advisory locks behave the same inside it.
const EXPLICIT_TRANSACTION = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;

export function asImplicitTransaction(text: string): string {
  const match = EXPLICIT_TRANSACTION.exec(text);
  return match?.[1] ?? text;
}

const IDLE_CHECK_MS = 25;

export function createQueueExecutor(database: Database): QueueExecutor {
  const running = new Set<Promise<unknown>>();
  let detached = false;
  return {
    executeSql(text: string, values?: unknown[]) {
      if (detached) return new Promise<never>(() => {});
      const parameterless = values === undefined || values.length === 0;
      const query = database.executeSql(parameterless ? asImplicitTransaction(text) : text, values);
      running.add(query);
      const forget = () => running.delete(query);
      query.then(forget, forget);
      return query;
    },
    async whenIdle(deadline, isBusy = () => false) {
      while (running.size > 0 || isBusy()) {
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
      }
      return true;
    },
    detach() {
      detached = true;
    },
  };
}
