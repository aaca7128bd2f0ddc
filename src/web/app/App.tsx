import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { RouterProvider } from 'react-router';
import { I18nProvider, initialLang, useI18n, type Lang } from './i18n';
import { setApiLang } from './api';
import { setDayjsLocale } from './time';
import { SessionProvider, useSession } from './session';
import { LiveProvider } from './live';
import { router } from './router';
import { theme } from './theme';

function applyLang(lang: Lang): void {
  setApiLang(lang);
  setDayjsLocale(lang);
}
applyLang(initialLang());
document.documentElement.lang = initialLang();

function LiveForSession({ children }: { children: React.ReactNode }) {
  const { state } = useSession();
  return <LiveProvider enabled={state.status === 'authenticated'}>{children}</LiveProvider>;
}

function Shell() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <SessionProvider>
          <LiveForSession>
            <RouterProvider router={router} />
          </LiveForSession>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider onChange={applyLang}>
      <Shell />
    </I18nProvider>
  );
}
