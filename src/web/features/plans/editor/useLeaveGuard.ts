// Unsaved changes: ask before leaving the page inside the app, and let the browser ask on reload/close.
import { useEffect } from 'react';
import { App } from 'antd';
import { useBlocker } from 'react-router';
import { useI18n } from '../../../app/i18n';

export function useLeaveGuard(dirty: boolean) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('plans.editor.leaveTitle'),
      content: t('plans.editor.leaveText'),
      okText: t('plans.editor.leaveOk'),
      okButtonProps: { danger: true },
      cancelText: t('plans.editor.leaveCancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
