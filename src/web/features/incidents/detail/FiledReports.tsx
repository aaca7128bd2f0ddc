// Reports already filed for this incident (what was sent, by whom, when).
import { Card, Collapse, Descriptions, Empty, Skeleton, Tag } from 'antd';
import type { FiledReport } from '../../../../contracts/incidents';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';

export function FiledReports({ filed }: { filed: FiledReport[] | null }) {
  const { t } = useI18n();
  if (filed === null) return <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <Card size="small" title={t('detail.filedReports')} style={{ marginBottom: 16 }} data-testid="filed-reports">
      {filed.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.filedEmpty')} />
      ) : (
        <Collapse
          size="small"
          items={[...filed]
            .sort((a, b) => Date.parse(b.filedAt) - Date.parse(a.filedAt))
            .map((r) => ({
              key: r.id,
              label: (
                <span>
                  <Tag>{t(`reportKind.${r.kind}`)}</Tag>
                  {t('report.filedBy', { by: r.filedBy.name, at: formatTime(r.filedAt) })}
                </span>
              ),
              children: (
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'recipient', label: t('report.recipient'), children: r.recipient || '—' },
                    { key: 'unitProfile', label: t('report.unitProfile'), children: r.unitProfile || '—' },
                    { key: 'timeAndPlace', label: t('report.timeAndPlace'), children: r.timeAndPlace },
                    { key: 'briefHistory', label: t('report.briefHistory'), children: r.briefHistory },
                    { key: 'measuresTaken', label: t('report.measuresTaken'), children: r.measuresTaken || '—' },
                    { key: 'other', label: t('report.other'), children: r.other || '—' },
                  ]}
                />
              ),
            }))}
        />
      )}
    </Card>
  );
}
