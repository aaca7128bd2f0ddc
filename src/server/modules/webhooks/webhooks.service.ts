// Webhooks: other systems (a county's loudspeaker platform, an SMS gateway, a WeChat bot) receive every public
// change of a warning in their area. A delivery is queued in the same transaction as the change, sent with an
// HMAC-SHA256 signature, retried with exponential back-off, and after the last attempt kept on a visible
// dead-letter list from which a person can send it again.
import { createHmac } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { DELIVERY_STATUSES, WebhookCreate } from '../../../contracts/monitoring';

type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { WarningRow } from '../../db/schema';
import { notFound } from '../../errors';
import { newSecret } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';
import { smsText } from '../../../domain/warnings/dissemination';
import type { WarningLevel } from '../../../domain/warnings/model';

export const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
/** Changes other systems hear about: what the public sees (an alert imported from another issuer counts as issued). */
const PUBLIC_CHANGES: Record<string, string> = { issue: 'warning.issued', imported: 'warning.issued', updated: 'warning.updated', lift: 'warning.lifted', expired: 'warning.expired' };

/** `sha256=<hex>` of `<timestamp>.<body>` with the webhook's secret; receivers recompute it to trust the body. */
export const signature = (secret: string, timestamp: string, body: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export class WebhookService {
  constructor(private readonly db: Db, private readonly clock: () => Date = () => new Date(), private readonly send: typeof fetch = fetch) {}

  async list(p: Principal) {
    const r = subtreeRange(p.scopePath);
    const rows = await this.db.selectFrom('webhooks').select(['id', 'name', 'url', 'enabled', 'jurisdiction_code', 'created_by', 'created_at'])
      .where('scope_path', '>=', r.from).where('scope_path', '<', r.to).orderBy('created_at').execute();
    return rows.map((w) => ({ id: w.id, name: w.name, url: w.url, enabled: w.enabled === 1, jurisdictionCode: w.jurisdiction_code, createdBy: w.created_by, createdAt: w.created_at }));
  }

  /** The secret is shown this once. */
  async create(p: Principal, input: z.output<typeof WebhookCreate>) {
    const j = await JurisdictionService.inScope(this.db, p, input.jurisdictionCode);
    const id = uuidv7();
    const secret = `whsec_${newSecret()}`;
    await this.db.insertInto('webhooks').values({ id, name: input.name, url: input.url, secret, enabled: 1, jurisdiction_code: j.code, scope_path: j.path, created_by: p.name, created_at: this.clock().toISOString() }).execute();
    return { ...(await this.list(p)).find((w) => w.id === id)!, secret };
  }

  async setEnabled(p: Principal, id: string, enabled: boolean) {
    const r = subtreeRange(p.scopePath);
    const res = await this.db.updateTable('webhooks').set({ enabled: enabled ? 1 : 0 }).where('id', '=', id)
      .where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw notFound('推送地址');
    return (await this.list(p)).find((w) => w.id === id)!;
  }

  /** WarningService hook: queue a delivery to every webhook whose area holds the warning. */
  enqueue = async (tx: Tx, w: WarningRow, change: string) => {
    const event = PUBLIC_CHANGES[change];
    if (!event) return;
    const hooks = (await tx.selectFrom('webhooks').select(['id', 'scope_path']).where('enabled', '=', 1).execute()).filter((h) => isWithinScope(w.scope_path, h.scope_path));
    if (!hooks.length) return;
    const at = this.clock().toISOString();
    const payload = JSON.stringify({
      event, at,
      warning: {
        id: w.id, identifier: w.identifier, typeCode: w.type_code, level: w.level, status: w.status, headline: w.headline, areaDesc: w.area_desc,
        instruction: w.instruction, issuer: w.issuer, issuedAt: w.issued_at, onset: w.onset, expires: w.expires,
        sms: smsText({ typeCode: w.type_code, level: w.level as WarningLevel, headline: w.headline, areaDesc: w.area_desc, instruction: w.instruction, issuer: w.issuer, issuedAt: w.issued_at, onset: w.onset }),
      },
    });
    await tx.insertInto('webhook_deliveries').values(hooks.map((h) => ({
      id: uuidv7(), webhook_id: h.id, warning_id: w.id, event, payload, status: 'pending', attempts: 0, next_attempt_at: at, last_error: null, created_at: at, delivered_at: null,
    }))).execute();
  };

  /** The scheduled run: send what is due; a failure waits 30 s, 1 min, 2 min … up to 1 h, then goes to the dead letters. */
  async deliverDue(limit = 50): Promise<{ delivered: number; failed: number }> {
    const now = this.clock();
    const due = await this.db.selectFrom('webhook_deliveries as d').innerJoin('webhooks as h', 'h.id', 'd.webhook_id')
      .select(['d.id', 'd.event', 'd.payload', 'd.attempts', 'h.url', 'h.secret'])
      .where('d.status', '=', 'pending').where('d.next_attempt_at', '<=', now.toISOString()).orderBy('d.next_attempt_at').limit(limit).execute();
    let delivered = 0;
    let failed = 0;
    for (const d of due) {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      let error: string | null = null;
      try {
        const res = await this.send(d.url, {
          method: 'POST', body: d.payload, signal: AbortSignal.timeout(10_000), redirect: 'manual',
          headers: { 'content-type': 'application/json', 'x-shouwang-event': d.event, 'x-shouwang-delivery': d.id, 'x-shouwang-timestamp': timestamp, 'x-shouwang-signature': signature(d.secret, timestamp, d.payload) },
        });
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const attempts = d.attempts + 1;
      if (!error) {
        delivered++;
        await this.db.updateTable('webhook_deliveries').set({ status: 'delivered', attempts, delivered_at: now.toISOString(), last_error: null }).where('id', '=', d.id).execute();
      } else {
        failed++;
        const delay = Math.min(BASE_DELAY_MS * 2 ** (attempts - 1), MAX_DELAY_MS);
        await this.db.updateTable('webhook_deliveries').set({
          status: attempts >= MAX_ATTEMPTS ? 'dead' : 'pending', attempts, last_error: error.slice(0, 500), next_attempt_at: new Date(now.getTime() + delay).toISOString(),
        }).where('id', '=', d.id).execute();
      }
    }
    return { delivered, failed };
  }

  async deliveries(p: Principal, filter: { status?: DeliveryStatus; id?: string } = {}) {
    const r = subtreeRange(p.scopePath);
    let q = this.db.selectFrom('webhook_deliveries as d').innerJoin('webhooks as h', 'h.id', 'd.webhook_id').innerJoin('warnings as w', 'w.id', 'd.warning_id')
      .select(['d.id', 'd.webhook_id', 'h.name', 'd.warning_id', 'w.headline', 'd.event', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'd.created_at', 'd.delivered_at'])
      .where('h.scope_path', '>=', r.from).where('h.scope_path', '<', r.to);
    if (filter.status) q = q.where('d.status', '=', filter.status);
    if (filter.id) q = q.where('d.id', '=', filter.id);
    return (await q.orderBy('d.created_at', 'desc').limit(200).execute()).map((d) => ({
      id: d.id, webhookId: d.webhook_id, webhookName: d.name, warningId: d.warning_id, warningHeadline: d.headline, event: d.event, status: d.status as DeliveryStatus,
      attempts: d.attempts, nextAttemptAt: d.next_attempt_at, lastError: d.last_error, createdAt: d.created_at, deliveredAt: d.delivered_at,
    }));
  }

  /** Sends a dead letter again (a fresh round of attempts). */
  async retry(p: Principal, id: string) {
    if (!(await this.deliveries(p, { id })).length) throw notFound('推送记录');
    await this.db.updateTable('webhook_deliveries').set({ status: 'pending', attempts: 0, next_attempt_at: this.clock().toISOString() }).where('id', '=', id).execute();
    return (await this.deliveries(p, { id }))[0]!;
  }
}
