import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { IncidentCreate } from '../../../../contracts/incidents';
import { CATEGORIES, type Category } from '../../../../domain/incidents/model';
import { api, isApiError, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useUser } from '../../../app/session';
import { dayjs, deviceIsShanghai, fromWall, toWall, wallToApiInstant, type Dayjs } from '../../../app/time';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { useIncidentTypes } from '../../../components/useIncidentTypes';
import { GradePreview } from '../GradePreview';
import { ImpactFields } from '../ImpactFields';
import { normaliseImpact, type ImpactField } from '../impact';
import { useGradingConfig } from '../useGradingConfig';
import { LocationFields } from './LocationFields';
import { newIdempotencyKey } from './idempotency';

export interface NewIncidentValues {
  category?: Category;
  typeCode?: string;
  title?: string;
  description?: string;
  occurredAt?: Dayjs;
  jurisdictionCode?: string;
  reportingOrganisationId?: string;
  location?: { lat?: number | null; lon?: number | null; address?: string };
  impact?: Partial<Record<ImpactField, number | null>>;
}

function toLocation(l: NewIncidentValues['location']): IncidentCreate['location'] {
  const lat = typeof l?.lat === 'number' ? l.lat : null;
  const lon = typeof l?.lon === 'number' ? l.lon : null;
  const address = l?.address?.trim() ?? '';
  // Coordinates are both-or-neither; an address alone is a location too.
  if ((lat === null || lon === null) && !address) return null;
  return lat === null || lon === null ? { lat: null, lon: null, address } : { lat, lon, address };
}

