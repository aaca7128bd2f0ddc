import { Tag } from 'antd';
import type { IncidentStatus } from '../../domain/incidents/model';
import { useT } from '../app/i18n';

const COLORS: Record<IncidentStatus, string> = {
  reported: 'volcano',
  verified: 'gold',
  responding: 'red',
  recovering: 'cyan',
  closed: 'default',
};

export function StatusTag({ status }: { status: IncidentStatus }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
