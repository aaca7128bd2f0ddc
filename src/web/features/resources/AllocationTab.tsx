// 优化调配: the approved, uncovered requests of the area against the depots' stock — the optimal allocation beside
// the greedy nearest-first one, with its saving and what stays short and why; quantities can be changed or lines
// dropped before the proposal is accepted into dispatch orders.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Client } from '../../../contracts/client';
import { api, useApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';

type Proposal = Awaited<ReturnType<Client['proposeAllocation']>>;
type Line = Proposal['allocations'][number];

const lineColumns = (t: ReturnType<typeof useI18n>['t']) => [
  { title: t('res.alloc.request'), dataIndex: 'request' },
  { title: t('res.alloc.depot'), dataIndex: 'depot' },
  { title: t('res.alloc.distance'), render: (_: unknown, l: Line) => `${l.km.toFixed(1)} km · ${Math.round(l.minutes)} ${t('res.alloc.minutes')}` },
];

export function AllocationTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  // The solver's threads start while the dispatcher reads the page, not when the proposal is asked for.
  useEffect(() => {
    api.warmAllocation().catch(() => {});
  }, []);

  const propose = async () => {
    setBusy(true);
    try {
      const p = await api.proposeAllocation();
      setProposal(p);
      setLines(p.allocations);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    if (!proposal) return;
    setBusy(true);
    try {
      const r = await api.acceptAllocation(proposal.id, lines.map((l) => ({ requestId: l.requestId, depotId: l.depotId, quantity: l.quantity })));
      void message.success(t('res.alloc.accepted', { n: r.orders }));
      setProposal(null);
      setLines([]);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const edit = (i: number, quantity: number | null) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, quantity: Math.max(1, Math.round(quantity ?? 1)) } : l)));

  return (
    <Card data-testid="allocation-tab"
      extra={<Button type="primary" icon={<ThunderboltOutlined />} loading={busy && !proposal} onClick={propose} data-testid="alloc-propose">{t('res.alloc.propose')}</Button>}
      title={t('res.alloc.title')}>
      <Typography.Paragraph type="secondary">{t('res.alloc.hint')}</Typography.Paragraph>
      {proposal && (
        <>
          <Space size="large" wrap style={{ marginBottom: 16 }} data-testid="alloc-summary">
            <Statistic title={t('res.alloc.cost')} value={Math.round(proposal.cost)} />
            <Statistic title={t('res.alloc.greedyCost')} value={Math.round(proposal.greedyCost)} />
            <Statistic title={t('res.alloc.saving')} value={proposal.greedyCost > 0 ? Math.round((proposal.saving / proposal.greedyCost) * 100) : 0} suffix="%" />
            <Statistic title={t('res.alloc.scope')} value={t('res.alloc.scopeValue', { r: proposal.requests, d: proposal.depots })} />
          </Space>
          {proposal.unmet.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="alloc-unmet" title={t('res.alloc.unmet')}
              description={<ul style={{ margin: 0, paddingLeft: 20 }}>{proposal.unmet.map((u) => <li key={u.requestId}>{u.request}：{t('res.alloc.short', { n: u.quantity })}（{u.reason}）</li>)}</ul>} />
          )}
          <Table<Line> rowKey={(l) => `${l.requestId}|${l.depotId}`} size="small" pagination={false} dataSource={lines} scroll={{ x: true }}
            onRow={() => ({ 'data-testid': 'alloc-line' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              ...lineColumns(t),
              { title: t('res.alloc.quantity'), render: (_: unknown, l: Line, i: number) => <InputNumber size="small" min={1} value={l.quantity} onChange={(v) => edit(i, v)} data-testid="alloc-qty" /> },
              { title: '', render: (_: unknown, _l: Line, i: number) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('res.alloc.drop')} onClick={() => setLines((ls) => ls.filter((_x, j) => j !== i))} /> },
            ]} />
          <Collapse ghost style={{ marginTop: 8 }} items={[{
            key: 'greedy', label: <span>{t('res.alloc.greedy')} <Tag>{Math.round(proposal.greedy.cost)}</Tag></span>,
            children: <Table<Line> rowKey={(l) => `${l.requestId}|${l.depotId}`} size="small" pagination={false} dataSource={proposal.greedy.allocations}
              columns={[...lineColumns(t), { title: t('res.alloc.quantity'), dataIndex: 'quantity' }]} />,
          }]} />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={accept} loading={busy} disabled={!lines.length} data-testid="alloc-accept">{t('res.alloc.accept', { n: lines.length })}</Button>
            <Button onClick={() => setProposal(null)}>{t('common.cancel')}</Button>
          </Space>
        </>
      )}
    </Card>
  );
}
