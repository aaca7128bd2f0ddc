// 发布: the saved draft becomes a numbered version that never changes, signed off by the 主要负责人
// (88号令 第二十四条). Unsaved edits are saved first.
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { PlanDetailDto } from '../../../../contracts/client';
import { api, isApiError, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { dayjs, toWall, type Dayjs } from '../../../app/time';

interface Values {
  versionLabel: string;
  issuedOn: Dayjs;
  approver: string;
}

export function IssueModal({ open, detail, dirty, save, onClose, onIssued }: {
  open: boolean;
  detail: PlanDetailDto;
  dirty: boolean;
  /** Saves the editor; resolves to the saved detail, or null when it could not (errors are shown there). */
  save: () => Promise<PlanDetailDto | null>;
  onClose: () => void;
  onIssued: (d: PlanDetailDto) => void;
}) {
  const { t } = useI18n();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const last = detail.versions.find((v) => v.id === detail.currentVersion?.id);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      if (dirty && !(await save())) {
        onClose();
        return;
      }
      const d = await api.issuePlan(detail.id, { versionLabel: v.versionLabel.trim(), issuedOn: v.issuedOn.format('YYYY-MM-DD'), approver: v.approver.trim() });
      onIssued(d);
    } catch (e) {
      if (isApiError(e, 409)) onClose();
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('plans.issue.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('plans.issue.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('plans.issue.hint')} description={dirty ? t('plans.issue.savesFirst') : undefined} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ versionLabel: t('plans.issue.defaultLabel', { year: toWall(dayjs()).year() }), issuedOn: toWall(dayjs()).startOf('day'), approver: last?.approver ?? '' }}
        data-testid="issue-form"
      >
        <Form.Item name="versionLabel" label={t('plans.issue.label')} rules={[{ required: true, whitespace: true, max: 40, message: t('plans.issue.labelRequired') }]} extra={last ? t('plans.issue.lastLabel', { label: last.label }) : undefined}>
          <Input maxLength={40} data-testid="issue-label" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('plans.issue.issuedOn')} rules={[{ required: true, message: t('plans.issue.issuedOnRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="issue-date" />
        </Form.Item>
        <Form.Item name="approver" label={t('plans.issue.approver')} rules={[{ required: true, whitespace: true, max: 50, message: t('plans.issue.approverRequired') }]}>
          <Input maxLength={50} placeholder={t('plans.issue.approverPlaceholder')} data-testid="issue-approver" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
