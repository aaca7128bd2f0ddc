import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission } from './guards';
import { FullPageSpin, NotFound } from './status';
import { LoginPage } from '../features/auth';
import { IncidentDetailPage, IncidentListPage, IncidentNewPage } from '../features/incidents';

// Leaflet and the admin screens load on first visit only.
const IncidentMapPage = lazy(() => import('../map/IncidentMap'));
const UsersPage = lazy(() => import('../features/admin').then((m) => ({ default: m.UsersPage })));
const OrganisationsPage = lazy(() => import('../features/admin').then((m) => ({ default: m.OrganisationsPage })));
const RulesPage = lazy(() => import('../features/admin').then((m) => ({ default: m.RulesPage })));
const ResponsesPage = lazy(() => import('../features/responses').then((m) => ({ default: m.ResponsesPage })));
const CommandBoardPage = lazy(() => import('../features/responses').then((m) => ({ default: m.CommandBoardPage })));
const PlansPage = lazy(() => import('../features/plans').then((m) => ({ default: m.PlansPage })));
const PlanEditorPage = lazy(() => import('../features/plans').then((m) => ({ default: m.PlanEditorPage })));
const PlanImportPage = lazy(() => import('../features/plans').then((m) => ({ default: m.PlanImportPage })));
const WarningsPage = lazy(() => import('../features/warnings').then((m) => ({ default: m.WarningsPage })));
const SensorsPage = lazy(() => import('../features/warnings').then((m) => ({ default: m.SensorsPage })));
const WarningRulesPage = lazy(() => import('../features/warnings').then((m) => ({ default: m.WarningRulesPage })));
const WebhooksPage = lazy(() => import('../features/warnings').then((m) => ({ default: m.WebhooksPage })));
const ResourcesPage = lazy(() => import('../features/resources').then((m) => ({ default: m.ResourcesPage })));
const MyTasksPage = lazy(() => import('../features/responses').then((m) => ({ default: m.MyTasksPage })));

const later = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <IncidentListPage /> },
      { path: 'incidents', element: <IncidentListPage /> },
      {
        path: 'incidents/new',
        element: (
          <RequirePermission action="incident.create">
            <IncidentNewPage />
          </RequirePermission>
        ),
      },
      { path: 'incidents/:id', element: <IncidentDetailPage /> },
      { path: 'map', element: later(<IncidentMapPage />) },
      { path: 'plans', element: <RequirePermission action="plan.read">{later(<PlansPage />)}</RequirePermission> },
      { path: 'plans/import', element: <RequirePermission action="plan.manage">{later(<PlanImportPage />)}</RequirePermission> },
      { path: 'plans/:id', element: <RequirePermission action="plan.read">{later(<PlanEditorPage />)}</RequirePermission> },
      { path: 'warnings', element: later(<WarningsPage />) },
      { path: 'sensors', element: later(<SensorsPage />) },
      // As the server: anyone may read the rules (creating one needs sensor.manage); webhooks are rules.manage.
      { path: 'warning-rules', element: <RequirePermission action="incident.read">{later(<WarningRulesPage />)}</RequirePermission> },
      { path: 'webhooks', element: <RequirePermission action="rules.manage">{later(<WebhooksPage />)}</RequirePermission> },
      { path: 'resources', element: <RequirePermission action="resource.read">{later(<ResourcesPage />)}</RequirePermission> },
      { path: 'responses', element: later(<ResponsesPage />) },
      { path: 'responses/:id', element: later(<CommandBoardPage />) },
      { path: 'tasks', element: later(<MyTasksPage />) },
      {
        path: 'admin/users',
        element: <RequirePermission action="user.manage">{later(<UsersPage />)}</RequirePermission>,
      },
      {
        path: 'admin/organisations',
        element: <RequirePermission action="org.manage">{later(<OrganisationsPage />)}</RequirePermission>,
      },
      {
        path: 'admin/rules',
        element: <RequirePermission action="rules.manage">{later(<RulesPage />)}</RequirePermission>,
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
