// 值班室视图: every response in the user's area, overdue tasks in red, live.
import { useState } from 'react';
import { Card, Empty, List, Switch, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { FullPageSpin, LoadError } from '../../app/status';
import { useResponses } from './hooks';
import { ResponseSummary } from './IncidentPlansCard';

export function ResponsesPage() {
  const { t } = useI18n();
  const [lifted, setLifted] = useState(false);
  const { data, error, reload } = useResponses(lifted);
  if (error) return <div className="sw-page"><LoadError error={error} onRetry={reload} /></div>;
  return (
    <div className="sw-page" data-testid="responses-page">
      <Card
        title={t('resp.dutyRoom')}
        extra={<Space><Typography.Text type="secondary">{t('resp.showLifted')}</Typography.Text><Switch size="small" checked={lifted} onChange={setLifted} /></Space>}
      >
        {!data ? (
          <FullPageSpin />
        ) : data.length === 0 ? (
          <Empty description={t('resp.noneActive')} />
        ) : (
          <List
            dataSource={data}
            renderItem={(r) => (
              <List.Item data-testid="response-row" style={{ background: r.taskCounts.overdue > 0 ? '#fff1f0' : undefined, paddingInline: 8 }}
                actions={[<Link key="b" to={`/responses/${r.id}`}>{t('resp.openBoard')}</Link>]}>
                <List.Item.Meta
                  title={<Link to={`/incidents/${r.incidentId}`}>{r.incidentTitle}</Link>}
                  description={<><Typography.Text type="secondary">{r.jurisdictionName}</Typography.Text><br /><ResponseSummary r={r} /></>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
