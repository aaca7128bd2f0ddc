// 应急资源: stock and its ledger, and the registers (items, depots, teams, experts, equipment, shelters), one tab each.
// Pick lists (depots, items, teams) are loaded once here and shared by the tabs that need them.
import { useEffect, useState } from 'react';
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { useAdminList } from '../admin/useAdminList';
import { DepotsRegister, EquipmentRegister, ExpertsRegister, ItemsRegister, SheltersRegister, TeamsRegister } from './Registers';
import { LedgerTab, StockTab } from './StockTab';
import { AllocationTab } from './AllocationTab';

const TABS = ['stock', 'ledger', 'allocation', 'items', 'depots', 'teams', 'experts', 'equipment', 'shelters'] as const;
type Tab = (typeof TABS)[number];

export function ResourcesPage() {
  const { t } = useI18n();
  const can = useCan();
  const manage = can('resource.manage');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'stock';
  const items = useAdminList(api.items);
  const depots = useAdminList(api.depots);
  const teams = useAdminList(api.teams);
  const experts = useAdminList(api.experts);
  const equipment = useAdminList(api.equipment);
  const shelters = useAdminList(api.shelters);
  const [ledgerKey, setLedgerKey] = useState(0);

  useEffect(() => {
    document.title = `${t('res.title')} · ${t('app.name')}`;
  }, [t]);

  const panes: Record<Tab, React.ReactNode> = {
    stock: <StockTab depots={depots.items ?? []} items={items.items ?? []} canManage={manage} onChanged={() => setLedgerKey((n) => n + 1)} />,
    ledger: <LedgerTab key={ledgerKey} />,
    allocation: <AllocationTab />,
    items: <ItemsRegister list={items} canManage={manage} />,
    depots: <DepotsRegister list={depots} canManage={manage} />,
    teams: <TeamsRegister list={teams} canManage={manage} />,
    experts: <ExpertsRegister list={experts} canManage={manage} />,
    equipment: <EquipmentRegister list={equipment} canManage={manage} depots={depots.items ?? []} teams={teams.items ?? []} />,
    shelters: <SheltersRegister list={shelters} canManage={manage} />,
  };
  return (
    <div className="sw-page" data-testid="resources-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={TABS.filter((k) => k !== 'allocation' || can('resource.dispatch')).map((k) => ({ key: k, label: <span data-testid={`res-tab-${k}`}>{t(`res.tab.${k}`)}</span>, children: panes[k] }))}
      />
    </div>
  );
}
