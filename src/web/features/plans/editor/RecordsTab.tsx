// 备案 / 演练 / 评估: what the plan owes (due dates from obligations) and the record of what was done.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { PlanDetailDto } from '../../../../contracts/client';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { dayjs, toWall, type Dayjs } from '../../../app/time';
import { HEALTH_COLORS, HEALTH_KEYS, OBLIGATION_KIND_KEYS, type ObligationKind } from '../labels';

interface RecordValues {
  kind: ObligationKind;
  on: Dayjs;
  note?: string;
}

export function RecordsTab({ detail, canRecord, onChanged }: { detail: PlanDetailDto; canRecord: boolean; onChanged: (d: PlanDetailDto) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<RecordValues>();
  const [busy, setBusy] = useState(false);
  const issued = detail.currentVersion !== null;

  const submit = async (v: RecordValues) => {
    setBusy(true);
    try {
      const d = await api.addPlanRecord(detail.id, { kind: v.kind, on: v.on.format('YYYY-MM-DD'), note: v.note?.trim() ?? '' });
      void message.success(t('plans.records.added'));
      form.resetFields(['note']);
      onChanged(d);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('plans.records.obligations')} style={{ marginBottom: 12 }}>
          {!issued ? (
            <Alert type="info" showIcon title={t('plans.records.notIssued')} />
          ) : detail.obligations.length === 0 ? (
            <Typography.Text type="secondary">{t('plans.records.noObligations')}</Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey="kind"
              pagination={false}
              dataSource={detail.obligations}
              scroll={{ x: 560 }}
              onRow={(o) => ({ 'data-testid': 'obligation-row', 'data-kind': o.kind, 'data-status': o.status }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('plans.records.kind'), key: 'kind', render: (_: unknown, o) => t(OBLIGATION_KIND_KEYS[o.kind]) },
                { title: t('plans.records.dueOn'), dataIndex: 'dueOn', key: 'dueOn' },
                { title: t('plans.records.status'), key: 'status', render: (_: unknown, o) => <Tag color={HEALTH_COLORS[o.status]}>{t(HEALTH_KEYS[o.status])}</Tag> },
                { title: t('plans.records.lastOn'), dataIndex: 'lastOn', key: 'lastOn', render: (v: string | null) => v ?? '—' },
                { title: t('plans.records.basis'), dataIndex: 'basis', key: 'basis', width: 220, render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
              ]}
            />
          )}
        </Card>
        <Card size="small" title={t('plans.records.title')} style={{ marginBottom: 12 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={[...detail.records].sort((a, b) => b.on.localeCompare(a.on))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.records.none')} /> }}
            onRow={() => ({ 'data-testid': 'record-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('plans.records.kind'), key: 'kind', render: (_: unknown, r) => <Tag>{t(OBLIGATION_KIND_KEYS[r.kind])}</Tag> },
              { title: t('plans.records.on'), dataIndex: 'on', key: 'on' },
              { title: t('plans.records.note'), dataIndex: 'note', key: 'note', render: (v: string) => v || '—' },
              { title: t('plans.records.by'), dataIndex: 'by', key: 'by' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        {canRecord && (
          <Card size="small" title={t('plans.records.add')}>
            {!issued ? (
              <Typography.Text type="secondary">{t('plans.records.notIssued')}</Typography.Text>
            ) : (
              <Form<RecordValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'drill', on: toWall(dayjs()).startOf('day') }} data-testid="record-form">
                <Form.Item name="kind" label={t('plans.records.kind')} rules={[{ required: true }]}>
                  <Select
                    options={(['filing', 'drill', 'evaluation'] as const).map((k) => ({ value: k, label: t(OBLIGATION_KIND_KEYS[k]) }))}
                    data-testid="record-kind"
                  />
                </Form.Item>
                <Form.Item name="on" label={t('plans.records.on')} rules={[{ required: true, message: t('plans.records.onRequired') }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(toWall(dayjs()).endOf('day'))} data-testid="record-on" />
                </Form.Item>
                <Form.Item name="note" label={t('plans.records.note')} rules={[{ max: 2000 }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('plans.records.notePlaceholder')} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="record-submit">
                  {t('plans.records.submit')}
                </Button>
              </Form>
            )}
          </Card>
        )}
      </Col>
    </Row>
  );
}
