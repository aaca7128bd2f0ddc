export { CommandBoardPage } from './CommandBoardPage';
export { ResponsesPage } from './ResponsesPage';
export { MyTasksPage } from './MyTasksPage';
export { IncidentPlansCard } from './IncidentPlansCard';
export { NotificationBell } from './NotificationBell';
export { SitrepButtons } from './SitrepButtons';
