// 填报: the content of an accident report per 493号令 第十二条, as a form.
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import type { Incident, ReportFile, RequiredReport } from '../../../../contracts/incidents';
import { REPORT_KINDS } from '../../../../domain/incidents/model';
import { api, useFormSubmit } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { formatTime } from '../../../app/time';

const LEVELS = ['county', 'city', 'province', 'national'] as const;

interface Props {
  incident: Incident;
  /** The deadline being met; null for a report outside the listed deadlines. */
  requirement: RequiredReport | null;
  open: boolean;
  onClose: () => void;
  onFiled: () => void;
}

type Values = Omit<ReportFile, 'requirementKey'>;

function prefill(incident: Incident, r: RequiredReport | null): Values {
  const place = [incident.jurisdictionName, incident.location?.address].filter(Boolean).join('');
  return {
    kind: r?.kind ?? 'follow_up',
    recipientLevel: r?.recipientLevel ?? null,
    recipient: '',
    unitProfile: '',
    timeAndPlace: `${formatTime(incident.occurredAt)}，${place}。`,
    briefHistory: incident.description,
    measuresTaken: '',
    other: '',
  };
}

export function ReportFileModal({ incident, requirement, open, onClose, onFiled }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useFormSubmit(form, (v) => api.fileReport(incident.id, { ...v, requirementKey: requirement?.key ?? null }), {
    success: t('report.filed'),
    onDone: () => {
      onFiled();
      onClose();
    },
  });

  const label = requirement ? (lang === 'en' ? requirement.labelEn : requirement.labelZh) : null;

  return (
    <Modal
      open={open}
      title={label ? t('report.title', { label }) : t('report.titleAdhoc')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'report-submit' } as ButtonProps}
      width={720}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('report.article')} description={t('report.casualtiesNote')} />
      {/* Mounted afresh on each opening (destroyOnHidden): the prefill is read once, so live
          changes to the incident never wipe what was typed. */}
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={prefill(incident, requirement)} data-testid="report-form">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="kind" label={t('report.kind')} rules={[{ required: true }]} style={{ minWidth: 160, flex: 1 }}>
            <Select options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reportKind.${k}`) }))} data-testid="report-kind" />
          </Form.Item>
          <Form.Item name="recipientLevel" label={t('report.recipientLevel')} style={{ minWidth: 160, flex: 1 }}>
            <Select allowClear options={LEVELS.map((l) => ({ value: l, label: t(`clock.recipient.${l}`) }))} />
          </Form.Item>
          <Form.Item name="recipient" label={t('report.recipient')} style={{ minWidth: 200, flex: 2 }}>
            <Input maxLength={200} placeholder={t('report.recipientPlaceholder')} />
          </Form.Item>
        </div>
        <Form.Item name="unitProfile" label={t('report.unitProfile')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="timeAndPlace"
          label={t('report.timeAndPlace')}
          rules={[{ required: true, whitespace: true, message: t('report.timeAndPlaceRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="report-timeAndPlace" />
        </Form.Item>
        <Form.Item
          name="briefHistory"
          label={t('report.briefHistory')}
          rules={[{ required: true, whitespace: true, message: t('report.briefHistoryRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={10_000} data-testid="report-briefHistory" />
        </Form.Item>
        <Form.Item name="measuresTaken" label={t('report.measuresTaken')}>
          <Input.TextArea rows={2} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="other" label={t('report.other')}>
          <Input.TextArea rows={2} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