export function IncidentNewPage() {
  const { t, pick } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<NewIncidentValues>();
  const { types, loading: typesLoading } = useIncidentTypes();
  const [submitting, setSubmitting] = useState(false);
  // Units in the caller's subtree, for a report phoned in by an enterprise, a township or a community.
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api.organisations().then((os) => setUnits(os.map((o) => ({ value: o.id, label: `${o.name}（${o.jurisdictionName}）` }))), () => undefined);
  }, []);
  // One key per form: a retried submit (double click, flaky network) creates one incident only.
  const [idempotencyKey] = useState(newIdempotencyKey);

  const category = Form.useWatch('category', form);
  const typeCode = Form.useWatch('typeCode', form);
  const impactValues = Form.useWatch('impact', form);
  const impact = useMemo(() => normaliseImpact(impactValues), [impactValues]);
  const jurisdictionCode = Form.useWatch('jurisdictionCode', form);
  const gradingConfig = useGradingConfig(jurisdictionCode);

  useEffect(() => {
    document.title = `${t('new.title')} · ${t('app.name')}`;
  }, [t]);

  const typeOptions = useMemo(
    () =>
      types
        .filter((x) => x.category === category)
        .map((x) => ({ value: x.code, label: pick(x), text: `${x.zh} ${x.en} ${x.code}`, auto: x.grading !== 'manual' })),
    [types, category, pick],
  );

  const onFinish = async (v: NewIncidentValues) => {
    if (!v.category || !v.typeCode || !v.occurredAt || !v.jurisdictionCode) return;
    const body: IncidentCreate = {
      category: v.category,
      typeCode: v.typeCode,
      title: (v.title ?? '').trim(),
      description: (v.description ?? '').trim(),
      occurredAt: wallToApiInstant(v.occurredAt),
      jurisdictionCode: v.jurisdictionCode,
      // Sent only when the call came from another unit: the server defaults to the caller's own.
      ...(v.reportingOrganisationId && v.reportingOrganisationId !== user.organisation.id ? { reportingOrganisationId: v.reportingOrganisationId } : {}),
      location: toLocation(v.location),
      impact: normaliseImpact(v.impact),
    };
    setSubmitting(true);
    try {
      const created = await api.createIncident(body, idempotencyKey);
      void message.success(t('new.created'));
      navigate(`/incidents/${created.id}`, { replace: true });
    } catch (e) {
      // The same form was already accepted (e.g. the answer was lost and the user clicked again):
      // go to the incident that exists instead of creating a second one.
      const existing = isApiError(e, 409) && e.body.error.code === 'duplicate_submission' ? e.body.error.fields[0]?.message : undefined;
      if (existing) {
        void message.warning(e instanceof Error ? e.message : t('new.created'));
        navigate(`/incidents/${existing}`, { replace: true });
        return;
      }
      onError(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="sw-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('new.title')}
      </Typography.Title>
      <Form<NewIncidentValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        initialValues={{ occurredAt: toWall(dayjs()), jurisdictionCode: user.jurisdiction.code, reportingOrganisationId: user.organisation.id, impact: {} }}
        scrollToFirstError
        data-testid="incident-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card title={t('new.basic')} style={{ marginBottom: 16 }}>
              <Form.Item name="category" label={t('incident.category')} rules={[{ required: true, message: t('new.categoryRequired') }]}>
                <Select
                  placeholder={t('new.categoryRequired')}
                  data-testid="field-category"
                  options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                  onChange={(c: Category) => {
                    const current = form.getFieldValue('typeCode') as string | undefined;
                    const still = types.find((x) => x.code === current)?.category === c;
                    if (!still) form.setFieldValue('typeCode', undefined);
                  }}
                />
              </Form.Item>
              <Form.Item name="typeCode" label={t('incident.type')} rules={[{ required: true, message: t('new.typeRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'text' }}
                  loading={typesLoading}
                  disabled={!category}
                  placeholder={category ? t('new.typeRequired') : t('new.pickCategoryFirst')}
                  options={typeOptions}
                  optionRender={(o) => (
                    <Space size={4}>
                      {o.data.label}
                      {o.data.auto && <Tag color="blue">{t('grade.computed')}</Tag>}
                    </Space>
                  )}
                  data-testid="field-type"
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('incident.title')}
                rules={[{ required: true, whitespace: true, min: 2, max: 120, message: t('new.titleRequired') }]}
              >
                <Input maxLength={120} showCount placeholder={t('new.titlePlaceholder')} data-testid="field-title" />
              </Form.Item>
              <Form.Item name="description" label={t('incident.description')}>
                <Input.TextArea rows={3} maxLength={10_000} placeholder={t('new.descriptionPlaceholder')} data-testid="field-description" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="occurredAt"
                    label={t('incident.occurredAt')}
                    rules={[
                      { required: true, message: t('new.occurredAtRequired') },
                      {
                        validator: async (_, v: Dayjs | undefined) => {
                          if (v && fromWall(v).isAfter(dayjs().add(1, 'minute'))) throw new Error(t('new.occurredAtFuture'));
                        },
                      },
                    ]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isAfter(toWall(dayjs()).endOf('day'))}
                      showNow={deviceIsShanghai()}
                      data-testid="field-occurredAt"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="jurisdictionCode"
                    label={t('incident.jurisdiction')}
                    rules={[{ required: true, message: t('new.jurisdictionRequired') }]}
                  >
                    <JurisdictionSelect style={{ width: '100%' }} data-testid="field-jurisdiction" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="reportingOrganisationId" label={t('incident.reportingOrganisation')}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={units.length ? units : [{ value: user.organisation.id, label: user.organisation.name }]}
                      data-testid="field-reportingOrganisation"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('new.where')} style={{ marginBottom: 16 }}>
              <LocationFields />
            </Card>
            <Card title={t('new.impact')} style={{ marginBottom: 16 }}>
              <ImpactFields />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <div style={{ position: 'sticky', top: 72 }}>
              <GradePreview category={category} typeCode={typeCode} impact={impact} config={gradingConfig} title={t('new.gradePreview')} />
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                icon={<SendOutlined />}
                loading={submitting}
                disabled={submitting}
                style={{ marginTop: 16 }}
                data-testid="incident-submit"
              >
                {t('new.submit')}
              </Button>
            </div>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
