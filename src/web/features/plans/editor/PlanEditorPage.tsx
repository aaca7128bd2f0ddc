// /plans/:id — one plan as forms: basics, triggers, response levels (command structure, tasks, notices,
// resources), lift conditions; its document structure and required elements; versions and diff;
// 备案/演练/评估; gap check. Saving sends the whole PlanContent; issuing freezes the saved draft.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Grid, Result, Space, Switch, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TabsProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import type { Organisation, User } from '../../../../contracts/admin';
import type { PlanDetailDto } from '../../../../contracts/client';
import { PLAN_KIND_LABELS, type PlanContent } from '../../../../domain/plans/model';
import { api, ApiError, applyFieldErrors, isApiError, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { FullPageSpin, LoadError } from '../../../app/status';
import { formatTime } from '../../../app/time';
import { bracketPathToName, locate, toPlanContent, type EditorTab } from '../content';
import { PlanStatusTags } from '../HealthTags';
import { BasicTab } from './BasicTab';
import { pathText } from './diffText';
import { EditorContext, type EditorContextValue } from './context';
import { GapsTab } from './GapsTab';
import { IssueModal } from './IssueModal';
import { LevelsTab } from './LevelsTab';
import { LiftTab } from './LiftTab';
import { RecordsTab } from './RecordsTab';
import { StructureTab } from './StructureTab';
import { TriggersTab } from './TriggersTab';
import { useLeaveGuard } from './useLeaveGuard';
import { VersionsTab } from './VersionsTab';

interface Values {
  content: PlanContent;
}

type TabItems = NonNullable<TabsProps['items']>;
interface TabsState {
  tab: EditorTab;
  setTab: (t: EditorTab) => void;
  items: TabItems;
  small: boolean;
}
const TabsContext = createContext<TabsState | null>(null);

/**
 * The tabs inside the form. They read what changes (active tab, items) from a context, so that the antd
 * <Form> element itself stays the same: every render of <Form> re-renders each of its Form.Items (its
 * context value is rebuilt), which costs seconds on a large plan.
 */
function EditorTabs() {
  const s = useContext(TabsContext)!;
  return <Tabs activeKey={s.tab} onChange={(k) => s.setTab(k as EditorTab)} items={s.items} size={s.small ? 'small' : 'middle'} data-testid="plan-tabs" />;
}

function usePlan(id: string) {
  const [detail, setDetail] = useState<PlanDetailDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Bumped on every (re)load from the server: the form starts again from what was loaded. */
  const [loaded, setLoaded] = useState(0);
  const [key, setKey] = useState(0);
  useEffect(() => {
    let alive = true;
    setError(null);
    setDetail(null);
    api
      .plan(id)
      .then((d) => {
        if (!alive) return;
        setDetail(d);
        setLoaded((n) => n + 1);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [id, key]);
  const reload = useCallback(() => setKey((n) => n + 1), []);
  return { detail, setDetail, error, loaded, reload };
}

function usePickLists(canListUsers: boolean) {
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  const [users, setUsers] = useState<User[] | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .organisations()
      .then((o) => alive && setOrganisations(o))
      .catch(() => alive && setOrganisations([]));
    if (canListUsers)
      api
        .users()
        .then((u) => alive && setUsers(u))
        .catch(() => alive && setUsers(null));
    return () => {
      alive = false;
    };
  }, [canListUsers]);
  return { organisations, users };
}

export default function PlanEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { detail, setDetail, error, loaded, reload } = usePlan(id);

  if (error) {
    const missing = isApiError(error, 404) || isApiError(error, 403);
    const back = (
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/plans')}>
        {t('plans.editor.back')}
      </Button>
    );
    return <div className="sw-page">{missing ? <Result status="404" title={t('plans.editor.notFound')} extra={back} /> : <LoadError error={error} onRetry={reload} />}</div>;
  }
  if (!detail) return <FullPageSpin />;
  // A fresh form for every load from the server (a save keeps what is on screen).
  return <PlanEditor key={loaded} detail={detail} setDetail={setDetail} reload={reload} />;
}

function PlanEditor({ detail, setDetail, reload }: { detail: PlanDetailDto; setDetail: (d: PlanDetailDto) => void; reload: () => void }) {
  const { t, pick } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const isPhone = Grid.useBreakpoint().md === false;
  const { organisations, users } = usePickLists(can('user.manage'));
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [tab, setTab] = useState<EditorTab>('basic');
  const [levelFocus, setLevelFocus] = useState<{ index: number; seq: number } | null>(null);
  /** API errors that belong to no single field. */
  const [problems, setProblems] = useState<string[]>([]);
  const readOnly = !detail.editable;

  useLeaveGuard(dirty && !readOnly);

  // What the form starts from: the draft when there is one, else the version in force.
  const [initial] = useState<Values>(() => ({ content: toPlanContent((detail.draft ?? detail.current) as PlanContent | undefined) }));

  const title = Form.useWatch(['content', 'title'], form) as string | undefined;
  useEffect(() => {
    document.title = `${title || detail.title} · ${t('app.name')}`;
  }, [title, detail.title, t]);

  const markDirty = useCallback(() => setDirty(true), []);
  const ctx: EditorContextValue = useMemo(() => ({ readOnly, organisations, users, advanced, markDirty }), [readOnly, organisations, users, advanced, markDirty]);

  /** Go to a field: its tab, its level, then scroll to it. */
  const goTo = useCallback(
    (name: (string | number)[]) => {
      const where = locate(name);
      setTab(where.tab);
      if (where.level !== null) setLevelFocus({ index: where.level, seq: Date.now() });
      // The tab (and level) render first; a large level may take a moment, so try a few times.
      for (const ms of [80, 300, 800]) setTimeout(() => form.scrollToField(name, { block: 'center', behavior: ms === 80 ? 'smooth' : 'instant' }), ms);
    },
    [form],
  );

  const focusFirstError = useCallback(() => {
    const errors = form.getFieldsError().filter((f) => f.errors.length > 0);
    if (errors.some((f) => f.name.at(-1) === 'key')) setAdvanced(true);
    const first = errors[0];
    if (first) goTo(first.name);
  }, [form, goTo]);

  /**
   * API field errors go on their fields. Only one response level has its fields on screen, so errors of
   * another level wait until that level is shown; what belongs to no field is listed above the form.
   */
  const placeErrors = useCallback(
    (e: ApiError, attempt = 0) => {
      const rest = applyFieldErrors(form, e);
      const hidden = rest.find((f) => /^content\.levels\.\d+\./.test(f.path));
      if (hidden && attempt < 10) {
        if (attempt === 0) goTo(toName(hidden.path));
        setTimeout(() => placeErrors(new ApiError(e.status, { error: { ...e.body.error, fields: rest } }), attempt + 1), 120);
        return;
      }
      setProblems(rest.map((f) => (f.path ? `${pathText(f.path, t)}：${f.message}` : f.message)));
      focusFirstError();
    },
    [form, goTo, focusFirstError, t],
  );

  const save = useCallback(async (): Promise<PlanDetailDto | null> => {
    try {
      await form.validateFields();
    } catch {
      void message.error(t('plans.editor.fixErrors'));
      focusFirstError();
      return null;
    }
    const content = toPlanContent((form.getFieldsValue(true) as Partial<Values>).content);
    setSaving(true);
    setProblems([]);
    try {
      const d = await api.savePlan(detail.id, { content, version: detail.version });
      setDetail(d);
      setDirty(false);
      void message.success(t('plans.editor.saved'));
      return d;
    } catch (e) {
      if (isApiError(e, 409) && e.body.error.code === 'stale_version') {
        setStale(true);
        modal.warning({ title: t('plans.editor.staleTitle'), content: t('plans.editor.staleText') });
        return null;
      }
      if (e instanceof ApiError) {
        void message.error(e.body.error.message);
        placeErrors(e);
        return null;
      }
      onError(e);
      return null;
    } finally {
      setSaving(false);
    }
  }, [detail, form, message, modal, onError, t, focusFirstError, placeErrors, setDetail]);

  // The same elements on every render: saving, the dirty flag or a new detail do not re-render hundreds of fields.
  const basicTab = useMemo(() => <BasicTab />, []);
  const triggersTab = useMemo(() => <TriggersTab />, []);
  const levelsTab = useMemo(() => <LevelsTab focus={levelFocus} />, [levelFocus]);
  const liftTab = useMemo(() => <LiftTab />, []);
  const structureTab = useMemo(() => <StructureTab />, []);
  const onValuesChange = useCallback(() => setDirty(true), []);
  const formElement = useMemo(
    () => (
      <Form<Values> form={form} component={false} layout="vertical" disabled={readOnly} initialValues={initial} onValuesChange={onValuesChange} scrollToFirstError={false}>
        <EditorTabs />
      </Form>
    ),
    [form, readOnly, initial, onValuesChange],
  );

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/plans')} style={{ paddingInline: 0 }}>
      {t('plans.editor.back')}
    </Button>
  );

  const canIssue = detail.hasDraft || dirty;
  const shownLabel = detail.hasDraft ? t('plans.editor.showingDraft') : detail.currentVersion ? t('plans.editor.showingCurrent', { label: detail.currentVersion.label }) : '';

  const formTabs = [
    { key: 'basic', label: t('plans.tab.basic'), children: basicTab },
    { key: 'triggers', label: t('plans.tab.triggers'), children: triggersTab },
    { key: 'levels', label: t('plans.tab.levels'), children: levelsTab },
    { key: 'lift', label: t('plans.tab.lift'), children: liftTab },
  ].map((x) => ({ ...x, forceRender: true }));

  const otherTabs = [
    { key: 'structure', label: t('plans.tab.structure'), children: structureTab },
    { key: 'versions', label: t('plans.tab.versions'), children: <VersionsTab detail={detail} dirty={dirty} /> },
    {
      key: 'records',
      label: (
        <span>
          {t('plans.tab.records')}
          {detail.health === 'overdue' && <Tag color="error" style={{ marginInlineStart: 6 }}>{t('plans.health.overdue')}</Tag>}
          {detail.health === 'due_soon' && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('plans.health.due_soon')}</Tag>}
        </span>
      ),
      children: <RecordsTab detail={detail} canRecord={detail.editable} onChanged={setDetail} />,
    },
    { key: 'gaps', label: t('plans.tab.gaps'), children: <GapsTab detail={detail} dirty={dirty} onLocate={(p) => goTo(gapTarget(p))} /> },
  ];

  const tabsState: TabsState = { tab, setTab, items: [...formTabs, ...otherTabs], small: isPhone };

  return (
    <EditorContext.Provider value={ctx}>
      <div className="sw-page" data-testid="plan-editor" data-id={detail.id} data-version={detail.version}>
        {back}
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }} data-testid="plan-editor-title">
            {title || detail.title}
          </Typography.Title>
          <Tag>{pick(PLAN_KIND_LABELS[detail.kind])}</Tag>
          <PlanStatusTags plan={detail} />
          <Typography.Text type="secondary">
            {detail.jurisdictionName}
            {detail.organisationName ? ` · ${detail.organisationName}` : ''}
            {shownLabel ? ` · ${shownLabel}` : ''}
          </Typography.Text>
          <Space style={{ marginInlineStart: 'auto' }} wrap>
            {detail.currentVersion && (
              <a href={`/api/plans/${encodeURIComponent(detail.id)}/export.yaml?version=current`} download>
                <DownloadOutlined /> {t('plans.editor.exportYaml')}
              </a>
            )}
            {!readOnly && (
              <Tooltip title={t('plans.editor.advancedHint')}>
                <Space size={4}>
                  <Switch size="small" checked={advanced} onChange={setAdvanced} data-testid="plan-advanced" />
                  <Typography.Text type="secondary">{t('plans.editor.advanced')}</Typography.Text>
                </Space>
              </Tooltip>
            )}
          </Space>
        </div>
        {readOnly && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={can('plan.manage') ? t('plans.editor.readOnlyHigher', { place: detail.jurisdictionName }) : t('plans.editor.readOnlyRole')}
            data-testid="plan-readonly"
          />
        )}
        {stale && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('plans.editor.staleTitle')}
            description={t('plans.editor.staleText')}
            action={
              <Button danger onClick={reload}>
                {t('plans.editor.reload')}
              </Button>
            }
            data-testid="plan-stale"
          />
        )}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setProblems([]) }}
            style={{ marginBottom: 12 }}
            title={t('plans.editor.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            }
            data-testid="plan-problems"
          />
        )}
        <TabsContext.Provider value={tabsState}>{formElement}</TabsContext.Provider>
        {!readOnly && (
          <div
            style={{
              position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', borderTop: '1px solid #f0f0f0', boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
              padding: '8px 12px', marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center',
            }}
            data-testid="plan-toolbar"
          >
            <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="plan-save-state">
              {dirty ? t('plans.editor.unsaved') : detail.hasDraft ? t('plans.editor.draftSavedAt', { at: formatTime(detail.updatedAt) }) : t('plans.editor.noChanges')}
            </Typography.Text>
            <Space style={{ marginInlineStart: 'auto' }} wrap>
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} disabled={stale || !dirty} data-testid="plan-save">
                {t('plans.editor.save')}
              </Button>
              <Tooltip title={canIssue ? undefined : t('plans.editor.issueNoDraft')}>
                <Button icon={<CheckCircleOutlined />} disabled={!canIssue || stale} onClick={() => setIssuing(true)} data-testid="plan-issue">
                  {t('plans.editor.issue')}
                </Button>
              </Tooltip>
            </Space>
          </div>
        )}
        <IssueModal
          open={issuing}
          detail={detail}
          dirty={dirty}
          save={save}
          onClose={() => setIssuing(false)}
          onIssued={(d) => {
            setIssuing(false);
            setDetail(d);
            setDirty(false);
            void message.success(t('plans.issue.done', { label: d.currentVersion?.label ?? '' }));
          }}
        />
      </div>
    </EditorContext.Provider>
  );
}

/** "content.levels.1.tasks.12.title" → ['content', 'levels', 1, 'tasks', 12, 'title'] */
function toName(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Where a gap points: the filler of a role, the role of a task, the notice itself. */
function gapTarget(path: string): (string | number)[] {
  const name = bracketPathToName(path);
  const part = name.at(-2);
  if (part === 'roles') return [...name, 'filledBy'];
  if (part === 'tasks') return [...name, 'roleKey'];
  return name;
}
