// 新建预案: where it belongs and what to start from (the worked example or a blank plan with one level).
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Organisation } from '../../../../contracts/admin';
import type { PlanDetailDto } from '../../../../contracts/client';
import { exampleProductionSafetyPlan } from '../../../../domain/plans/examples';
import { api, useFetched, useFormSubmit } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useUser } from '../../../app/session';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { blankContent, guessOwnerType } from '../content';
import { jurisdictionName } from '../useJurisdictionNames';

interface Values {
  jurisdictionCode: string;
  organisationId?: string;
  start: 'example' | 'blank';
  title: string;
}

export function NewPlanModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (d: PlanDetailDto) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const orgs = useFetched(api.organisations, [] as Organisation[], open);
  const jurisdictionCode = Form.useWatch('jurisdictionCode', form);
  const start = Form.useWatch('start', form);
  const [place, setPlace] = useState<string>(user.jurisdiction.name);
  // The title follows the place and the start until the user types their own.
  const [titleTouched, setTitleTouched] = useState(false);


  useEffect(() => {
    if (!jurisdictionCode) return;
    let alive = true;
    void jurisdictionName(jurisdictionCode, user.jurisdiction).then((n) => alive && n && setPlace(n));
    return () => {
      alive = false;
    };
  }, [jurisdictionCode, user.jurisdiction]);

  useEffect(() => {
    if (!open || titleTouched) return;
    form.setFieldValue('title', start === 'blank' ? t('plans.new.blankTitle', { place }) : exampleProductionSafetyPlan({}, place).title);
  }, [open, place, start, titleTouched, form, t]);

  const { submit, busy } = useFormSubmit(
    form,
    (v) => {
      const org = orgs?.find((o) => o.id === v.organisationId);
      const ownerType = guessOwnerType(v.jurisdictionCode, org);
      const content = v.start === 'example' ? { ...exampleProductionSafetyPlan({}, place), ownerType } : blankContent('', ownerType, t('plans.new.firstLevel'));
      return api.createPlan({ jurisdictionCode: v.jurisdictionCode, organisationId: v.organisationId ?? null, content: { ...content, title: v.title.trim() } });
    },
    { success: t('plans.new.created'), onDone: onCreated },
  );

  return (
    <Modal
      open={open}
      title={t('plans.new.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('plans.new.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => setTitleTouched(false)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ jurisdictionCode: user.jurisdiction.code, start: 'example' }}
        onValuesChange={(changed: Partial<Values>) => 'title' in changed && setTitleTouched(true)}
        data-testid="plan-new-form"
      >
        <Form.Item name="jurisdictionCode" label={t('plans.field.jurisdiction')} rules={[{ required: true, message: t('plans.new.jurisdictionRequired') }]}>
          <JurisdictionSelect style={{ width: '100%' }} data-testid="plan-new-jurisdiction" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('plans.field.organisation')} extra={t('plans.new.organisationHint')}>
          <Select
            allowClear
            loading={orgs === null}
            placeholder={t('common.optional')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(orgs ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}` }))}
            data-testid="plan-new-organisation"
          />
        </Form.Item>
        <Form.Item name="start" label={t('plans.new.start')}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical">
              <Radio value="example" data-testid="plan-new-example">
                {t('plans.new.fromExample')}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('plans.new.fromExampleHint')}
                </Typography.Text>
              </Radio>
              <Radio value="blank" data-testid="plan-new-blank">
                {t('plans.new.fromBlank')}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('plans.new.fromBlankHint')}
                </Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="title" label={t('plans.field.title')} rules={[{ required: true, whitespace: true, max: 200, message: t('plans.field.titleRequired') }]}>
          <Input maxLength={200} data-testid="plan-new-title" />
        </Form.Item>
        <Alert type="info" showIcon title={t('plans.new.importHint')} />
      </Form>
    </Modal>
  );
}
