// Every state change that matters is written with its timeline event in ONE transaction (an outbox);
// live messages leave only after the commit, so nobody sees a change that was rolled back.
import { v7 as uuidv7 } from 'uuid';
import type { Db, Tx } from '../db';
import { transact } from '../db/transact';
import type { EventRow } from '../db/schema';
import type { Bus, LiveMessage } from './bus';

export interface Actor { id: string; name: string }

export interface NewEvent {
  incidentId: string | null;
  type: string;
  actor: Actor | null;
  jurisdictionCode: string;
  scopePath: string;
  summary: string;
  data?: Record<string, unknown>;
  at?: string;
}

export interface Outbox {
  tx: Tx;
  append(e: NewEvent): Promise<EventRow>;
  /** Queue a live message to be published after commit. */
  live(m: LiveMessage): void;
}

export function eventDto(r: EventRow) {
  return {
    id: r.id,
    incidentId: r.incident_id,
    type: r.type,
    at: r.at,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    jurisdictionCode: r.jurisdiction_code,
    summary: r.summary,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

export async function inTransaction<T>(db: Db, bus: Bus, fn: (out: Outbox) => Promise<T>): Promise<T> {
  const queued: LiveMessage[] = [];
  const result = await transact(db, async (tx) => {
    const out: Outbox = {
      tx,
      async append(e) {
        const row: EventRow = {
          id: uuidv7(),
          incident_id: e.incidentId,
          type: e.type,
          at: e.at ?? new Date().toISOString(),
          actor_id: e.actor?.id ?? null,
          actor_name: e.actor?.name ?? null,
          jurisdiction_code: e.jurisdictionCode,
          scope_path: e.scopePath,
          summary: e.summary,
          data: JSON.stringify(e.data ?? {}),
        };
        await tx.insertInto('events').values(row).execute();
        queued.push({ name: 'timeline', scopePath: row.scope_path, payload: eventDto(row) });
        return row;
      },
      live(m) {
        queued.push(m);
      },
    };
    return fn(out);
  });
  for (const m of queued) bus.publish(m);
  return result;
}

/**
 * A notice to the people on duty for a jurisdiction: the commanders and duty officers of the organisations at that
 * jurisdiction itself (not above or below), in the notification bell, delivered live to them only.
 */
export async function notifyLeads(out: Outbox, scopePath: string, text: string, incidentId: string | null, at: string) {
  const users = await out.tx.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.roles'])
    .where('o.scope_path', '=', scopePath).where('u.disabled', '=', 0).execute();
  const leads = users.filter((x) => (JSON.parse(x.roles) as string[]).some((role) => role === 'commander' || role === 'duty_officer'));
  await notifyUsers(out, leads.map((u) => u.id), { scopePath, text, incidentId, at });
}

/**
 * A notice in the bell of each of `userIds`, delivered live to them only. `quiet`: another alert already says it on
 * screen, so the bell keeps it without a toast of its own.
 */
export async function notifyUsers(
  out: Outbox, userIds: readonly string[], n: { scopePath: string; text: string; incidentId: string | null; at: string; quiet?: boolean },
) {
  for (const userId of userIds) {
    const id = uuidv7();
    await out.tx.insertInto('notifications').values({ id, user_id: userId, incident_id: n.incidentId, response_id: null, task_id: null, text: n.text, created_at: n.at, read_at: null }).execute();
    out.live({
      name: 'notification', scopePath: n.scopePath, userIds: [userId],
      payload: { id, text: n.text, incidentId: n.incidentId, responseId: null, at: n.at, ...(n.quiet ? { quiet: true } : {}) },
    });
  }
}
