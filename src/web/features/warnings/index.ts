export { WarningsPage } from './WarningsPage';
export { SensorsPage } from './SensorsPage';
export { WarningRulesPage } from './WarningRulesPage';
export { WebhooksPage } from './WebhooksPage';
