export { ResourcesPage } from './ResourcesPage';
export { IncidentResourcesCard } from './IncidentResourcesCard';
