import { useEffect, useState } from 'react';
import { Button, Col, Result, Row } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import type { RequiredReport } from '../../../../contracts/incidents';
import { isApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { FullPageSpin, LoadError } from '../../../app/status';
import { FiledReports } from './FiledReports';
import { GradeCard } from './GradeCard';
import { ImpactCard } from './ImpactCard';
import { IncidentHeader } from './IncidentHeader';
import { IncidentInfo } from './IncidentInfo';
import { IncidentTimeline } from './IncidentTimeline';
import { ReportClocks } from './ReportClocks';
import { ReportFileModal } from './ReportFileModal';
import { useIncidentDetail } from './useIncidentDetail';
import { IncidentPlansCard } from '../../responses/IncidentPlansCard';
import { SitrepButtons } from '../../responses/SitrepButtons';
import { IncidentResourcesCard } from '../../resources/IncidentResourcesCard';

export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const d = useIncidentDetail(id);
  const [filing, setFiling] = useState<{ requirement: RequiredReport | null } | null>(null);

  useEffect(() => {
    document.title = `${d.incident?.title ?? t('detail.info')} · ${t('app.name')}`;
  }, [d.incident?.title, t]);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/incidents')} style={{ paddingInline: 0 }}>
      {t('detail.back')}
    </Button>
  );

  if (d.error) {
    const missing = isApiError(d.error, 404) || isApiError(d.error, 403);
    return (
      <div className="sw-page">
        {missing ? (
          <Result status="404" title={t('detail.notFound')} extra={back} />
        ) : (
          <LoadError error={d.error} onRetry={d.reload} />
        )}
      </div>
    );
  }
  if (!d.incident) return <FullPageSpin />;
  const incident = d.incident;

  return (
    <div className="sw-page" data-testid="incident-detail" data-id={incident.id}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        {back}
        <SitrepButtons incidentId={incident.id} />
      </div>
      <IncidentHeader incident={incident} canTransition={can('incident.transition')} onChanged={d.setIncident} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {can('plan.read') && <IncidentPlansCard incidentId={incident.id} />}
          {can('resource.read') && <IncidentResourcesCard incidentId={incident.id} />}
          <ReportClocks reports={d.reports} canFile={can('report.file')} onFile={(requirement) => setFiling({ requirement })} />
          <ImpactCard incident={incident} canEdit={can('incident.update')} onChanged={d.setIncident} />
          <GradeCard incident={incident} canOverride={can('incident.grade_override')} onChanged={d.setIncident} />
          <FiledReports filed={d.filed} />
        </Col>
        <Col xs={24} lg={10}>
          <IncidentInfo incident={incident} />
          <IncidentTimeline events={d.events} />
        </Col>
      </Row>
      <ReportFileModal
        incident={incident}
        requirement={filing?.requirement ?? null}
        open={filing !== null}
        onClose={() => setFiling(null)}
        onFiled={() => void d.reloadReports().catch(() => undefined)}
      />
    </div>
  );
}
