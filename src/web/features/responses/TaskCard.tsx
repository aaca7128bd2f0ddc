// One task on the board or in "my tasks": deadline countdown (red when overdue), owner, sign / report.
import { useState } from 'react';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { TaskDto } from '../../../contracts/client';
import { api, useApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatDuration, formatTime } from '../../app/time';
import { ProgressModal } from './ProgressModal';

export function TaskCard({ task, now, showIncident, onChanged }: { task: TaskDto; now: number; showIncident?: boolean; onChanged: (t: TaskDto) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const left = Date.parse(task.dueAt) - now;
  const overdue = task.status !== 'done' && left < 0;
  const sign = async () => {
    setBusy(true);
    try {
      onChanged(await api.signTask(task.id));
      void message.success(t('task.signed'));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      className={overdue ? 'sw-task sw-task-overdue' : 'sw-task'}
      data-testid="task-card"
      data-task-id={task.id}
      data-status={task.status}
      style={{ marginBottom: 8, borderColor: overdue ? '#ff4d4f' : undefined }}
      title={<Typography.Text strong style={{ whiteSpace: 'normal' }}>{task.title}</Typography.Text>}
      extra={task.roleTitle ? <Tag>{task.roleTitle}</Tag> : null}
    >
      {showIncident && <div className="sw-muted">{task.incidentTitle}</div>}
      <div>
        <Typography.Text type={overdue ? 'danger' : 'secondary'}>
          {t('task.due', { at: formatTime(task.dueAt) })}
          {task.status !== 'done' && ` · ${overdue ? t('task.overdueBy', { d: formatDuration(-left, lang) }) : t('task.dueIn', { d: formatDuration(left, lang) })}`}
        </Typography.Text>
      </div>
      <div className="sw-muted">{task.assignee ? t('task.assignee', { name: task.assignee.name }) : t('task.unassigned')}</div>
      {task.checklist.length > 0 && (
        <div style={{ marginTop: 4 }}>
          {task.checklist.map((c) => <Tag key={c}>{c}</Tag>)}
        </div>
      )}
      {task.progress.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 6 }}
          dataSource={task.progress.slice(-3)}
          renderItem={(p) => (
            <List.Item style={{ paddingInline: 0 }} data-testid="task-progress">
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(p.at)} · {p.by}</Typography.Text>
                <div>{p.text}</div>
                {p.attachments.map((a) => (
                  <a key={a.id} href={`/api/attachments/${a.id}`} style={{ marginRight: 8 }}>
                    <PaperClipOutlined /> {a.filename}
                  </a>
                ))}
              </div>
            </List.Item>
          )}
        />
      )}
      {task.mine && task.status !== 'done' && (
        <Space style={{ marginTop: 8 }} wrap>
          {task.status === 'pending' && (
            <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={sign} data-testid="task-sign">
              {t('task.sign')}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={() => setReporting(true)} data-testid="task-report">
            {t('task.report')}
          </Button>
        </Space>
      )}
      <ProgressModal task={reporting ? task : null} onClose={() => setReporting(false)} onDone={onChanged} />
    </Card>
  );
}
