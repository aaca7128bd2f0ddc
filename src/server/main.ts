// Start-up: config → database (migrated) → app (api + web) → scheduled checks → listen.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { migrate, openDatabase } from './db';
import { buildApp } from './http/app';
import { startScheduler } from './jobs/scheduler';
import { startBrokerSubscription, startEmbeddedBroker } from './modules/sensors/mqtt';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function startServer(config: Config, opts: { port?: number } = {}) {
  const db = openDatabase(config.database);
  await migrate(db);
  const { app, services } = await buildApp({ config, db, webDir: WEB_DIR });
  const stopScheduler = startScheduler(services, config.reportCheckSeconds * 1000, app.log, { warningAckMinutes: config.warningAckMinutes, expiryNoticeDays: config.expiryNoticeDays });
  // CAP feeds are polled on their own clock (minutes, not the checks' seconds).
  const feeds = config.capFeeds;
  const pollFeeds = () =>
    feeds && void services.warnings.pollFeeds(feeds.urls, feeds.jurisdictionCode, (msg, err) => app.log.warn({ err }, msg)).catch((err) => app.log.warn({ err }, 'CAP feeds'));
  const feedTimer = feeds ? setInterval(pollFeeds, feeds.everyMinutes * 60_000) : null;
  feedTimer?.unref();
  pollFeeds();
  const address = await app.listen({ port: opts.port ?? config.port, host: config.host });
  const mqttDeps = { sensors: services.sensors, auth: services.auth, log: app.log };
  const mqtt = config.mqtt.kind === 'external'
    ? await startBrokerSubscription(mqttDeps, config.mqtt.url)
    : await startEmbeddedBroker(mqttDeps, { port: config.mqtt.port, host: config.host });
  const close = async () => {
    stopScheduler();
    if (feedTimer) clearInterval(feedTimer);
    await mqtt.close();
    await app.close();
    await db.close();
  };
  return { app, db, services, address, mqtt, close };
}
