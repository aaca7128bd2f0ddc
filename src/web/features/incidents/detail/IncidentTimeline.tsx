// The incident's timeline (append-only event log), newest first, live from the stream.
import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { IncidentEvent } from '../../../../contracts/incidents';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';

function colorOf(type: string): string {
  if (/overdue|upgrade_flagged/.test(type)) return 'red';
  if (/report/.test(type)) return 'green';
  if (/grade/.test(type)) return 'orange';
  if (/status|transition|closed/.test(type)) return 'blue';
  return 'gray';
}

export function IncidentTimeline({ events }: { events: IncidentEvent[] | null }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('detail.timeline')} data-testid="incident-timeline">
      {events === null ? (
        <Skeleton active />
      ) : events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.timelineEmpty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={events.map((e) => ({
            key: e.id,
            color: colorOf(e.type),
            content: (
              <div data-testid="timeline-item" data-type={e.type}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(e.at)} · {e.actor?.name ?? t('detail.system')}
                </Typography.Text>
                <div>{e.summary}</div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
