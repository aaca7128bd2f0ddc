// 基本信息: name, kind, who owns it (which sets the drill and evaluation cycles) and 适用范围.
import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { PLAN_KIND_LABELS, PLAN_KINDS, PLAN_OWNER_TYPES } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { OWNER_TYPE_KEYS } from '../labels';

export function BasicTab() {
  const { t, pick } = useI18n();
  return (
    <>
      <Form.Item name={['content', 'title']} label={t('plans.field.title')} rules={[{ required: true, whitespace: true, max: 200, message: t('plans.field.titleRequired') }]}>
        <Input maxLength={200} showCount data-testid="plan-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'kind']} label={t('plans.field.kind')} rules={[{ required: true }]}>
            <Select options={PLAN_KINDS.map((k) => ({ value: k, label: pick(PLAN_KIND_LABELS[k]) }))} data-testid="plan-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'ownerType']} label={t('plans.field.ownerType')} rules={[{ required: true }]} extra={t('plans.field.ownerTypeHint')}>
            <Select options={PLAN_OWNER_TYPES.map((o) => ({ value: o, label: t(OWNER_TYPE_KEYS[o]) }))} data-testid="plan-owner-type" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['content', 'scope']} label={t('plans.field.scope')} rules={[{ max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} placeholder={t('plans.field.scopePlaceholder')} data-testid="plan-scope" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('plans.field.basicHint')}
      </Typography.Paragraph>
    </>
  );
}
