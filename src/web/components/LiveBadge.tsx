import { Badge, Tooltip } from 'antd';
import { useLiveStatus } from '../app/live';
import { useT } from '../app/i18n';

/** Small 实时 indicator of the shared event stream. */
export function LiveBadge() {
  const status = useLiveStatus();
  const t = useT();
  const [badge, text, tip] =
    status === 'open'
      ? (['success', t('live.connected'), t('live.connectedTip')] as const)
      : status === 'connecting'
        ? (['processing', t('live.connecting'), t('live.disconnectedTip')] as const)
        : (['error', t('live.disconnected'), t('live.disconnectedTip')] as const);
  return (
    <Tooltip title={tip}>
      <span data-testid="live-badge" data-status={status} style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
        <Badge status={badge} text={text} />
      </span>
    </Tooltip>
  );
}
