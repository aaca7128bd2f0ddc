// 情况报告/续报 of an incident: gathered from its figures, timeline, response tasks and filed reports,
// composed in domain (composeSitrep), rendered as .docx or PDF.
import { composeSitrep, type SitrepInput } from '../../../domain/responses/sitrep';
import type { Db } from '../../db';
import type { Principal } from '../auth/principal';
import type { IncidentService } from '../incidents/incidents.service';
import type { ResponseService } from '../responses/responses.service';
import { renderSitrepDocx } from './render-docx';
import { pdfFont, renderSitrepPdf } from './render-pdf';

export interface SitrepQuery {
  kind?: 'initial' | 'follow_up';
  sequence?: number;
  recipient?: string;
}

export class SitrepService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly responses: ResponseService,
    private readonly opts: { clock?: () => Date; pdfFont?: string | null } = {},
  ) {}

  private now() {
    return this.opts.clock?.() ?? new Date();
  }

  async compose(p: Principal, incidentId: string, q: SitrepQuery) {
    const { incident, responses, tasks } = await this.responses.sitrepFacts(p, incidentId);
    const [events, filed] = await Promise.all([this.incidents.events(p, incidentId), this.incidents.filedReports(p, incidentId)]);
    const followUps = filed.filter((r) => r.kind === 'follow_up').length;
    const kind = q.kind ?? (filed.length ? 'follow_up' : 'initial');
    // Reports go up one level by default: the emergency bureau of the jurisdiction above the caller's.
    const parent = await this.db
      .selectFrom('jurisdictions as j')
      .innerJoin('jurisdictions as up', 'up.code', 'j.parent_code')
      .select('up.name')
      .where('j.code', '=', p.jurisdictionCode)
      .executeTakeFirst();
    const input: SitrepInput = {
      kind, sequence: q.sequence ?? followUps + 1,
      issuer: { organisationName: p.organisationName, jurisdictionName: p.jurisdictionName },
      recipient: q.recipient || `${parent?.name ?? p.jurisdictionName}应急管理局`,
      generatedAt: this.now().toISOString(),
      incident: {
        title: incident.title, categoryCode: incident.category, typeCode: incident.typeCode, occurredAt: incident.occurredAt,
        address: incident.location?.address ?? '', jurisdictionName: incident.jurisdictionName, grade: incident.grade,
        gradeMode: incident.gradeMode, status: incident.status, description: incident.description, impact: incident.impact,
      },
      responses: responses.map((r) => ({ planTitle: r.planTitle, levelName: r.levelName, activatedAt: r.activatedAt, status: r.status, liftedAt: r.liftedAt })),
      tasks: tasks.map((x) => ({
        title: x.title, roleTitle: x.roleTitle, assigneeName: x.assignee?.name ?? null, status: x.status, dueAt: x.dueAt, doneAt: x.doneAt,
        lastProgress: x.progress.at(-1)?.text ?? null,
      })),
      reports: filed.map((r) => ({ kind: r.kind, filedAt: r.filedAt, recipient: r.recipient || null })),
      timeline: events.filter((e) => !e.type.startsWith('task.')).slice(-20).map((e) => ({ at: e.at, summary: e.summary })),
    };
    return composeSitrep(input);
  }

  async docx(p: Principal, incidentId: string, q: SitrepQuery) {
    const doc = await this.compose(p, incidentId, q);
    return { title: doc.title, content: await renderSitrepDocx(doc) };
  }

  async pdf(p: Principal, incidentId: string, q: SitrepQuery) {
    const doc = await this.compose(p, incidentId, q);
    return { title: doc.title, content: await renderSitrepPdf(doc, pdfFont(this.opts.pdfFont ?? null)) };
  }
}
