// Figure conditions (死亡 ≥ 3, 水位 ≥ 4.5 m): all must hold. Used by the plan's triggers and each level.
import { Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPARATORS, type FigureCondition } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { COMPARATOR_TEXT } from '../labels';
import { useEditor } from './context';
import { MeasureInput } from './inputs';

export function ConditionsList({ name }: { name: (string | number)[] }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  const fresh: FigureCondition = { measure: '', op: '>=', value: 1 };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="conditions-list">
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('plans.condition.none')}
            </Typography.Paragraph>
          )}
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top" wrap>
              <Col xs={24} sm={8}>
                <Form.Item name={[f.name, 'measure']} rules={[{ required: true, whitespace: true, message: t('plans.condition.measureRequired') }]}>
                  <MeasureInput />
                </Form.Item>
              </Col>
              <Col xs={6} sm={3}>
                <Form.Item name={[f.name, 'op']} rules={[{ required: true }]}>
                  <Select options={COMPARATORS.map((c) => ({ value: c, label: COMPARATOR_TEXT[c] }))} aria-label={t('plans.condition.op')} />
                </Form.Item>
              </Col>
              <Col xs={9} sm={6}>
                <Form.Item name={[f.name, 'value']} rules={[{ required: true, message: t('plans.condition.valueRequired') }]}>
                  <InputNumber style={{ width: '100%' }} placeholder={t('plans.condition.value')} />
                </Form.Item>
              </Col>
              <Col xs={9} sm={5}>
                <Form.Item name={[f.name, 'unit']} rules={[{ max: 10 }]}>
                  <Input maxLength={10} placeholder={t('plans.condition.unit')} />
                </Form.Item>
              </Col>
              {!readOnly && (
                <Col xs={24} sm={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('plans.common.remove')} />
                </Col>
              )}
            </Row>
          ))}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(fresh)} data-testid="condition-add">
              {t('plans.condition.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}
