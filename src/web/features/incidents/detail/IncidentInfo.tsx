import { Card, Descriptions, Typography } from 'antd';
import type { Incident } from '../../../../contracts/incidents';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';

export function IncidentInfo({ incident: i }: { incident: Incident }) {
  const { t } = useI18n();
  const loc = i.location;
  return (
    <Card size="small" title={t('detail.info')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        layout="vertical"
        colon={false}
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'occurredAt', label: t('incident.occurredAt'), children: formatTime(i.occurredAt) },
          { key: 'reportedAt', label: t('incident.reportedAt'), children: formatTime(i.reportedAt) },
          { key: 'jurisdiction', label: t('incident.jurisdiction'), children: i.jurisdictionName },
          { key: 'org', label: t('incident.reportingOrganisation'), children: i.reportingOrganisation?.name ?? '—' },
          {
            key: 'location',
            label: t('incident.location'),
            span: { xs: 1, sm: 2 },
            children: loc
              ? [loc.address, loc.lat !== null && loc.lon !== null ? `(${loc.lat.toFixed(5)}, ${loc.lon.toFixed(5)})` : ''].filter(Boolean).join(' ')
              : t('incident.noLocation'),
          },
          {
            key: 'description',
            label: t('incident.description'),
            span: { xs: 1, sm: 2 },
            children: i.description ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{i.description}</Typography.Paragraph>
            ) : (
              '—'
            ),
          },
        ]}
      />
    </Card>
  );
}
