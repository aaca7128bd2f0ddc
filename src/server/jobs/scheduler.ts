// Scheduled checks. Today: overdue information reports (信息报告超时). Each run is bounded and
// never overlaps the previous one.
import type { FastifyBaseLogger } from 'fastify';
import type { IncidentService } from '../modules/incidents/incidents.service';

export function startScheduler(incidents: IncidentService, everyMs: number, log: FastifyBaseLogger) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await incidents.checkOverdue();
      if (n) log.info({ announced: n }, 'overdue reports announced');
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
