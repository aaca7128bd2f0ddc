// 解除条件 (突发事件应对法 第八十六条): when the response may end. Confirmed one by one on lifting.
import { Button, Col, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n';
import { useEditor } from './context';

export function LiftTab() {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('plans.lift.hint')}</Typography.Paragraph>
      <Form.List name={['content', 'liftConditions']}>
        {(fields, { add, remove }) => (
          <div data-testid="lift-list">
            {fields.length === 0 && <Typography.Paragraph type="secondary">{t('plans.lift.none')}</Typography.Paragraph>}
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} wrap={false} align="top">
                <Col flex="none" style={{ paddingTop: 5, width: 28, color: 'rgba(0,0,0,0.45)' }}>
                  {i + 1}.
                </Col>
                <Col flex="auto" style={{ minWidth: 0 }}>
                  <Form.Item name={f.name} rules={[{ required: true, whitespace: true, max: 500, message: t('plans.lift.required') }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                  </Form.Item>
                </Col>
                {!readOnly && (
                  <Col flex="none">
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('plans.common.remove')} />
                  </Col>
                )}
              </Row>
            ))}
            {!readOnly && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="lift-add">
                {t('plans.lift.add')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
    </>
  );
}
