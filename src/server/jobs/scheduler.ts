// Scheduled checks: overdue information reports (信息报告超时), overdue response tasks, expired warnings. Each run is
// bounded and never overlaps the previous one.
import type { FastifyBaseLogger } from 'fastify';
import type { IncidentService } from '../modules/incidents/incidents.service';
import type { ResponseService } from '../modules/responses/responses.service';
import type { WarningService } from '../modules/warnings/warnings.service';

export function startScheduler(s: { incidents: IncidentService; responses: ResponseService; warnings: WarningService }, everyMs: number, log: FastifyBaseLogger) {
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
