// Impact figures: shown with 未知 for unknown; editable (PATCH {impact} with the changed figures only),
// with the grade preview recomputed live while typing.
import { useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Incident } from '../../../../contracts/incidents';
import { formatYuanZh } from '../../../../domain/incidents/grading';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { GradePreview } from '../GradePreview';
import { ImpactFields } from '../ImpactFields';
import { IMPACT_FIELDS, impactChanges, normaliseImpact, type ImpactField } from '../impact';
import { useGradingConfig } from '../useGradingConfig';

type Values = { impact: Partial<Record<ImpactField, number | null>> };

function Figure({ field, value }: { field: ImpactField; value: number | null }) {
  const { t, lang } = useI18n();
  if (value === null)
    return (
      <Typography.Text type="secondary" data-testid={`impact-${field}`} data-value="">
        {t('common.unknown')}
      </Typography.Text>
    );
  const n = value.toLocaleString(lang);
  const text = field !== 'directLossYuan' ? t('common.person', { n }) : lang === 'en' ? t('common.yuan', { n }) : formatYuanZh(value);
  return (
    <span data-testid={`impact-${field}`} data-value={value}>
      {text}
    </span>
  );
}

function ImpactEditor({ incident, onDone }: { incident: Incident; onDone: (i?: Incident) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const watched = Form.useWatch('impact', form);
  const impact = useMemo(() => normaliseImpact(watched ?? incident.impact), [watched, incident.impact]);
  const gradingConfig = useGradingConfig(incident.jurisdictionCode);

  const save = async (v: Values) => {
    const changes = impactChanges(incident.impact, normaliseImpact(v.impact));
    if (Object.keys(changes).length === 0) {
      void message.info(t('detail.impactNoChange'));
      onDone();
      return;
    }
    setSaving(true);
    try {
      const updated = await api.patchIncident(incident.id, { impact: changes });
      void message.success(t('detail.impactSaved'));
      onDone(updated);
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ impact: incident.impact }} onFinish={save} data-testid="impact-form">
      <ImpactFields />
      <GradePreview category={incident.category} typeCode={incident.typeCode} impact={impact} config={gradingConfig} />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="impact-save">
          {t('common.save')}
        </Button>
        <Button onClick={() => onDone()} disabled={saving}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

export function ImpactCard({ incident, canEdit, onChanged }: { incident: Incident; canEdit: boolean; onChanged: (i: Incident) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('incident.impact')}
      style={{ marginBottom: 16 }}
      data-testid="impact-card"
      extra={
        canEdit &&
        !editing && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="impact-edit">
            {t('detail.editImpact')}
          </Button>
        )
      }
    >
      {editing ? (
        <ImpactEditor
          incident={incident}
          onDone={(updated) => {
            if (updated) onChanged(updated);
            setEditing(false);
          }}
        />
      ) : (
        <Descriptions
          size="small"
          layout="vertical"
          colon={false}
          column={{ xs: 2, sm: 3, xl: 4 }}
          items={IMPACT_FIELDS.map((k) => ({ key: k, label: t(`impact.${k}`), children: <Figure field={k} value={incident.impact[k]} /> }))}
        />
      )}
    </Card>
  );
}
