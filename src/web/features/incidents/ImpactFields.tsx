// The seven impact figures. An empty input means 未知 (null), which is not 0: the placeholder says
// so, and a tag beside each figure shows "未知" or "确认为 0" so nobody mistakes one for the other.
import { Alert, Col, Form, InputNumber, Row, Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import { IMPACT_FIELDS, type ImpactField } from './impact';

function LossHint({ yuan }: { yuan: number | null | undefined }) {
  const { t } = useI18n();
  if (typeof yuan !== 'number' || yuan < 10_000) return null;
  const n = yuan >= 100_000_000 ? +(yuan / 100_000_000).toFixed(4) : +(yuan / 10_000).toFixed(2);
  return <span>{yuan >= 100_000_000 ? t('impact.yi', { n }) : t('impact.wan', { n })}</span>;
}

function StateTag({ value }: { value: number | null | undefined }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <Tag>{t('impact.unknownTag')}</Tag>;
  if (value === 0) return <Tag color="green">{t('impact.zeroTag')}</Tag>;
  return null;
}

const thousands = (v: number | string | undefined) => (v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const unthousands = (v: string | undefined) => (v ? v.replace(/,/g, '') : '');

export function ImpactFields({ disabled }: { disabled?: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const impact = Form.useWatch('impact', form) as Partial<Record<ImpactField, number | null>> | undefined;

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('impact.unknownHint')} data-testid="impact-hint" />
      <Row gutter={16}>
        {IMPACT_FIELDS.map((k) => {
          const money = k === 'directLossYuan';
          return (
            <Col key={k} xs={money ? 24 : 12} md={money ? 16 : 8}>
              <Form.Item
                name={['impact', k]}
                label={
                  <span>
                    {t(`impact.${k}`)} <StateTag value={impact?.[k]} />
                  </span>
                }
                extra={money ? <LossHint yuan={impact?.[k]} /> : undefined}
              >
                <InputNumber
                  style={{ width: '100%' }}
                  min={0}
                  precision={0}
                  step={1}
                  disabled={disabled}
                  placeholder={t('impact.unknownPlaceholder')}
                  suffix={money ? t('impact.unitYuan') : t('impact.unitPerson')}
                  formatter={money ? thousands : undefined}
                  parser={money ? unthousands : undefined}
                  inputMode="numeric"
                  data-testid={`field-${k}`}
                />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
