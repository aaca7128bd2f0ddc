// /plans/import — a Word/Markdown/text plan becomes a structured draft to review (levels, organisations,
// lift conditions, and every paragraph that was not recognised), then a plan draft of a jurisdiction.
// A YAML/JSON plan (as exported) is checked field by field instead.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Form, Input, Row, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Organisation } from '../../../../contracts/admin';
import type { ImportedPlanDto } from '../../../../contracts/client';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanContent, type PlanKind } from '../../../../domain/plans/model';
import { api, useFetched, ApiError, isApiError } from '../../../app/api';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { useUser } from '../../../app/session';
import { useGradeText } from '../../../components/GradeTag';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { pathText } from '../editor/diffText';
import { fitToLimits } from './fit';
import { IMPORT_EXTENSIONS, importFileProblem, readForImport, type ImportFileProblem } from './readFile';

type Level = ImportedPlanDto['levels'][number];
type Org = ImportedPlanDto['organisations'][number];

/** A failure shown in full: the message and every field the server named. */
interface Failure {
  title: string;
  lines: string[];
}

const PROBLEM_KEYS: Record<ImportFileProblem, MessageKey> = {
  too_large: 'plans.import.tooLarge',
  empty: 'plans.import.empty',
  legacy_word: 'plans.import.legacyWord',
  pdf: 'plans.import.pdf',
  unsupported: 'plans.import.unsupported',
};

function useFailure() {
  const { t } = useI18n();
  return (e: unknown): Failure => {
    if (e instanceof ApiError) {
      const title = e.body.error.message;
      const lines = (e.body.error.fields ?? [])
        .filter((f) => f.message !== title)
        .map((f) => (f.path && f.path !== 'file' ? `${pathText(f.path, t)}：${f.message}` : f.message));
      return { title, lines };
    }
    if (e instanceof TypeError) return { title: t('error.network'), lines: [] };
    return { title: t('error.unexpected', { msg: e instanceof Error ? e.message : String(e) }), lines: [] };
  };
}

function FailureAlert({ failure, testId }: { failure: Failure; testId: string }) {
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={failure.title}
      description={
        failure.lines.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {failure.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )
      }
      data-testid={testId}
    />
  );
}

