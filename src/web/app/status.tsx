// Full-page states shared by every screen: loading, not found, forbidden, failed to load.
import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from './i18n';

export function FullPageSpin() {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: 240, height: '100%' }}>
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('error.notFound')}
      subTitle={t('error.notFoundDesc')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('error.backHome')}</Button>}
    />
  );
}

export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('error.forbidden')}
      subTitle={t('error.forbiddenDesc')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('error.backHome')}</Button>}
    />
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={error instanceof TypeError ? t('error.network') : msg}
      extra={onRetry && <Button onClick={onRetry}>{t('app.retry')}</Button>}
    />
  );
}
