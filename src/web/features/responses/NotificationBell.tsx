// The bell in the header: notifications for this user (activation, level changes), live.
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '../../../contracts/client';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useLiveEvent } from '../../app/live';
import { formatTime } from '../../app/time';

export function NotificationBell() {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [items, setItems] = useState<NotificationDto[]>([]);
  const load = useCallback(() => {
    api.notifications().then(setItems, () => undefined);
  }, []);
  useEffect(load, [load]);
  useLiveEvent('reconnect', load);
  useLiveEvent('notification', (n) => {
    setItems((cur) => [{ ...n, read: false }, ...cur.filter((x) => x.id !== n.id)]);
    if (!n.quiet) notification.info({ message: t('notify.title'), description: n.text, placement: 'topRight', onClick: () => n.incidentId && navigate(`/incidents/${n.incidentId}`) });
  });
  const unread = items.filter((x) => !x.read).length;
  const readAll = () => api.readNotifications().then(() => setItems((cur) => cur.map((x) => ({ ...x, read: true }))), () => undefined);
  const content = (
    <div style={{ width: 320, maxHeight: 400, overflow: 'auto' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', fontWeight: n.read ? 'normal' : 600 }} onClick={() => n.incidentId && navigate(`/incidents/${n.incidentId}`)}>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(n.at)}</Typography.Text>
                <div>{n.text}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      {unread > 0 && <Button type="link" onClick={readAll}>{t('notify.readAll')}</Button>}
    </div>
  );
  return (
    <Popover content={content} title={t('notify.title')} trigger="click" placement="bottomRight">
      <Badge count={unread} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('notify.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
