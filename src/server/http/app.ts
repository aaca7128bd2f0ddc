// The Fastify application: validation by the zod contracts, one error shape, authentication on every
// /api route that is not deliberately public, OpenAPI from the same contracts, the web app as static files.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config';
import type { DbHandle } from '../db';
import { Bus } from '../events/bus';
import { startPgRelay } from '../events/pg-relay';
import { AuthService } from '../modules/auth/auth.service';
import { AccessSignals } from '../modules/auth/access-ended';
import { TokenService } from '../modules/auth/tokens.service';
import { tokenRoutes } from '../modules/auth/tokens.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { IncidentService, type IncidentServiceOptions } from '../modules/incidents/incidents.service';
import { incidentRoutes } from '../modules/incidents/incidents.routes';
import { JurisdictionService } from '../modules/jurisdictions/jurisdictions.service';
import { jurisdictionRoutes } from '../modules/jurisdictions/jurisdictions.routes';
import { OrganisationService } from '../modules/organisations/organisations.service';
import { organisationRoutes } from '../modules/organisations/organisations.routes';
import { UserService } from '../modules/users/users.service';
import { userRoutes } from '../modules/users/users.routes';
import { streamRoutes } from '../modules/stream/stream.routes';
import { RulesService } from '../modules/rules/rules.service';
import { rulesRoutes } from '../modules/rules/rules.routes';
import multipart from '@fastify/multipart';
import { PlanService } from '../modules/plans/plans.service';
import { planRoutes } from '../modules/plans/plans.routes';
import { ResponseService } from '../modules/responses/responses.service';
import { responseRoutes } from '../modules/responses/responses.routes';
import { SitrepService } from '../modules/sitrep/sitrep.service';
import { sitrepRoutes } from '../modules/sitrep/sitrep.routes';
import { SensorService } from '../modules/sensors/sensors.service';
import { sensorRoutes } from '../modules/sensors/sensors.routes';
import { WarningService } from '../modules/warnings/warnings.service';
import { warningRoutes } from '../modules/warnings/warnings.routes';
import { publicWarningRoutes } from '../modules/warnings/public.routes';
import { WarningRuleService } from '../modules/warnings/rules.service';
import { warningRuleRoutes } from '../modules/warnings/rules.routes';
import { startRulesLease } from '../modules/warnings/rules-lease';
import { resourceRoutes } from '../modules/resources/resources.routes';
import { ResourceService } from '../modules/resources/resources.service';
import { StockService } from '../modules/resources/stock.service';
import { RequestService } from '../modules/resources/requests.service';
import { ExchangeService } from '../modules/resources/exchange.service';
import { NearestService } from '../modules/resources/nearest.service';
import { allocationRoutes } from '../modules/allocation/allocation.routes';
import { AllocationService } from '../modules/allocation/allocation.service';
import { WebhookService } from '../modules/webhooks/webhooks.service';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes';
import { registerAuth } from './auth';
import { AppError, errorHandler, zodValidatorCompiler } from './errors';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  db: DbHandle;
  bus?: Bus;
  incidents?: IncidentServiceOptions;
  /** Directory of the built web app; omitted in API-only tests. */
  webDir?: string | null;
  logger?: boolean;
  /** Several nodes on PostgreSQL: how often a node without the rules lease tries to take it (ms; tests shorten it). */
  rulesLeaseRetryMs?: number;
  /** How often an open live stream re-checks its session or token (ms; tests shorten it). */
  streamRecheckMs?: number;
}

/** An unknown /api or /public address, said through the error handler (so in English when asked). */
const noRoute = () => new AppError('not_found', 'not_found', '接口不存在');

