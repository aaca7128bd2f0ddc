// Grade: the effective grade, how it was reached (computed basis or a person's override), and —
// for those allowed to (incident.grade_override) — the form to set it by hand with a reason.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Incident } from '../../../../contracts/incidents';
import { GRADES, type Grade } from '../../../../domain/incidents/model';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';
import { GradeTag, useGradeText } from '../../../components/GradeTag';

const CLEAR = 'clear';
type Values = { grade?: Grade | typeof CLEAR; gradeReason?: string };

function OverrideForm({ incident, onChanged, onCancel }: { incident: Incident; onChanged: (i: Incident) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const gradeText = useGradeText();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (v: Values) => {
    if (!v.grade) return;
    setSaving(true);
    try {
      const updated = await api.patchIncident(incident.id, {
        grade: v.grade === CLEAR ? null : v.grade,
        gradeReason: (v.gradeReason ?? '').trim(),
      });
      void message.success(t('grade.overrideSaved'));
      form.resetFields();
      onChanged(updated);
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} style={{ marginTop: 12 }} data-testid="grade-override-form">
      <Form.Item name="grade" label={t('grade.override')} rules={[{ required: true, message: t('grade.overrideGradeRequired') }]}>
        <Select
          data-testid="grade-override-grade"
          options={[
            ...GRADES.map((g) => ({ value: g, label: gradeText(g) })),
            ...(incident.gradeOverride ? [{ value: CLEAR, label: t('grade.overrideClear') }] : []),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="gradeReason"
        label={t('grade.overrideReason')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('grade.overrideReasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="grade-override-reason" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="grade-override-submit">
          {t('grade.overrideSubmit')}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

export function GradeCard({ incident, canOverride, onChanged }: { incident: Incident; canOverride: boolean; onChanged: (i: Incident) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const o = incident.gradeOverride;
  const overridable = canOverride && incident.category !== 'social_safety';
  return (
    <Card
      size="small"
      title={t('incident.grade')}
      style={{ marginBottom: 16 }}
      data-testid="grade-card"
      extra={
        overridable &&
        !editing && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="grade-override-open">
            {t('grade.override')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <GradeTag category={incident.category} grade={incident.grade} provisional={incident.gradeProvisional} manual={o !== null} big />
        {incident.gradeMode === 'manual' && incident.grade === null && (
          <Typography.Text type="warning">{t('grade.manualHint')}</Typography.Text>
        )}
        {o && (
          <Typography.Text type="secondary" data-testid="grade-override-info">
            {t('grade.overrideBy', { by: o.by, at: formatTime(o.at), reason: o.reason })}
          </Typography.Text>
        )}
        {incident.gradeMode === 'computed' && (
          <div>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
              {t('grade.computed')}
            </Typography.Text>
            <GradeTag category={incident.category} grade={incident.computedGrade} />
            {incident.gradeBasis.length > 0 && (
              <ul style={{ paddingInlineStart: 20, margin: '4px 0' }}>
                {incident.gradeBasis.map((b) => (
                  <li key={b.measure}>{b.rule}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Space>
      {overridable && editing && (
        <OverrideForm
          incident={incident}
          onCancel={() => setEditing(false)}
          onChanged={(i) => {
            setEditing(false);
            onChanged(i);
          }}
        />
      )}
    </Card>
  );
}
