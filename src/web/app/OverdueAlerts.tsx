// 信息报告超时 reaches the duty room wherever they are in the app: the scheduled check puts a
// `report.overdue` event on the timeline, and every logged-in screen in scope raises an alert.
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n';
import { useLiveEvent } from './live';

export function OverdueAlerts() {
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const { t } = useI18n();
  useLiveEvent('timeline', (e) => {
    if (e.type !== 'report.overdue' || !e.incidentId) return;
    const key = `${e.incidentId}:${String(e.data.requirementKey ?? '')}`;
    notification.error({
      key,
      title: t('live.overdueTitle', { title: String(e.data.title ?? '') }),
      description: e.summary,
      duration: 0,
      actions: (
        <Button
          type="primary"
          size="small"
          data-testid="overdue-open"
          onClick={() => {
            notification.destroy(key);
            navigate(`/incidents/${e.incidentId}`);
          }}
        >
          {t('live.overdueOpen')}
        </Button>
      ),
    });
  });
  return null;
}
