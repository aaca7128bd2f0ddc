// Admin screens are loaded lazily by the router (default exports); named re-exports for tests.
export { default as UsersPage } from './UsersPage';
export { default as OrganisationsPage } from './OrganisationsPage';
export { default as RulesPage } from './RulesPage';
