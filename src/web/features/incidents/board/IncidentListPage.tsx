import { useEffect, useMemo } from 'react';
import { Button, Card, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Incident } from '../../../../contracts/incidents';
import { GradeTag } from '../../../components/GradeTag';
import { StatusTag } from '../../../components/StatusTag';
import { useIncidentTypes } from '../../../components/useIncidentTypes';
import { useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { LoadError } from '../../../app/status';
import { formatTime } from '../../../app/time';
import { filtersFromParams, filtersToParams, type BoardFilters } from '../filters';
import { BoardFilterBar } from './BoardFilterBar';
import { useIncidentList } from './useIncidentList';

function OverdueCount({ n }: { n: number }) {
  const { t } = useI18n();
  if (n <= 0) return null;
  return (
    <span className="sw-overdue" data-testid="overdue-count">
      <WarningFilled /> {t('incident.overdueCount', { n })}
    </span>
  );
}

/** Phone width: one column with everything stacked, no sideways scrolling. */
function useCompactColumns(): TableColumnsType<Incident> {
  const { t, pick } = useI18n();
  const { byCode } = useIncidentTypes();
  return useMemo(
    () => [
      {
        title: t('board.title'),
        key: 'incident',
        render: (_: unknown, r) => {
          const type = byCode.get(r.typeCode);
          return (
            <Space orientation="vertical" size={4}>
              <Link to={`/incidents/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
                {r.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`category.${r.category}`)} · {type ? pick(type) : r.typeCode} · {r.jurisdictionName} · {formatTime(r.occurredAt)}
              </Typography.Text>
              <Space wrap size={[4, 4]}>
                <GradeTag category={r.category} grade={r.grade} provisional={r.gradeProvisional} manual={r.gradeOverride !== null} />
                <StatusTag status={r.status} />
                {r.isDrill && <Tag color="purple">{t('common.drill')}</Tag>}
                <OverdueCount n={r.overdueReports} />
              </Space>
            </Space>
          );
        },
      },
    ],
    [t, pick, byCode],
  );
}

function useColumns(): TableColumnsType<Incident> {
  const { t, pick } = useI18n();
  const { byCode } = useIncidentTypes();
  return useMemo(
    () => [
      {
        title: t('incident.title'),
        dataIndex: 'title',
        key: 'title',
        render: (_: unknown, r) => {
          const type = byCode.get(r.typeCode);
          return (
            <Space orientation="vertical" size={0}>
              <Link to={`/incidents/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {r.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`category.${r.category}`)} · {type ? pick(type) : r.typeCode}
                {r.isDrill && (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    {t('common.drill')}
                  </Tag>
                )}
              </Typography.Text>
            </Space>
          );
        },
      },
      {
        title: t('incident.grade'),
        key: 'grade',
        width: 150,
        render: (_: unknown, r) => (
          <GradeTag category={r.category} grade={r.grade} provisional={r.gradeProvisional} manual={r.gradeOverride !== null} />
        ),
      },
      {
        title: t('incident.status'),
        key: 'status',
        width: 90,
        render: (_: unknown, r) => <StatusTag status={r.status} />,
      },
      {
        title: t('incident.jurisdiction'),
        dataIndex: 'jurisdictionName',
        key: 'jurisdiction',
        responsive: ['md'],
      },
      {
        title: t('incident.occurredAt'),
        dataIndex: 'occurredAt',
        key: 'occurredAt',
        width: 150,
        responsive: ['sm'],
        render: (v: string) => formatTime(v),
      },
      {
        title: t('incident.overdueReports'),
        dataIndex: 'overdueReports',
        key: 'overdue',
        width: 110,
        render: (n: number) => (n > 0 ? <OverdueCount n={n} /> : <Typography.Text type="secondary">—</Typography.Text>),
      },
    ],
    [t, pick, byCode],
  );
}

export function IncidentListPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const onError = useApiError();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const list = useIncidentList(filters);
  const isPhone = Grid.useBreakpoint().md === false;
  const wide = useColumns();
  const compact = useCompactColumns();
  const columns = isPhone ? compact : wide;

  useEffect(() => {
    document.title = `${t('board.title')} · ${t('app.name')}`;
  }, [t]);

  const setFilters = (f: BoardFilters) => setParams(filtersToParams(f), { replace: true });

  return (
    <div className="sw-page">
      <Card
        title={t('board.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} aria-label={t('common.refresh')} />
            {can('incident.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/incidents/new')} data-testid="board-new">
                {t('board.newIncident')}
              </Button>
            )}
          </Space>
        }
      >
        <BoardFilterBar value={filters} onChange={setFilters} compact={isPhone} />
        <div style={{ marginTop: 16 }}>
          {list.error && list.items.length === 0 ? (
            <LoadError error={list.error} onRetry={() => void list.reload()} />
          ) : (
            <Table<Incident>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              showHeader={!isPhone}
              rowClassName={(r) => (list.flash.has(r.id) ? 'sw-row-flash' : '')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} /> }}
              onRow={(r) =>
                ({
                  'data-testid': 'incident-row',
                  'data-id': r.id,
                  style: { cursor: 'pointer' },
                  onClick: () => navigate(`/incidents/${r.id}`),
                }) as React.HTMLAttributes<HTMLElement>
              }
              data-testid="incident-table"
            />
          )}
        </div>
        {list.items.length > 0 && (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            {list.nextCursor ? (
              <Button loading={list.loadingMore} onClick={() => list.loadMore().catch((e: unknown) => onError(e))} data-testid="load-more">
                {t('common.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">
                {t('board.count', { n: list.items.length })} · {t('common.noMore')}
              </Typography.Text>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
