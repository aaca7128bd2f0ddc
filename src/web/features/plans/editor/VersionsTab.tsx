// 版本: issued versions (immutable), YAML export of each, and what changed between two of them (or the draft).
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import type { PlanDetailDto } from '../../../../contracts/client';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';
import { pathText, valueText } from './diffText';

type Change = Awaited<ReturnType<typeof api.planDiff>>['changes'][number];
type Which = number | 'draft';

const exportHref = (id: string, which: Which | 'current') => `/api/plans/${encodeURIComponent(id)}/export.yaml?version=${which}`;

export function VersionsTab({ detail, dirty }: { detail: PlanDetailDto; dirty: boolean }) {
  const { t } = useI18n();
  const onError = useApiError();
  const versions = detail.versions;
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<Which | undefined>();
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [busy, setBusy] = useState(false);

  // Sensible defaults: the draft against the version in force, else the last two versions.
  useEffect(() => {
    const sorted = [...versions].sort((a, b) => b.no - a.no);
    if (detail.hasDraft && sorted[0]) {
      setFrom(sorted[0].no);
      setTo('draft');
    } else if (sorted.length >= 2) {
      setFrom(sorted[1]!.no);
      setTo(sorted[0]!.no);
    }
    setChanges(null);
  }, [versions, detail.hasDraft]);

  const compare = async () => {
    if (from === undefined || to === undefined) return;
    setBusy(true);
    try {
      setChanges((await api.planDiff(detail.id, from, to)).changes);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const versionOptions = [...versions].sort((a, b) => b.no - a.no).map((v) => ({ value: v.no, label: `${v.label}（${t('plans.versions.no', { no: v.no })}）` }));
  const toOptions: { value: Which; label: string }[] = [...(detail.hasDraft ? [{ value: 'draft' as const, label: t('plans.versions.draft') }] : []), ...versionOptions];

  return (
    <>
      <Card size="small" title={t('plans.versions.title')} style={{ marginBottom: 12 }}>
        {detail.hasDraft && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color="orange">{t('plans.status.pendingDraft')}</Tag>
            {dirty && <Typography.Text type="secondary">{t('plans.versions.unsavedNote')}</Typography.Text>}
            <a href={exportHref(detail.id, 'draft')} download data-testid="export-draft">
              <DownloadOutlined /> {t('plans.versions.exportDraft')}
            </a>
          </Space>
        )}
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...versions].sort((a, b) => b.no - a.no)}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.versions.none')} /> }}
          onRow={() => ({ 'data-testid': 'version-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('plans.versions.noTitle'), dataIndex: 'no', key: 'no', width: 60 },
            {
              title: t('plans.versions.label'),
              key: 'label',
              render: (_: unknown, v) => (
                <Space size={4}>
                  {v.label}
                  {v.id === detail.currentVersion?.id && <Tag color="green">{t('plans.versions.current')}</Tag>}
                </Space>
              ),
            },
            { title: t('plans.versions.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn' },
            { title: t('plans.versions.approver'), dataIndex: 'approver', key: 'approver' },
            { title: t('plans.versions.issuedBy'), dataIndex: 'issuedBy', key: 'issuedBy' },
            { title: t('plans.versions.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: t('plans.versions.export'),
              key: 'export',
              render: (_: unknown, v) => (
                <a href={exportHref(detail.id, v.no)} download data-testid="export-version">
                  <DownloadOutlined /> YAML
                </a>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('plans.diff.title')}>
        {versions.length === 0 ? (
          <Typography.Text type="secondary">{t('plans.diff.needVersion')}</Typography.Text>
        ) : (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Select<number> style={{ minWidth: 180 }} value={from} onChange={setFrom} options={versionOptions} placeholder={t('plans.diff.from')} data-testid="diff-from" />
              <SwapOutlined />
              <Select<Which> style={{ minWidth: 180 }} value={to} onChange={setTo} options={toOptions} placeholder={t('plans.diff.to')} data-testid="diff-to" />
              <Tooltip title={from !== undefined && from === to ? t('plans.diff.same') : undefined}>
                <Button type="primary" onClick={compare} loading={busy} disabled={from === undefined || to === undefined || from === to} data-testid="diff-run">
                  {t('plans.diff.run')}
                </Button>
              </Tooltip>
              {!detail.hasDraft && versions.length < 2 && <Typography.Text type="secondary">{t('plans.diff.needTwo')}</Typography.Text>}
            </Space>
            {changes && (
              <Table<Change>
                size="small"
                rowKey={(c) => `${c.kind}:${c.path}`}
                dataSource={changes}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.diff.none')} /> }}
                onRow={(c) => ({ 'data-testid': 'diff-row', 'data-kind': c.kind, style: { background: c.kind === 'added' ? '#f6ffed' : c.kind === 'removed' ? '#fff1f0' : undefined } }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('plans.diff.kind'),
                    key: 'kind',
                    width: 80,
                    render: (_: unknown, c) => <Tag color={c.kind === 'added' ? 'success' : c.kind === 'removed' ? 'error' : 'processing'}>{t(`plans.diff.kind.${c.kind}`)}</Tag>,
                  },
                  {
                    title: t('plans.diff.path'),
                    key: 'path',
                    render: (_: unknown, c) => (
                      <Tooltip title={c.path}>
                        <span>{pathText(c.path, t)}</span>
                      </Tooltip>
                    ),
                  },
                  { title: t('plans.diff.before'), key: 'before', render: (_: unknown, c) => <DiffValue v={c.before} removed={c.kind !== 'added'} /> },
                  { title: t('plans.diff.after'), key: 'after', render: (_: unknown, c) => <DiffValue v={c.after} added={c.kind !== 'removed'} /> },
                ]}
              />
            )}
          </>
        )}
      </Card>
    </>
  );
}

function DiffValue({ v, added, removed }: { v: unknown; added?: boolean; removed?: boolean }) {
  const { t } = useI18n();
  const text = valueText(v, t);
  const color = text === '—' ? undefined : added ? '#389e0d' : removed ? '#cf1322' : undefined;
  return <span style={{ color, whiteSpace: 'pre-wrap', display: 'inline-block', maxWidth: 360 }}>{text}</span>;
}
