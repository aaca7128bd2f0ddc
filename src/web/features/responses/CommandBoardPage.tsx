// 指挥看板: one response's tasks by status, overdue in red, live; the command structure and resource needs.
// On a phone the columns stack, overdue first.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Descriptions, Empty, Result, Row, Tag, Tree, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { ResponseDtoT, TaskDto } from '../../../contracts/client';
import { isApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { FullPageSpin, LoadError } from '../../app/status';
import { columnOf, COLUMNS, useBoard } from './hooks';
import { ResponseSummary } from './IncidentPlansCard';
import { TaskCard } from './TaskCard';

type Role = ResponseDtoT['roles'][number];
const fillerName = (r: Role) => (r.filledBy as { name?: string } | null)?.name ?? null;

function roleTree(roles: Role[], parent: string | null, unfilled: string): { key: string; title: string; children: ReturnType<typeof roleTree> }[] {
  return roles
    .filter((r) => (r.parentKey ?? null) === parent || (parent === null && r.parentKey !== null && !roles.some((x) => x.key === r.parentKey)))
    .map((r) => ({ key: r.key, title: `${r.title}：${fillerName(r) ?? unfilled}`, children: roleTree(roles, r.key, unfilled) }));
}

/** Re-render every 30 s so countdowns and the overdue column stay true without a reload. */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function CommandBoardPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error, reload, setData } = useBoard(id);
  const now = useNow();
  if (error) return <div className="sw-page">{isApiError(error, 404) ? <Result status="404" title={t('detail.notFound')} /> : <LoadError error={error} onRetry={reload} />}</div>;
  if (!data) return <FullPageSpin />;
  const { response: r, tasks } = data;
  const replace = (next: TaskDto) => setData({ response: r, tasks: tasks.map((x) => (x.id === next.id ? next : x)) });
  const byColumn = new Map(COLUMNS.map((c) => [c, tasks.filter((x) => columnOf(x, now) === c)]));
  return (
    <div className="sw-page" data-testid="command-board" data-response-id={r.id}>
      <Link to={`/incidents/${r.incidentId}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>{r.incidentTitle}</Button>
      </Link>
      <Card size="small" style={{ marginBottom: 12 }}>
        <ResponseSummary r={r} />
        {r.measures && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('resp.measures')}：{r.measures}</Typography.Paragraph>}
      </Card>
      <Row gutter={[12, 12]}>
        {COLUMNS.map((c) => (
          <Col key={c} xs={24} sm={12} lg={8} xl={{ flex: '20%' }}>
            <Card
              size="small"
              data-testid={`column-${c}`}
              title={<Badge color={c === 'overdue' ? 'red' : c === 'done' ? 'green' : 'blue'} text={`${t(`task.col.${c}`)} ${byColumn.get(c)!.length}`} />}
              styles={{ body: { padding: 8, background: c === 'overdue' ? '#fff1f0' : '#fafafa', minHeight: 60 } }}
            >
              {byColumn.get(c)!.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.empty')} /> : byColumn.get(c)!.map((x) => <TaskCard key={x.id} task={x} now={now} onChanged={replace} />)}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('resp.roles')}>
            <Tree defaultExpandAll selectable={false} treeData={roleTree(r.roles, null, t('resp.unfilled'))} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('resp.resources')}>
            <Descriptions size="small" column={1} items={r.resources.map((x, i) => ({ key: i, label: x.type, children: <Tag>{`${x.quantity} ${x.unit}`}</Tag> }))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