export async function buildApp(deps: AppDeps) {
  const { config } = deps;
  const db = deps.db.db;
  const bus = deps.bus ?? new Bus();
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Field data sometimes arrive twice; the server must not stall on slow clients either.
    requestTimeout: 30_000,
    // One line per request is noise for a duty room PC; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler as never);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const rules = new RulesService(db, bus);
  // Ended sessions, revoked tokens and changed users close their live streams (stream.routes.ts).
  const access = new AccessSignals();
  const services = {
    auth: new AuthService(db, config.sessionHours, access),
    tokens: new TokenService(db, bus, access),
    jurisdictions: new JurisdictionService(db, bus),
    rules,
    incidents: new IncidentService(db, bus, { ...deps.incidents, rules }),
    organisations: new OrganisationService(db, bus, access),
    users: new UserService(db, bus, access),
    plans: new PlanService(db, bus, { clock: deps.incidents?.clock, rules }),
  };
  const responses = new ResponseService(db, bus, services.plans, deps.incidents?.clock);
  const sensors = new SensorService(db, bus, deps.incidents?.clock);
  const warnings = new WarningService(db, bus, deps.incidents?.clock, services.incidents);
  // On PostgreSQL several nodes may share the database: one of them evaluates the rules (rules-lease.ts).
  const clustered = deps.db.dialect === 'postgres' && !!deps.db.url;
  const warningRules = new WarningRuleService(db, bus, warnings, deps.incidents?.clock, { evaluating: !clustered });
  sensors.onReadings(warningRules.onReadings);
  const webhooks = new WebhookService(db, deps.incidents?.clock);
  const resources = new ResourceService(db, bus, deps.incidents?.clock);
  const stock = new StockService(db, bus, deps.incidents?.clock);
  const requests = new RequestService(db, bus, stock, deps.incidents?.clock);
  responses.onActivated(requests.fromPlan);
  const allocation = new AllocationService(db, bus, requests, deps.incidents?.clock);
  app.addHook('onClose', () => allocation.solver.close());
  const exchange = new ExchangeService(db, bus, resources, stock, deps.incidents?.clock);
  const nearest = new NearestService(db, deps.incidents?.clock);
  resources.onChange(() => nearest.changed());
  warnings.onChange(webhooks.enqueue);

  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: {
      info: { title: '守望 Shouwang API', version: '0.1.0', description: '基层应急管理平台接口。认证：会话 Cookie（写操作需 x-csrf-token）或 Authorization: Bearer 令牌。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'sw_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, services.auth);
  // Basic hardening for every answer: no MIME sniffing, no framing (clickjacking), no referrer leaks.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes(services.auth, {
    secureCookies: config.secureCookies, sessionHours: config.sessionHours, attemptsPerMinute: config.loginAttemptsPerMinute,
  }));
  await app.register(tokenRoutes(services.tokens));
  await app.register(jurisdictionRoutes(services.jurisdictions));
  await app.register(incidentRoutes(services.incidents));
  await app.register(organisationRoutes(services.organisations));
  await app.register(userRoutes(services.users));
  await app.register(rulesRoutes(services.rules));
  await app.register(planRoutes(services.plans));
  await app.register(responseRoutes(responses));
  await app.register(sensorRoutes(sensors));
  await app.register(warningRoutes(warnings, services.plans));
  await app.register(warningRuleRoutes(warningRules));
  await app.register(webhookRoutes(webhooks));
  await app.register(allocationRoutes(allocation));
  await app.register(resourceRoutes(resources, stock, requests, exchange, nearest, services.plans));
  await app.register(publicWarningRoutes(warnings));
  await app.register(sitrepRoutes(new SitrepService(db, services.incidents, responses, { clock: deps.incidents?.clock, pdfFont: config.pdfFont })));
  if (deps.db.dialect === 'postgres' && deps.db.url) {
    const relay = await startPgRelay({
      url: deps.db.url, schema: deps.db.schema, bus,
      resolve: (name, id, scopePath) => (name === 'incident' ? services.incidents.liveIncident(id, scopePath) : services.incidents.liveEvent(id)),
      onError: (err) => app.log.warn({ err }, 'live relay'),
    });
    app.addHook('onClose', () => relay.stop());
    const lease = await startRulesLease({
      url: deps.db.url, schema: deps.db.schema, sensors, rules: warningRules, retryMs: deps.rulesLeaseRetryMs,
      onError: (err) => app.log.warn({ err }, 'warning rules lease'),
    });
    app.addHook('onClose', () => lease.stop());
  }
  await app.register(streamRoutes(bus, { auth: services.auth, access, recheckMs: deps.streamRecheckMs }));

  const webDir = deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    // The page learns the tile URL at load time; without one the map draws tile-free.
    const index = fs
      .readFileSync(path.join(webDir, 'index.html'), 'utf8')
      .replace('</head>', `<script>window.__SHOUWANG__=${JSON.stringify({ tileUrl: config.tileUrl ?? '' }).replace(/</g, '\\u003c')}</script></head>`);
    await app.register(fastifyStatic, { root: webDir, index: false, wildcard: false, serve: true, prefix: '/' });
    const sendIndex = (_req: unknown, reply: { type: (t: string) => { send: (s: string) => unknown } }) => reply.type('text/html; charset=utf-8').send(index);
    app.get('/', sendIndex);
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/public/')) return sendIndex(req, reply);
      throw noRoute();
    });
  } else {
    app.setNotFoundHandler(() => {
      throw noRoute();
    });
  }
  return { app: app as unknown as FastifyInstance, services: { ...services, responses, sensors, warnings, warningRules, webhooks, resources, stock, requests, allocation }, bus };
}
