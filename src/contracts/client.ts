// A small typed client of the HTTP API, shared by the web app, the CLI and the tests.
import type { z } from 'zod';
import type { IncidentCreate, IncidentPatch, IncidentListQuery, ReportFile } from './incidents';
import type {
  Incident, IncidentEvent, RequiredReport, FiledReport, IncidentTypeInfo,
} from './incidents';
import type { BoundaryCollection, BoundaryImportResult, Jurisdiction } from './jurisdictions';
import type { SessionBody, LoginRequest, ApiToken } from './auth';
import type { ErrorBody } from './common';
import type { Organisation, User, OrganisationCreate, OrganisationPatch, UserCreate, UserPatch } from './admin';
import type { RuleSettings, RulesView } from './rules';
import type * as P from './plans';
import type * as M from './monitoring';
import type * as R from './resources';
import type { RuleTemplate, TemplateOverrides } from '../domain/warnings/rules';

type Out<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;
export type PlanSummaryDto = Out<typeof P.PlanSummary>;
export type PlanDetailDto = Out<typeof P.PlanDetail>;
export type ImportedPlanDto = Out<typeof P.ImportedPlan>;
export type PlanSuggestionDto = Out<typeof P.PlanSuggestion>;
export type ResponseDtoT = Out<typeof P.ResponseDto>;
export type TaskDto = Out<typeof P.Task>;
export type GapDto = Out<typeof P.Gap>;
export type WarningDtoT = Out<typeof M.WarningDto>;
export type SensorDto = Out<typeof M.Sensor>;
/** A rule template as GET /api/warning-rules/templates gives it (the domain's RuleTemplate). */
export type RuleTemplateDto = RuleTemplate;
export type WarningRuleDto = Out<typeof M.WarningRule>;
/** Body of POST /api/warning-rules; `overrides` as bindTemplate accepts them (only the numbers that differ). */
export type WarningRuleCreateBody = Omit<In<typeof M.WarningRuleCreate>, 'overrides'> & { overrides?: TemplateOverrides };
export type WebhookDto = Out<typeof M.Webhook>;
export type WebhookDeliveryStatus = (typeof M.DELIVERY_STATUSES)[number];
export type WebhookDeliveryDto = Out<typeof M.WebhookDelivery>;
export type ItemDto = Out<typeof R.Item>;
export type DepotDto = Out<typeof R.Depot>;
export type StockLineDto = Out<typeof R.StockLine>;
export type StockQueryT = In<typeof R.StockQuery>;
export type MovementDtoT = Out<typeof R.MovementDto>;
export type MovementCreateBody = In<typeof R.MovementCreate>;
export type TeamDto = Out<typeof R.Team>;
export type ExpertDto = Out<typeof R.Expert>;
export type EquipmentDto = Out<typeof R.Equipment>;
export type ShelterDto = Out<typeof R.Shelter>;
export type ResourceRequestDto = Out<typeof R.ResourceRequest>;
export type DispatchOrderDto = Out<typeof R.DispatchOrder>;
export type DispatchOrderAction = 'depart' | 'receive' | 'return' | 'cancel';
/** The kinds that have an Excel template, import and export (/api/import/:kind, /api/export/:kind.xlsx). */
export type SheetKindT = 'items' | 'depots' | 'stock' | 'teams' | 'experts' | 'equipment' | 'shelters';
/** One bad cell of an import: row and column (letter) of the sheet, or null for the whole sheet. */
export type ImportCellError = { row: number | null; column: string | null; header?: string; message: string };
/** POST /api/import/:kind: what was imported and, with onlyValid, the rows left out. */
export type ImportResultDto = { imported: number; rowCount: number; errors: ImportCellError[]; errorCount: number; invalidRows: number[] };
export type NearestResourceKind = 'depot' | 'team' | 'shelter' | 'expert' | 'equipment';
/** A hit of GET /api/resources/nearest: road km (straight line × road factor) and estimated minutes. */
export type NearestHitDto = { id: string; kind: NearestResourceKind; name: string; km: number; straightKm: number; minutes: number };
export type NotificationDto = { id: string; text: string; incidentId: string | null; responseId: string | null; at: string; read: boolean };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
}

export interface ClientOptions {
  baseUrl?: string;
  /** Bearer token for machine clients; browsers use the session cookie + CSRF token instead. */
  token?: string;
  fetch?: typeof fetch;
  lang?: 'zh-CN' | 'en';
}

type Page<T> = { items: T[]; nextCursor: string | null };

