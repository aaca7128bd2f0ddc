export { WarningsPage } from './WarningsPage';
export { SensorsPage } from './SensorsPage';
