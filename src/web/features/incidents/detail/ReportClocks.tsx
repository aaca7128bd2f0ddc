// Reporting deadlines (493号令 第九–十三条 and the local rules): each with a live countdown.
import { Button, Card, Empty, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, FileAddOutlined } from '@ant-design/icons';
import type { RequiredReport } from '../../../../contracts/incidents';
import { useI18n } from '../../../app/i18n';
import { formatDuration, formatTime } from '../../../app/time';
import { useNow } from '../../../components/useNow';

const SOON_MS = 30 * 60_000;

export function ClockText({ report }: { report: RequiredReport }) {
  const { t, lang } = useI18n();
  const now = useNow();
  if (report.status === 'filed')
    return (
      <Typography.Text type="success" data-clock="filed">
        <CheckCircleFilled /> {t('clock.filed', { at: formatTime(report.filedAt) })}
      </Typography.Text>
    );
  if (report.status === 'filed_late')
    return (
      <Typography.Text type="warning" data-clock="filed_late">
        <CheckCircleFilled /> {t('clock.filedLate', { at: formatTime(report.filedAt) })}
      </Typography.Text>
    );
  if (!report.dueAt) return <Typography.Text type="secondary">{t('clock.noDeadline')}</Typography.Text>;
  const left = Date.parse(report.dueAt) - now;
  if (left > 0)
    return (
      <Typography.Text type={left < SOON_MS ? 'warning' : undefined} strong data-clock="pending">
        <ClockCircleOutlined /> {t('clock.remaining', { time: formatDuration(left, lang) })}
      </Typography.Text>
    );
  const mins = Math.floor(-left / 60_000);
  const text = mins < 120 ? t('clock.overdue', { n: mins }) : t('clock.overdueLong', { h: Math.floor(mins / 60), m: mins % 60 });
  return (
    <Typography.Text type="danger" strong data-clock="overdue">
      <ExclamationCircleFilled /> {text}
    </Typography.Text>
  );
}

interface Props {
  reports: RequiredReport[] | null;
  canFile: boolean;
  onFile: (r: RequiredReport | null) => void;
}

export function ReportClocks({ reports, canFile, onFile }: Props) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={t('detail.reports')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="report-clocks"
      extra={
        canFile && (
          <Button size="small" icon={<FileAddOutlined />} onClick={() => onFile(null)} data-testid="report-adhoc">
            {t('detail.fileAdhoc')}
          </Button>
        )
      }
    >
      {reports === null ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.reportsEmpty')} />
      ) : (
        <div className="sw-clock-list">
          {reports.map((r) => {
            const open = r.status === 'pending' || r.status === 'overdue';
            return (
              <div key={r.key} className="sw-clock" data-testid="report-clock" data-key={r.key} data-status={r.status}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{lang === 'en' ? r.labelEn : r.labelZh}</Typography.Text>
                    <Tag>{t(`reportKind.${r.kind}`)}</Tag>
                    {r.recipientLevel && <Tag color="geekblue">{t(`clock.recipient.${r.recipientLevel}`)}</Tag>}
                  </Space>
                  <div>
                    <ClockText report={r} />
                  </div>
                  <Tooltip title={r.article}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.dueAt ? `${t('clock.due', { at: formatTime(r.dueAt) })} · ` : ''}
                      {r.article}
                    </Typography.Text>
                  </Tooltip>
                </div>
                {canFile && open && (
                  <Button type="primary" size="small" danger={r.status === 'overdue'} onClick={() => onFile(r)} data-testid="report-file">
                    {t('detail.fileReport')}
                  </Button>
                )}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
