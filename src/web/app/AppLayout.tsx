import { useMemo, useState } from 'react';
import { App, Button, Drawer, Grid, Layout, Menu, Popconfirm, Segmented, Space, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, ApiOutlined, ControlOutlined, CarryOutOutlined, DashboardOutlined, NotificationOutlined, EnvironmentOutlined, FileProtectOutlined, SafetyCertificateFilled, LogoutOutlined, MenuOutlined, PlusCircleOutlined, SettingOutlined, TeamOutlined, BankOutlined, DatabaseOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LiveBadge } from '../components/LiveBadge';
import { OverdueAlerts } from './OverdueAlerts';
import { NotificationBell } from '../features/responses/NotificationBell';
import { useI18n, type Lang } from './i18n';
import { useCan, useSession, useUser } from './session';

const { Header, Sider, Content } = Layout;

function useMenuItems(): MenuProps['items'] {
  const { t } = useI18n();
  const can = useCan();
  return useMemo(() => {
    const items: NonNullable<MenuProps['items']> = [
      { key: '/incidents', icon: <AlertOutlined />, label: t('nav.board') },
    ];
    if (can('incident.create')) items.push({ key: '/incidents/new', icon: <PlusCircleOutlined />, label: t('nav.new') });
    items.push({ key: '/map', icon: <EnvironmentOutlined />, label: t('nav.map') });
    if (can('plan.read')) items.push({ key: '/plans', icon: <FileProtectOutlined />, label: t('nav.plans') });
    items.push({ key: '/warnings', icon: <NotificationOutlined />, label: t('nav.warnings') });
    items.push({ key: '/responses', icon: <ApartmentOutlined />, label: t('nav.responses') });
    if (can('resource.read')) items.push({ key: '/resources', icon: <DatabaseOutlined />, label: t('nav.resources') });
    items.push({ key: '/sensors', icon: <DashboardOutlined />, label: t('nav.sensors') });
    if (can('sensor.manage') || can('warning.create')) items.push({ key: '/warning-rules', icon: <ControlOutlined />, label: t('nav.warningRules') });
    if (can('rules.manage')) items.push({ key: '/webhooks', icon: <ApiOutlined />, label: t('nav.webhooks') });
    if (can('task.work')) items.push({ key: '/tasks', icon: <CarryOutOutlined />, label: t('nav.myTasks') });
    if (can('user.manage')) items.push({ key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') });
    if (can('org.manage')) items.push({ key: '/admin/organisations', icon: <BankOutlined />, label: t('nav.organisations') });
    if (can('rules.manage')) items.push({ key: '/admin/rules', icon: <SettingOutlined />, label: t('nav.rules') });
    return items;
  }, [t, can]);
}

function selectedKey(pathname: string): string {
  if (pathname === '/' || pathname === '/incidents') return '/incidents';
  if (pathname === '/incidents/new') return '/incidents/new';
  if (pathname.startsWith('/incidents/')) return '/incidents';
  if (pathname.startsWith('/responses/')) return '/responses';
  if (pathname.startsWith('/plans')) return '/plans';
  return pathname;
}

function Brand({ collapsed }: { collapsed?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <div className="sw-brand">
      <SafetyCertificateFilled aria-hidden style={{ color: '#faad14' }} />
      {!collapsed && (
        <span>
          {t('app.name')} {lang !== 'en' && <small>{t('app.subtitle')}</small>}
        </span>
      )}
    </div>
  );
}

function UserBox({ compact }: { compact: boolean }) {
  const user = useUser();
  const { t } = useI18n();
  const { logout } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // The session state turns anonymous and the route guard shows the login page.
  const doLogout = async () => {
    setBusy(true);
    try {
      await logout();
      void message.success(t('header.loggedOut'));
    } catch {
      // the session is dropped locally anyway
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={12} align="center" style={{ minWidth: 0 }}>
      <div className="sw-header-user" data-testid="header-user">
        <strong>{user.displayName}</strong>
        {!compact && (
          <span className="sw-muted">
            {user.organisation.name} · {user.jurisdiction.name}
          </span>
        )}
      </div>
      <Popconfirm title={t('header.logoutConfirm')} onConfirm={doLogout} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Tooltip title={t('header.logout')}>
          <Button icon={<LogoutOutlined />} loading={busy} data-testid="logout" aria-label={t('header.logout')}>
            {compact ? null : t('header.logout')}
          </Button>
        </Tooltip>
      </Popconfirm>
    </Space>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('header.language')}
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = useMenuItems();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useI18n();

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      data-testid="nav-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={200}>
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={220}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="sw-header">
          {isPhone && (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.menu')} data-testid="nav-toggle" />
          )}
          <div style={{ flex: 1 }} />
          <LiveBadge />
          <NotificationBell />
          <LanguageSwitch />
          <UserBox compact={isPhone} />
        </Header>
        <Content>
          <OverdueAlerts />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
