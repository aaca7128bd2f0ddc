// On the incident page: which plans apply and why, activation by a commander, and the responses running.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, InputNumber, List, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PlanSuggestionDto, ResponseDtoT } from '../../../contracts/client';
import { api, useFormSubmit } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { formatTime } from '../../app/time';
import { useIncidentPlans } from './hooks';

function ActivateModal({ incidentId, s, onClose, onDone }: { incidentId: string; s: PlanSuggestionDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ level: string; expectedDurationHours: number | null; measures: string; note: string }>();
  const { submit, busy } = useFormSubmit(form, (v) => api.activatePlan(incidentId, { planId: s!.planId, ...v }), {
    success: t('resp.activated'), onDone: () => { onDone(); onClose(); },
  });
  return (
    <Modal open={s !== null} title={s ? t('resp.activateTitle', { plan: s.planTitle }) : ''} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={t('resp.activate')} cancelText={t('common.cancel')} destroyOnHidden>
      {s && (
        <Form form={form} layout="vertical" initialValues={{ level: s.suggestedLevel?.key ?? s.levels[s.levels.length - 1]?.key, expectedDurationHours: null, measures: '', note: '' }} data-testid="activate-form">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={s.reasonText} />
          <Form.Item name="level" label={t('resp.level')} extra={t('resp.levelHint')} rules={[{ required: true }]}>
            <Select options={s.levels.map((l) => ({ value: l.key, label: l.name }))} data-testid="activate-level" />
          </Form.Item>
          <Form.Item name="expectedDurationHours" label={t('resp.duration')}>
            <InputNumber min={1} max={8760} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="measures" label={t('resp.measures')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item name="note" label={t('resp.note')}>
            <Input maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function ChangeModal({ r, mode, onClose, onDone }: { r: ResponseDtoT | null; mode: 'level' | 'lift'; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ level: string; conditionsMet: string[]; note: string }>();
  const { submit, busy } = useFormSubmit(
    form,
    (v) => api.patchResponse(r!.id, mode === 'level' ? { action: 'change_level', level: v.level, note: v.note ?? '' } : { action: 'lift', conditionsMet: v.conditionsMet ?? [], note: v.note ?? '' }),
    { success: mode === 'level' ? t('resp.levelChanged') : t('resp.lifted'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open={r !== null} title={mode === 'level' ? t('resp.changeLevelTitle') : t('resp.liftTitle')} onCancel={onClose} onOk={submit}
      confirmLoading={busy} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      {r && (
        <Form form={form} layout="vertical" initialValues={{ level: r.levelKey, conditionsMet: [], note: '' }}>
          {mode === 'level' ? (
            <Form.Item name="level" label={t('resp.level')}>
              <Select options={r.levels.map((l) => ({ value: l.key, label: l.name, disabled: l.key === r.levelKey }))} />
            </Form.Item>
          ) : (
            <Form.Item name="conditionsMet" label={t('resp.liftConditions')}>
              <Checkbox.Group style={{ display: 'grid', gap: 6 }} options={r.liftConditions.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          )}
          <Form.Item name="note" label={mode === 'lift' ? t('resp.liftNote') : t('resp.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ResponseSummary({ r }: { r: ResponseDtoT }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      <Space wrap>
        <Typography.Text strong>《{r.planTitle}》{r.levelName}</Typography.Text>
        <Tag color={r.status === 'active' ? 'processing' : 'default'}>{t(`resp.status.${r.status}`)}</Tag>
        {r.taskCounts.overdue > 0 && <Tag color="error">{t('resp.overdueCount', { n: r.taskCounts.overdue })}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('resp.activatedAt', { at: formatTime(r.activatedAt), by: r.activatedBy })}
        {r.liftedAt ? ` · ${t('resp.liftedAt', { at: formatTime(r.liftedAt) })}` : ''}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 12 }}>{t('resp.counts', r.taskCounts)}</Typography.Text>
    </Space>
  );
}

export function IncidentPlansCard({ incidentId }: { incidentId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { data, reload } = useIncidentPlans(incidentId);
  const [activating, setActivating] = useState<PlanSuggestionDto | null>(null);
  const [changing, setChanging] = useState<{ r: ResponseDtoT; mode: 'level' | 'lift' } | null>(null);
  const commander = can('response.activate');
  return (
    <>
      {data && data.responses.length > 0 && (
        <Card size="small" title={t('resp.responses')} data-testid="incident-responses" style={{ marginBottom: 16 }}>
          <List
            dataSource={data.responses}
            renderItem={(r) => (
              <List.Item
                data-testid="response-item"
                actions={[
                  <Link key="board" to={`/responses/${r.id}`} data-testid="open-board">{t('resp.openBoard')}</Link>,
                  ...(commander && r.status === 'active'
                    ? [
                        <Button key="lv" size="small" onClick={() => setChanging({ r, mode: 'level' })}>{t('resp.changeLevel')}</Button>,
                        <Button key="lift" size="small" danger onClick={() => setChanging({ r, mode: 'lift' })}>{t('resp.lift')}</Button>,
                      ]
                    : []),
                ]}
              >
                <ResponseSummary r={r} />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={t('resp.suggestions')} data-testid="plan-suggestions" style={{ marginBottom: 16 }}>
        {!data ? (
          <Skeleton active />
        ) : data.suggestions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resp.noSuggestions')} />
        ) : (
          <List
            dataSource={data.suggestions}
            renderItem={(s) => (
              <List.Item
                data-testid="plan-suggestion"
                actions={
                  s.active
                    ? [<Tag key="a" color="processing">{t('resp.active')}</Tag>]
                    : commander
                      ? [<Button key="go" type={s.matches ? 'primary' : 'default'} size="small" onClick={() => setActivating(s)} data-testid="activate-plan">{t('resp.activate')}</Button>]
                      : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>《{s.planTitle}》{s.versionLabel}</span>
                      <Tag color={s.matches ? 'success' : 'default'}>{s.matches ? t('resp.match') : t('resp.noMatch')}</Tag>
                      {s.suggestedLevel && <Tag color="orange">{t('resp.suggestedLevel', { level: s.suggestedLevel.name })}</Tag>}
                    </Space>
                  }
                  description={<span data-testid="suggestion-reason">{s.reasonText}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <ActivateModal incidentId={incidentId} s={activating} onClose={() => setActivating(null)} onDone={reload} />
      <ChangeModal r={changing?.r ?? null} mode={changing?.mode ?? 'level'} onClose={() => setChanging(null)} onDone={reload} />
    </>
  );
}