export function createClient(opts: ClientOptions = {}) {
  const f = opts.fetch ?? fetch;
  let csrf: string | null = null;
  let cookie: string | null = null; // only used outside browsers (tests, CLI)
  const base = opts.baseUrl ?? '';

  async function call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (opts.lang) headers['accept-language'] = opts.lang;
    // A caller may name another content type (CAP XML) and pass the body as text; it is then sent as it is.
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (cookie) headers.cookie = cookie;
    const res = await f(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' && headers['content-type'] !== 'application/json' ? body : JSON.stringify(body), credentials: 'same-origin' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && typeof window === 'undefined') cookie = setCookie.split(';')[0] ?? null;
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, data ?? { error: { code: 'http_' + res.status, message: res.statusText, fields: [] } });
    return data as T;
  }

  const authHeaders = (method: string): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (opts.lang) headers['accept-language'] = opts.lang;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (cookie) headers.cookie = cookie;
    return headers;
  };
  const failure = (status: number, statusText: string, text: string): ApiError => {
    let data: ErrorBody | undefined;
    try {
      data = text ? (JSON.parse(text) as ErrorBody) : undefined;
    } catch {
      data = undefined;
    }
    return new ApiError(status, data ?? { error: { code: 'http_' + status, message: statusText, fields: [] } });
  };

  /** A file from the API (an .xlsx template or export) as a Blob, with the session or token. */
  async function download(path: string): Promise<Blob> {
    const res = await f(base + path, { method: 'GET', headers: authHeaders('GET'), credentials: 'same-origin' });
    if (!res.ok) throw failure(res.status, res.statusText, await res.text());
    return res.blob();
  }

  /**
   * A file sent as multipart/form-data (field `file`). With `onProgress` in a browser the upload goes through
   * XMLHttpRequest so that the bytes sent can be shown; otherwise through fetch.
   */
  async function upload<T>(path: string, file: Blob, filename: string, onProgress?: (sent: number, total: number) => void): Promise<T> {
    const form = new FormData();
    form.append('file', file, filename);
    if (onProgress && typeof XMLHttpRequest !== 'undefined') {
      return new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', base + path);
        xhr.withCredentials = true;
        xhr.setRequestHeader('accept', 'application/json');
        for (const [k, v] of Object.entries(authHeaders('POST'))) if (k !== 'cookie') xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          } else reject(failure(xhr.status, xhr.statusText, xhr.responseText));
        };
        xhr.onerror = () => reject(new TypeError('Network request failed'));
        xhr.send(form);
      });
    }
    const res = await f(base + path, { method: 'POST', headers: { accept: 'application/json', ...authHeaders('POST') }, body: form, credentials: 'same-origin' });
    const text = await res.text();
    if (!res.ok) throw failure(res.status, res.statusText, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const qs = (q: Record<string, unknown>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : '';
  };

  const enc = encodeURIComponent;
  return {
    call,
    download,
    upload,
    setCsrf(token: string | null) { csrf = token; },
    async login(req: LoginRequest) {
      const s = await call<SessionBody>('POST', '/api/auth/login', req);
      csrf = s.csrfToken;
      return s;
    },
    async me() {
      const s = await call<SessionBody>('GET', '/api/auth/me');
      csrf = s.csrfToken;
      return s;
    },
    logout: () => call<{ ok: true }>('POST', '/api/auth/logout', {}),
    jurisdictions: (parent?: string) => call<Jurisdiction[]>('GET', `/api/jurisdictions${qs({ parent })}`),
    boundaries: (code?: string) => call<BoundaryCollection>('GET', `/api/jurisdictions/boundaries${qs({ code })}`),
    importBoundaries: (file: Blob, filename: string, onProgress?: (sent: number, total: number) => void) =>
      upload<BoundaryImportResult>('/api/jurisdictions/boundaries', file, filename, onProgress),
    incidentTypes: () => call<z.infer<typeof IncidentTypeInfo>[]>('GET', '/api/incident-types'),
    listIncidents: (q: IncidentListQuery = {}) => call<Page<Incident>>('GET', `/api/incidents${qs(q)}`),
    getIncident: (id: string) => call<Incident>('GET', `/api/incidents/${encodeURIComponent(id)}`),
    createIncident: (body: IncidentCreate, idempotencyKey?: string) =>
      call<Incident>('POST', '/api/incidents', body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    patchIncident: (id: string, body: IncidentPatch) => call<Incident>('PATCH', `/api/incidents/${encodeURIComponent(id)}`, body),
    incidentEvents: (id: string) => call<IncidentEvent[]>('GET', `/api/incidents/${encodeURIComponent(id)}/events`),
    incidentReports: (id: string) => call<RequiredReport[]>('GET', `/api/incidents/${encodeURIComponent(id)}/reports`),
    filedReports: (id: string) => call<FiledReport[]>('GET', `/api/incidents/${encodeURIComponent(id)}/reports/filed`),
    fileReport: (id: string, body: ReportFile) => call<FiledReport>('POST', `/api/incidents/${encodeURIComponent(id)}/reports`, body),
    rules: (jurisdiction?: string) => call<RulesView>('GET', `/api/rules${qs({ jurisdiction })}`),
    setRules: (code: string, settings: RuleSettings) => call<RulesView>('PUT', `/api/rules/${encodeURIComponent(code)}`, settings),
    organisations: () => call<Organisation[]>('GET', '/api/organisations'),
    createOrganisation: (body: z.input<typeof OrganisationCreate>) => call<Organisation>('POST', '/api/organisations', body),
    patchOrganisation: (id: string, body: z.input<typeof OrganisationPatch>) => call<Organisation>('PATCH', `/api/organisations/${encodeURIComponent(id)}`, body),
    deleteOrganisation: (id: string) => call<{ ok: true }>('DELETE', `/api/organisations/${encodeURIComponent(id)}`),
    users: () => call<User[]>('GET', '/api/users'),
    createUser: (body: z.input<typeof UserCreate>) => call<User>('POST', '/api/users', body),
    patchUser: (id: string, body: z.input<typeof UserPatch>) => call<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
    /** The caller's API tokens, or (admins) those of a user in scope. */
    apiTokens: (userId?: string) => call<ApiToken[]>('GET', `/api/auth/tokens${qs({ userId })}`),
    revokeApiToken: (id: string) => call<{ ok: true }>('DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`),

    plans: (q: { q?: string; kind?: string; health?: string } = {}) => call<PlanSummaryDto[]>('GET', `/api/plans${qs(q)}`),
    plan: (id: string) => call<PlanDetailDto>('GET', `/api/plans/${encodeURIComponent(id)}`),
    createPlan: (body: In<typeof P.PlanCreate>) => call<PlanDetailDto>('POST', '/api/plans', body),
    savePlan: (id: string, body: In<typeof P.PlanUpdate>) => call<PlanDetailDto>('PUT', `/api/plans/${encodeURIComponent(id)}`, body),
    issuePlan: (id: string, body: In<typeof P.PlanIssue>) => call<PlanDetailDto>('POST', `/api/plans/${encodeURIComponent(id)}/versions`, body),
    planDiff: (id: string, from: number, to: number | 'draft') => call<Out<typeof P.PlanDiff>>('GET', `/api/plans/${encodeURIComponent(id)}/diff${qs({ from, to })}`),
    addPlanRecord: (id: string, body: In<typeof P.PlanRecord>) => call<PlanDetailDto>('POST', `/api/plans/${encodeURIComponent(id)}/records`, body),
    planGaps: (id: string, level: string, version: number | 'draft' | 'current' = 'current') => call<GapDto[]>('GET', `/api/plans/${encodeURIComponent(id)}/gaps${qs({ level, version })}`),
    /** `content` is text, or Base64 for a .docx. */
    importPlan: (filename: string, content: string) => call<ImportedPlanDto>('POST', '/api/plans/import', { filename, content }),
    planSuggestions: (incidentId: string) => call<PlanSuggestionDto[]>('GET', `/api/incidents/${encodeURIComponent(incidentId)}/plan-suggestions`),
    activatePlan: (incidentId: string, body: In<typeof P.ActivateBody>) => call<ResponseDtoT>('POST', `/api/incidents/${encodeURIComponent(incidentId)}/responses`, body),
    incidentResponses: (incidentId: string) => call<ResponseDtoT[]>('GET', `/api/incidents/${encodeURIComponent(incidentId)}/responses`),
    responses: (status?: 'active' | 'lifted') => call<ResponseDtoT[]>('GET', `/api/responses${qs({ status })}`),
    response: (id: string) => call<ResponseDtoT>('GET', `/api/responses/${encodeURIComponent(id)}`),
    patchResponse: (id: string, body: In<typeof P.ResponsePatch>) => call<ResponseDtoT>('PATCH', `/api/responses/${encodeURIComponent(id)}`, body),
    responseTasks: (id: string) => call<TaskDto[]>('GET', `/api/responses/${encodeURIComponent(id)}/tasks`),
    myTasks: () => call<TaskDto[]>('GET', '/api/tasks/mine'),
    signTask: (id: string) => call<TaskDto>('POST', `/api/tasks/${encodeURIComponent(id)}/sign`, {}),
    taskProgress: (id: string, body: In<typeof P.TaskProgressBody>) => call<TaskDto>('POST', `/api/tasks/${encodeURIComponent(id)}/progress`, body),
    notifications: () => call<NotificationDto[]>('GET', '/api/notifications'),
    readNotifications: () => call<{ ok: true }>('POST', '/api/notifications/read', {}),

    sensors: () => call<SensorDto[]>('GET', '/api/sensors'),
    createSensor: (body: In<typeof M.SensorCreate>) => call<Out<typeof M.SensorCreated>>('POST', '/api/sensors', body),
    warnings: (status?: string) => call<WarningDtoT[]>('GET', `/api/warnings${qs({ status })}`),
    warning: (id: string) => call<WarningDtoT>('GET', `/api/warnings/${encodeURIComponent(id)}`),
    createWarning: (body: In<typeof M.WarningCreate>) => call<WarningDtoT>('POST', '/api/warnings', body),
    warningAction: (id: string, action: 'approve' | 'issue' | 'lift', note = '') => call<WarningDtoT>('POST', `/api/warnings/${encodeURIComponent(id)}/${action}`, { note }),
    ackWarning: (id: string) => call<WarningDtoT>('POST', `/api/warnings/${encodeURIComponent(id)}/ack`, {}),
    /** A CAP 1.2 (or 1.1) document as it is; 400 says why it is not one, 409 when already imported. */
    importCap: (xml: string) => call<{ warningId: string }>('POST', '/api/cap/import', xml, { 'content-type': 'application/xml' }),
    warningRuleTemplates: () => call<RuleTemplateDto[]>('GET', '/api/warning-rules/templates'),
    warningRules: () => call<WarningRuleDto[]>('GET', '/api/warning-rules'),
    createWarningRule: (body: WarningRuleCreateBody) => call<WarningRuleDto>('POST', '/api/warning-rules', body),
    setWarningRuleEnabled: (id: string, enabled: boolean) => call<WarningRuleDto>('PATCH', `/api/warning-rules/${encodeURIComponent(id)}`, { enabled }),
    webhooks: () => call<WebhookDto[]>('GET', '/api/webhooks'),
    /** The signing secret comes back this once. */
    createWebhook: (body: In<typeof M.WebhookCreate>) => call<Out<typeof M.WebhookCreated>>('POST', '/api/webhooks', body),
    setWebhookEnabled: (id: string, enabled: boolean) => call<WebhookDto>('PATCH', `/api/webhooks/${encodeURIComponent(id)}`, { enabled }),
    webhookDeliveries: (status?: WebhookDeliveryStatus) => call<WebhookDeliveryDto[]>('GET', `/api/webhooks/deliveries${qs({ status })}`),
    retryWebhookDelivery: (id: string) => call<WebhookDeliveryDto>('POST', `/api/webhooks/deliveries/${encodeURIComponent(id)}/retry`, {}),

    // The registers: each entry is changed field by field (PATCH: only the fields given) and deleted (204; 409 in_use while referenced).
    items: () => call<ItemDto[]>('GET', '/api/items'),
    createItem: (body: In<typeof R.ItemCreate>) => call<ItemDto>('POST', '/api/items', body),
    patchItem: (id: string, body: In<typeof R.ItemPatch>) => call<ItemDto>('PATCH', `/api/items/${enc(id)}`, body),
    deleteItem: (id: string) => call<void>('DELETE', `/api/items/${enc(id)}`),
    depots: () => call<DepotDto[]>('GET', '/api/depots'),
    createDepot: (body: In<typeof R.DepotCreate>) => call<DepotDto>('POST', '/api/depots', body),
    patchDepot: (id: string, body: In<typeof R.DepotPatch>) => call<DepotDto>('PATCH', `/api/depots/${enc(id)}`, body),
    deleteDepot: (id: string) => call<void>('DELETE', `/api/depots/${enc(id)}`),
    teams: () => call<TeamDto[]>('GET', '/api/teams'),
    createTeam: (body: In<typeof R.TeamCreate>) => call<TeamDto>('POST', '/api/teams', body),
    patchTeam: (id: string, body: In<typeof R.TeamPatch>) => call<TeamDto>('PATCH', `/api/teams/${enc(id)}`, body),
    deleteTeam: (id: string) => call<void>('DELETE', `/api/teams/${enc(id)}`),
    experts: () => call<ExpertDto[]>('GET', '/api/experts'),
    createExpert: (body: In<typeof R.ExpertCreate>) => call<ExpertDto>('POST', '/api/experts', body),
    patchExpert: (id: string, body: In<typeof R.ExpertPatch>) => call<ExpertDto>('PATCH', `/api/experts/${enc(id)}`, body),
    deleteExpert: (id: string) => call<void>('DELETE', `/api/experts/${enc(id)}`),
    equipment: () => call<EquipmentDto[]>('GET', '/api/equipment'),
    createEquipment: (body: In<typeof R.EquipmentCreate>) => call<EquipmentDto>('POST', '/api/equipment', body),
    patchEquipment: (id: string, body: In<typeof R.EquipmentPatch>) => call<EquipmentDto>('PATCH', `/api/equipment/${enc(id)}`, body),
    deleteEquipment: (id: string) => call<void>('DELETE', `/api/equipment/${enc(id)}`),
    shelters: () => call<ShelterDto[]>('GET', '/api/shelters'),
    createShelter: (body: In<typeof R.ShelterCreate>) => call<ShelterDto>('POST', '/api/shelters', body),
    patchShelter: (id: string, body: In<typeof R.ShelterPatch>) => call<ShelterDto>('PATCH', `/api/shelters/${enc(id)}`, body),
    deleteShelter: (id: string) => call<void>('DELETE', `/api/shelters/${enc(id)}`),
    stock: (q: StockQueryT = {}) => call<StockLineDto[]>('GET', `/api/stock${qs(q)}`),
    movements: (q: { depotId?: string; itemId?: string; incidentId?: string } = {}) => call<MovementDtoT[]>('GET', `/api/stock/movements${qs(q)}`),
    /** 409 insufficient_stock when it would take a depot below zero (nothing is written). */
    createMovement: (body: MovementCreateBody) => call<MovementDtoT>('POST', '/api/stock/movements', body),
    /** Starts the optimiser's worker threads ahead of the first proposal (best effort, 204). */
    warmAllocation: () => call<void>('POST', '/api/allocation/warm-up'),
    proposeAllocation: (requestIds?: string[]) => call<Out<typeof R.AllocationProposalDto>>('POST', '/api/allocation/propose', requestIds ? { requestIds } : {}),
    acceptAllocation: (id: string, allocations?: { requestId: string; depotId: string; quantity: number }[]) =>
      call<{ id: string; orders: number }>('POST', `/api/allocation/${enc(id)}/accept`, allocations ? { allocations } : {}),
    resourceRequests: (incidentId: string) => call<ResourceRequestDto[]>('GET', `/api/incidents/${enc(incidentId)}/resource-requests`),
    createResourceRequest: (incidentId: string, body: In<typeof R.RequestCreate>) => call<ResourceRequestDto>('POST', `/api/incidents/${enc(incidentId)}/resource-requests`, body),
    decideResourceRequest: (id: string, decision: 'approve' | 'reject', note = '') => call<ResourceRequestDto>('POST', `/api/resource-requests/${enc(id)}/${decision}`, { note }),
    createDispatchOrder: (requestId: string, body: In<typeof R.OrderCreate>) => call<ResourceRequestDto>('POST', `/api/resource-requests/${enc(requestId)}/orders`, body),
    dispatchOrderAction: (id: string, action: DispatchOrderAction) => call<ResourceRequestDto>('POST', `/api/dispatch-orders/${enc(id)}/${action}`),
    nearestResources: (q: { lat: number; lon: number; kind?: NearestResourceKind; limit?: number }) => call<NearestHitDto[]>('GET', `/api/resources/nearest${qs(q)}`),
    sheetTemplate: (kind: SheetKindT) => download(`/api/import/${enc(kind)}/template.xlsx`),
    exportSheet: (kind: SheetKindT) => download(`/api/export/${enc(kind)}.xlsx`),
    /** 400 invalid_rows (error.fields: cell like D12 and message) while any row is wrong, unless `onlyValid`. */
    /** progressId: the server's own progress comes as `progress` events with this id on the live stream. */
    importSheet: (kind: SheetKindT, file: Blob, filename: string, opts: { onlyValid?: boolean; progressId?: string; onProgress?: (sent: number, total: number) => void } = {}) =>
      upload<ImportResultDto>(`/api/import/${enc(kind)}${qs({ onlyValid: opts.onlyValid ? 'true' : undefined, progressId: opts.progressId })}`, file, filename, opts.onProgress),
  };
}
export type Client = ReturnType<typeof createClient>;
