import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginRequest } from '../../../contracts/auth';
import { isApiError, useApiError } from '../../app/api';
import { useI18n, type Lang } from '../../app/i18n';
import { useSession } from '../../app/session';
import { FullPageSpin } from '../../app/status';

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { state, login } = useSession();
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onError = useApiError();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.subtitle')}`;
  }, [t]);

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated' && !submitting) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginRequest) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values);
      void message.success(t('login.welcome', { name: user.displayName }));
      navigate(next, { replace: true });
    } catch (e) {
      if (isApiError(e)) {
        // e.g. 401 用户名或密码错误 / 429 too many attempts: show it on the card, fields too.
        setError(e.body.error.message);
        if (e.body.error.fields.length > 0) onError(e, form);
      } else onError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="sw-login">
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 0 }}>
              <SafetyCertificateFilled style={{ color: '#faad14' }} /> {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        {expired && !error && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('error.sessionExpired')} />}
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} data-testid="login-error" />}
        <Form<LoginRequest> form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
