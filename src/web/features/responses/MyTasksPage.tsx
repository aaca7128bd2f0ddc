// 我的任务: what the logged-in person or their unit must do now — made for a phone in the field.
import { Card, Empty } from 'antd';
import type { TaskDto } from '../../../contracts/client';
import { useI18n } from '../../app/i18n';
import { FullPageSpin, LoadError } from '../../app/status';
import { useNow } from './CommandBoardPage';
import { useMyTasks } from './hooks';
import { TaskCard } from './TaskCard';

export function MyTasksPage() {
  const { t } = useI18n();
  const { data, error, reload, setData } = useMyTasks();
  const now = useNow();
  if (error) return <div className="sw-page"><LoadError error={error} onRetry={reload} /></div>;
  if (!data) return <FullPageSpin />;
  const replace = (next: TaskDto) => setData(data.map((x) => (x.id === next.id ? next : x)).filter((x) => x.status !== 'done'));
  return (
    <div className="sw-page" data-testid="my-tasks" style={{ maxWidth: 720 }}>
      <Card title={t('nav.myTasks')} styles={{ body: { padding: 8 } }}>
        {data.length === 0 ? <Empty description={t('task.mineEmpty')} /> : data.map((x) => <TaskCard key={x.id} task={x} now={now} showIncident onChanged={replace} />)}
      </Card>
    </div>
  );
}
