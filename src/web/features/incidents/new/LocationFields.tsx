// Optional location: WGS84 latitude/longitude (both or neither) and an address.
import { useState } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n';

export function LocationFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator && window.isSecureContext;

  const locate = () => {
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({ location: { lat: +pos.coords.latitude.toFixed(6), lon: +pos.coords.longitude.toFixed(6) } });
        void form.validateFields([['location', 'lat'], ['location', 'lon']]);
      },
      (err) => {
        setLocating(false);
        void message.warning(err.message || 'GPS');
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const pairRule = (other: 'lat' | 'lon') => ({
    validator: async (_: unknown, v: number | null | undefined) => {
      const o = form.getFieldValue(['location', other]) as number | null | undefined;
      const has = typeof v === 'number';
      const otherHas = typeof o === 'number';
      if (!has && otherHas) throw new Error(t('new.latLonBoth'));
    },
  });

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('new.locationHint')}
      </Typography.Paragraph>
      <Row gutter={16} align="bottom">
        <Col xs={12} md={8}>
          <Form.Item name={['location', 'lat']} label={t('incident.lat')} dependencies={[['location', 'lon'], ['location', 'address']]} rules={[pairRule('lon')]}>
            <InputNumber style={{ width: '100%' }} min={-90} max={90} step={0.000001} precision={6} placeholder="30.123456" data-testid="field-lat" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={['location', 'lon']} label={t('incident.lon')} dependencies={[['location', 'lat'], ['location', 'address']]} rules={[pairRule('lat')]}>
            <InputNumber style={{ width: '100%' }} min={-180} max={180} step={0.000001} precision={6} placeholder="120.123456" data-testid="field-lon" />
          </Form.Item>
        </Col>
        {canLocate && (
          <Col xs={24} md={8}>
            <Form.Item>
              <Button icon={<AimOutlined />} loading={locating} onClick={locate} block>
                {t('new.useMyLocation')}
              </Button>
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name={['location', 'address']} label={t('incident.address')}>
        <Input maxLength={200} data-testid="field-address" />
      </Form.Item>
    </>
  );
}
