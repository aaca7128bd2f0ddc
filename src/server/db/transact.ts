// Write transactions. On PostgreSQL each one is its own transaction on a pooled connection. On SQLite
// (one connection, synchronous = FULL) every commit waits for an fsync, so writes that arrive together
// share one: group commit. Each write runs inside its own SAVEPOINT, so a write that fails is undone
// alone and its caller gets its error; the others commit. Callers resolve only after the COMMIT that
// holds their write is durable.
import { sql } from 'kysely';
import { isSqlite, type Db, type Tx } from './index';

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

class GroupCommit {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      // setImmediate: let the requests that arrived in this turn of the event loop join the batch.
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const jobs = this.queue.splice(0);
      const outcomes: Outcome[] = [];
      try {
        await this.db.transaction().execute(async (tx) => {
          for (const job of jobs) {
            await sql`SAVEPOINT group_commit`.execute(tx);
            try {
              const value = await job.fn(tx);
              await sql`RELEASE group_commit`.execute(tx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`ROLLBACK TO group_commit`.execute(tx);
              await sql`RELEASE group_commit`.execute(tx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // The batch itself failed (COMMIT refused, disk full…): nothing of it is stored.
        for (const job of jobs) job.reject(error);
        continue;
      }
      jobs.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    }
    this.running = false;
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/** Runs `fn` in a write transaction; resolves after its commit. */
export function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return db.transaction().execute(fn);
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g.run(fn);
}