const Bullets = ({ items }: { items: string[] }) =>
  items.length ? (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

interface SaveValues {
  jurisdictionCode: string;
  organisationId?: string;
  title: string;
  kind: PlanKind;
}

function SaveCard({ result }: { result: ImportedPlanDto }) {
  const { t, pick } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const toFailure = useFailure();
  const [form] = Form.useForm<SaveValues>();
  const orgs = useFetched(api.organisations, [] as Organisation[]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);


  // Paragraphs longer than a field allows are shortened (the full text stays in the document structure).
  const fitted = useMemo(() => fitToLimits(result.draft as PlanContent), [result.draft]);

  const submit = async (v: SaveValues) => {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.createPlan({ jurisdictionCode: v.jurisdictionCode, organisationId: v.organisationId ?? null, content: { ...fitted.content, title: v.title.trim(), kind: v.kind } });
      navigate(`/plans/${created.id}`);
    } catch (e) {
      setFailure(toFailure(e));
      if (isApiError(e)) {
        const names: Record<string, keyof SaveValues> = { jurisdictionCode: 'jurisdictionCode', organisationId: 'organisationId', 'content.title': 'title', 'content.kind': 'kind' };
        form.setFields((e.body.error.fields ?? []).flatMap((f) => (names[f.path] ? [{ name: names[f.path]!, errors: [f.message] }] : [])));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('plans.import.saveTitle')} style={{ marginBottom: 16 }} data-testid="import-save">
      {failure && <FailureAlert failure={failure} testId="import-save-error" />}
      <Form<SaveValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ jurisdictionCode: user.jurisdiction.code, title: result.title, kind: result.kind }}
      >
        <Form.Item name="title" label={t('plans.field.title')} rules={[{ required: true, whitespace: true, max: 200, message: t('plans.field.titleRequired') }]}>
          <Input maxLength={200} data-testid="import-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('plans.field.kind')} rules={[{ required: true }]}>
          <Select options={PLAN_KINDS.map((k) => ({ value: k, label: pick(PLAN_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('plans.field.jurisdiction')} rules={[{ required: true, message: t('plans.new.jurisdictionRequired') }]}>
          <JurisdictionSelect style={{ width: '100%' }} data-testid="import-jurisdiction" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('plans.field.organisation')}>
          <Select
            allowClear
            loading={orgs === null}
            placeholder={t('common.optional')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(orgs ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}` }))}
          />
        </Form.Item>
        {fitted.shortened.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('plans.import.shortened', { n: fitted.shortened.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflow: 'auto' }}>
                {fitted.shortened.map((x) => (
                  <li key={x.path}>{t('plans.import.shortenedItem', { where: pathText(x.path, t), length: x.length, limit: x.limit })}</li>
                ))}
              </ul>
            }
            data-testid="import-shortened"
          />
        )}
        <Typography.Paragraph type="secondary">{t('plans.import.saveHint')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} block data-testid="import-save-submit">
          {t('plans.import.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Review({ result, filename }: { result: ImportedPlanDto; filename: string }) {
  const { t, pick } = useI18n();
  const gradeText = useGradeText();
  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Card title={t('plans.import.reviewTitle')} style={{ marginBottom: 16 }} data-testid="import-review">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'file', label: t('plans.import.file'), children: filename },
              { key: 'format', label: t('plans.import.format'), children: result.format.toUpperCase() },
              { key: 'title', label: t('plans.field.title'), children: <span data-testid="import-result-title">{result.title || '—'}</span> },
              { key: 'kind', label: t('plans.field.kind'), children: pick(PLAN_KIND_LABELS[result.kind]) },
            ]}
          />
          {result.structured && <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('plans.import.structured')} />}
          {result.notes.map((n, i) => (
            <Alert key={i} type="warning" showIcon style={{ marginBottom: 8 }} title={n} data-testid="import-note" />
          ))}
        </Card>
        <Card title={t('plans.import.levels', { n: result.levels.length })} style={{ marginBottom: 16 }} styles={{ body: { paddingTop: 8 } }}>
          {result.levels.length === 0 && <Typography.Text type="secondary">{t('plans.import.noLevels')}</Typography.Text>}
          {result.levels.map((l: Level, i) => (
            <div key={`${l.name}-${i}`} style={{ borderTop: i ? '1px solid #f0f0f0' : undefined, padding: '12px 0' }} data-testid="import-level">
              <Space wrap size={8} style={{ marginBottom: 8 }}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {l.name}
                </Typography.Text>
                <Tag>
                  {t('plans.level.rank')} {l.rank}
                </Tag>
                {l.minGrade && <Tag color="blue">{gradeText(l.minGrade)}</Tag>}
              </Space>
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Typography.Text type="secondary">{t('plans.import.conditions')}</Typography.Text>
                  <Bullets items={l.conditions} />
                </Col>
                <Col xs={24} md={14}>
                  <Typography.Text type="secondary">{t('plans.import.actions', { n: l.actions.length })}</Typography.Text>
                  <div style={{ maxHeight: 280, overflow: 'auto' }}>
                    <Bullets items={l.actions} />
                  </div>
                </Col>
              </Row>
            </div>
          ))}
        </Card>
        <Card title={t('plans.import.organisations', { n: result.organisations.length })} style={{ marginBottom: 16 }}>
          <Table<Org>
            size="small"
            rowKey={(o, i) => `${o.name}-${i}`}
            pagination={result.organisations.length > 20 ? { pageSize: 20 } : false}
            dataSource={result.organisations}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('plans.import.noOrganisations') }}
            columns={[
              { title: t('plans.import.organisation'), dataIndex: 'name', key: 'name', width: 200 },
              { title: t('plans.import.duties'), key: 'duties', render: (_: unknown, o) => <div style={{ minWidth: 240, maxWidth: 560 }}><Bullets items={o.duties} /></div> },
            ]}
          />
        </Card>
        <Card title={t('plans.import.lift', { n: result.liftConditions.length })} style={{ marginBottom: 16 }}>
          {result.liftConditions.length ? (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {result.liftConditions.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ol>
          ) : (
            <Typography.Text type="secondary">{t('plans.import.noLift')}</Typography.Text>
          )}
        </Card>
        <Collapse
          style={{ marginBottom: 16 }}
          defaultActiveKey={result.unrecognised.length ? ['u'] : []}
          data-testid="import-unrecognised"
          items={[
            {
              key: 'u',
              label: (
                <Space>
                  {t('plans.import.unrecognised')}
                  <Tag color={result.unrecognised.length ? 'orange' : 'default'}>{t('plans.import.paragraphs', { n: result.unrecognised.length })}</Tag>
                </Space>
              ),
              children: result.unrecognised.length ? (
                <div style={{ maxHeight: 480, overflow: 'auto' }}>
                  {result.unrecognised.map((p, i) => (
                    <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap', borderInlineStart: '3px solid #ffd591', paddingInlineStart: 8 }}>
                      {p}
                    </Typography.Paragraph>
                  ))}
                </div>
              ) : (
                <Typography.Text type="secondary">{t('plans.import.allRecognised')}</Typography.Text>
              ),
            },
          ]}
        />
      </Col>
      <Col xs={24} lg={8}>
        <div style={{ position: 'sticky', top: 72 }}>
          <SaveCard result={result} />
        </div>
      </Col>
    </Row>
  );
}

export default function PlanImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toFailure = useFailure();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [result, setResult] = useState<{ filename: string; data: ImportedPlanDto } | null>(null);

  useEffect(() => {
    document.title = `${t('plans.import.title')} · ${t('app.name')}`;
  }, [t]);

  const handle = async (file: File) => {
    setFailure(null);
    const problem = importFileProblem(file);
    if (problem) {
      setFailure({ title: t(PROBLEM_KEYS[problem]), lines: [] });
      return;
    }
    setBusy(file.name);
    setResult(null);
    try {
      const content = await readForImport(file);
      setResult({ filename: file.name, data: await api.importPlan(file.name, content) });
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="sw-page" data-testid="plan-import">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/plans')} style={{ paddingInline: 0 }}>
        {t('plans.editor.back')}
      </Button>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('plans.import.title')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Spin spinning={busy !== null} description={busy ? t('plans.import.reading', { name: busy }) : undefined}>
          <Upload.Dragger
            accept={IMPORT_EXTENSIONS.join(',')}
            multiple={false}
            showUploadList={false}
            disabled={busy !== null}
            beforeUpload={(file) => {
              void handle(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="import-dragger"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('plans.import.drop')}</p>
            <p className="ant-upload-hint">{t('plans.import.dropHint')}</p>
          </Upload.Dragger>
        </Spin>
      </Card>
      {failure && <FailureAlert failure={failure} testId="import-error" />}
      {result && <Review key={result.filename} result={result.data} filename={result.filename} />}
    </div>
  );
}
