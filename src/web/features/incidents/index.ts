export { IncidentListPage } from './board/IncidentListPage';
export { IncidentNewPage } from './new/IncidentNewPage';
export { IncidentDetailPage } from './detail/IncidentDetailPage';
