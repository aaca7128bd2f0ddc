import { Alert, Card, Space, Tag, Typography } from 'antd';
import type { Incident } from '../../../../contracts/incidents';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';
import { GradeTag, useGradeText } from '../../../components/GradeTag';
import { StatusTag } from '../../../components/StatusTag';
import { useIncidentTypes } from '../../../components/useIncidentTypes';
import { upgradeNotice } from '../upgrade';
import { StatusActions } from './StatusActions';

interface Props {
  incident: Incident;
  canTransition: boolean;
  onChanged: (i: Incident) => void;
}

export function IncidentHeader({ incident: i, canTransition, onChanged }: Props) {
  const { t, pick } = useI18n();
  const { byCode } = useIncidentTypes();
  const type = byCode.get(i.typeCode);
  const gradeText = useGradeText();
  const notice = upgradeNotice(i);
  return (
    <Card style={{ marginBottom: 16 }} data-testid="incident-header">
      {notice && i.upgradeFlaggedAt && (
        <Alert
          type="error"
          showIcon
          banner
          style={{ marginBottom: 12 }}
          title={<strong>{t(notice === 'hidden' ? 'grade.upgradeHidden' : 'grade.upgradeFlagged')}</strong>}
          description={
            notice === 'manual'
              ? t('grade.upgradeFlaggedManualDesc', { by: i.gradeOverride?.by ?? '', at: formatTime(i.upgradeFlaggedAt), grade: i.grade ? gradeText(i.grade) : '' })
              : notice === 'hidden'
                ? t('grade.upgradeHiddenDesc', { at: formatTime(i.upgradeFlaggedAt), grade: i.grade ? gradeText(i.grade) : '', computed: i.computedGrade ? gradeText(i.computedGrade) : '' })
                : t('grade.upgradeFlaggedDesc', { at: formatTime(i.upgradeFlaggedAt), grade: i.grade ? gradeText(i.grade) : '' })
          }
          data-testid="upgrade-flag"
          data-cause={notice}
        />
      )}
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-title">
            {i.title}
          </Typography.Title>
          {i.isDrill && <Tag color="purple">{t('common.drill')}</Tag>}
        </Space>
        <Space wrap size={[8, 8]} align="center">
          <Tag>{t(`category.${i.category}`)}</Tag>
          <Tag>{type ? pick(type) : i.typeCode}</Tag>
          <span data-testid="incident-grade" data-grade={i.grade ?? ''} data-mode={i.gradeMode}>
            <GradeTag category={i.category} grade={i.grade} provisional={i.gradeProvisional} manual={i.gradeOverride !== null} />
          </span>
          <span data-testid="incident-status" data-status={i.status}>
            <StatusTag status={i.status} />
          </span>
          {i.overdueReports > 0 && (
            <Tag color="error" data-testid="incident-overdue">
              {t('incident.overdueCount', { n: i.overdueReports })}
            </Tag>
          )}
        </Space>
        {canTransition && <StatusActions incident={i} onChanged={onChanged} />}
      </Space>
    </Card>
  );
}
