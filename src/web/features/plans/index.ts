// Plan screens (default exports, so the router may load them lazily): 预案与预案健康度, the plan editor,
// and document import.
export { default as PlansPage } from './list/PlansPage';
export { default as PlanEditorPage } from './editor/PlanEditorPage';
export { default as PlanImportPage } from './import/PlanImportPage';
