import { subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { AttachmentRow, NotificationRow, ResponseRow, TaskProgressRow, TaskRow } from '../../db/schema';

export type ResponseWithNames = ResponseRow & { incident_title: string; plan_title: string; version_label: string; version_content: string; jurisdiction_name: string };

const withNames = (db: Db | Tx, scopePath: string) => {
  const r = subtreeRange(scopePath);
  return db
    .selectFrom('responses as r')
    .innerJoin('incidents as i', 'i.id', 'r.incident_id')
    .innerJoin('plans as p', 'p.id', 'r.plan_id')
    .innerJoin('plan_versions as v', 'v.id', 'r.plan_version_id')
    .innerJoin('jurisdictions as j', 'j.code', 'r.jurisdiction_code')
    .selectAll('r')
    .select(['i.title as incident_title', 'p.title as plan_title', 'v.label as version_label', 'v.content as version_content', 'j.name as jurisdiction_name'])
    .where('r.scope_path', '>=', r.from)
    .where('r.scope_path', '<', r.to);
};

export const responsesRepository = (db: Db | Tx) => ({
  list(scopePath: string, f: { status?: string; incidentId?: string }): Promise<ResponseWithNames[]> {
    let q = withNames(db, scopePath);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.incidentId) q = q.where('r.incident_id', '=', f.incidentId);
    return q.orderBy('r.activated_at', 'desc').limit(500).execute();
  },
  get(id: string, scopePath: string): Promise<ResponseWithNames | undefined> {
    return withNames(db, scopePath).where('r.id', '=', id).executeTakeFirst();
  },
  insert(row: ResponseRow) {
    return db.insertInto('responses').values(row).execute();
  },
  async update(id: string, version: number, changes: Partial<ResponseRow>): Promise<boolean> {
    const r = await db.updateTable('responses').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  tasksOf(responseIds: string[]): Promise<TaskRow[]> {
    if (!responseIds.length) return Promise.resolve([]);
    return db.selectFrom('tasks').selectAll().where('response_id', 'in', responseIds).orderBy('due_at').orderBy('id').execute();
  },
  task(id: string, scopePath: string): Promise<TaskRow | undefined> {
    const r = subtreeRange(scopePath);
    return db.selectFrom('tasks').selectAll().where('id', '=', id).where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirst();
  },
  /** Open tasks a user must act on: assigned to them or to their organisation. */
  openTasksFor(userId: string, organisationId: string, scopePath: string): Promise<TaskRow[]> {
    const r = subtreeRange(scopePath);
    return db
      .selectFrom('tasks')
      .selectAll()
      .where('assignee_id', 'in', [userId, organisationId])
      .where('status', '!=', 'done')
      .where('scope_path', '>=', r.from)
      .where('scope_path', '<', r.to)
      .orderBy('due_at')
      .limit(500)
      .execute();
  },
  /** Open tasks of active responses past their due time that nobody has announced yet (the scheduled check). */
  overdueUnnoticed(now: string, limit: number): Promise<(TaskRow & { jurisdiction_code: string })[]> {
    return db
      .selectFrom('tasks as t')
      .innerJoin('responses as r', 'r.id', 't.response_id')
      .selectAll('t')
      .select('r.jurisdiction_code')
      .where('t.overdue_noticed_at', 'is', null)
      .where('t.due_at', '<=', now)
      .where('t.status', '!=', 'done')
      .where('r.status', '=', 'active')
      .orderBy('t.due_at')
      .limit(limit)
      .execute();
  },
  async noticeOverdue(id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('tasks').set({ overdue_noticed_at: at }).where('id', '=', id).where('overdue_noticed_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  insertTasks(rows: TaskRow[]) {
    return rows.length ? db.insertInto('tasks').values(rows).execute() : Promise.resolve([]);
  },
  async updateTask(id: string, version: number, changes: Partial<TaskRow>): Promise<boolean> {
    const r = await db.updateTable('tasks').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  progressOf(taskIds: string[]): Promise<TaskProgressRow[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return db.selectFrom('task_progress').selectAll().where('task_id', 'in', taskIds).orderBy('at').execute();
  },
  insertProgress(row: TaskProgressRow) {
    return db.insertInto('task_progress').values(row).execute();
  },
  attachmentsOf(progressIds: string[]) {
    if (!progressIds.length) return Promise.resolve([]);
    return db.selectFrom('attachments').select(['id', 'progress_id', 'filename', 'size']).where('progress_id', 'in', progressIds).execute();
  },
  insertAttachment(row: AttachmentRow) {
    return db.insertInto('attachments').values(row).execute();
  },
  attachment(id: string, scopePath: string) {
    const r = subtreeRange(scopePath);
    return db.selectFrom('attachments').selectAll().where('id', '=', id).where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirst();
  },
  usersOfOrganisations(orgIds: string[]) {
    if (!orgIds.length) return Promise.resolve([]);
    return db.selectFrom('users').select(['id', 'organisation_id']).where('organisation_id', 'in', orgIds).where('disabled', '=', 0).execute();
  },
  activeUsers(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('users').select('id').where('id', 'in', ids).where('disabled', '=', 0).execute();
  },
  insertNotifications(rows: NotificationRow[]) {
    return rows.length ? db.insertInto('notifications').values(rows).execute() : Promise.resolve([]);
  },
  notificationsFor(userId: string) {
    return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
  },
  markRead(userId: string, at: string) {
    return db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  },
});
