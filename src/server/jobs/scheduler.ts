// Scheduled checks: overdue information reports (信息报告超时), overdue response tasks, expired and unsigned
// warnings, sensors gone 离线, low and expiring stock, webhook deliveries. Each run is bounded and never overlaps
// the previous one.
import type { FastifyBaseLogger } from 'fastify';
import type { IncidentService } from '../modules/incidents/incidents.service';
import type { ResponseService } from '../modules/responses/responses.service';
import type { StockService } from '../modules/resources/stock.service';
import type { SensorService } from '../modules/sensors/sensors.service';
import type { WarningService } from '../modules/warnings/warnings.service';
import type { WebhookService } from '../modules/webhooks/webhooks.service';

export function startScheduler(s: { incidents: IncidentService; responses: ResponseService; warnings: WarningService; webhooks: WebhookService; sensors: SensorService; stock: StockService }, everyMs: number, log: FastifyBaseLogger, opts: { warningAckMinutes: number; expiryNoticeDays: number } = { warningAckMinutes: 30, expiryNoticeDays: 30 }) {
  const { incidents, responses, warnings } = s;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await incidents.checkOverdue();
      if (n) log.info({ announced: n }, 'overdue reports announced');
      const tasks = await responses.checkOverdueTasks();
      if (tasks) log.info({ announced: tasks }, 'overdue tasks announced');
      const expired = await warnings.expireDue();
      if (expired) log.info({ expired }, 'warnings expired');
      const escalated = await warnings.escalateUnacknowledged(opts.warningAckMinutes);
      if (escalated) log.info({ escalated }, 'unacknowledged warnings escalated');
      const sensors = await s.sensors.checkOffline();
      if (sensors.offline || sensors.back) log.info(sensors, 'sensors off line / back');
      const stock = await s.stock.checkNotices(opts.expiryNoticeDays);
      if (stock.low || stock.expiring) log.info(stock, 'stock notices');
      const sent = await s.webhooks.deliverDue();
      if (sent.delivered || sent.failed) log.info(sent, 'webhook deliveries');
    } catch (err) {
      log.error({ err }, 'overdue report check failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
