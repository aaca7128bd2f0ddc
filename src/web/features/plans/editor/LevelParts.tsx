// The parts of one response level: 指挥机构 (roles), 任务 (tasks), 通知 (notify), 资源需求 (resources).
// Field names are absolute (['content', 'levels', i, …]) so API errors such as
// "content.levels.0.tasks.1.roleKey" land on the right control.
import { useRef, type CSSProperties } from 'react';
import { Button, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CommandRole, NotifyTarget, ResourceNeed, TaskTemplate } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { blankRole, blankTask } from '../content';
import { useEditor } from './context';
import { DeadlineInput, FillerInput, fillerProblem, NotifyTargetInput, notifyProblem } from './inputs';

export const itemBox: CSSProperties = { border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12, background: '#fcfcfd', position: 'relative' };
const KEY_RULE = /^[A-Za-z0-9_.-]{1,40}$/;

function useKeyRules() {
  const { t } = useI18n();
  return [{ required: true, message: t('plans.key.required') }, { pattern: KEY_RULE, message: t('plans.key.pattern') }];
}

/** The roles of level `level` as {key, title}, live. */
export function useLevelRoles(level: number): { key: string; title: string }[] {
  const form = Form.useFormInstance();
  const roles = Form.useWatch(['content', 'levels', level, 'roles'], form) as CommandRole[] | undefined;
  return (roles ?? []).filter((r) => r?.key).map((r) => ({ key: r.key, title: r.title }));
}

function RemoveButton({ onClick, testId }: { onClick: () => void; testId?: string }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  if (readOnly) return null;
  return <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={onClick} aria-label={t('plans.common.remove')} title={t('plans.common.remove')} style={{ position: 'absolute', top: 6, right: 6, zIndex: 1 }} data-testid={testId} />;
}

export function RolesList({ level }: { level: number }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const { readOnly, advanced, markDirty } = useEditor();
  const roles = useLevelRoles(level);
  const keyRules = useKeyRules();
  const base = ['content', 'levels', level] as const;

  /** A removed role leaves no dangling references: its tasks lose their role, its reports move up, notices to it go. */
  const removeRole = (index: number, remove: (i: number) => void) => {
    const all = (form.getFieldValue([...base, 'roles']) as CommandRole[] | undefined) ?? [];
    const gone = all[index]?.key;
    remove(index);
    if (!gone) return;
    const parent = all[index]?.parentKey ?? null;
    const rest = (form.getFieldValue([...base, 'roles']) as CommandRole[]).map((r) => (r.parentKey === gone ? { ...r, parentKey: parent } : r));
    const tasks = ((form.getFieldValue([...base, 'tasks']) as TaskTemplate[] | undefined) ?? []).map((x) => (x.roleKey === gone ? { ...x, roleKey: null } : x));
    const notify = ((form.getFieldValue([...base, 'notify']) as NotifyTarget[] | undefined) ?? []).filter((n) => !(n.kind === 'role' && n.roleKey === gone));
    form.setFieldValue([...base, 'roles'], rest);
    form.setFieldValue([...base, 'tasks'], tasks);
    form.setFieldValue([...base, 'notify'], notify);
    markDirty();
  };

  /** A role's code changed: the tasks, reports and notices that named it follow (unless the new code is taken). */
  const keyBefore = useRef('');
  const renameRole = (from: string, to: string) => {
    if (!from || !to || from === to) return;
    const roles = (form.getFieldValue([...base, 'roles']) as CommandRole[] | undefined) ?? [];
    if (roles.filter((r) => r.key === to).length > 1) return;
    form.setFieldValue([...base, 'roles'], roles.map((r) => (r.parentKey === from ? { ...r, parentKey: to } : r)));
    form.setFieldValue([...base, 'tasks'], ((form.getFieldValue([...base, 'tasks']) as TaskTemplate[] | undefined) ?? []).map((x) => (x.roleKey === from ? { ...x, roleKey: to } : x)));
    form.setFieldValue([...base, 'notify'], ((form.getFieldValue([...base, 'notify']) as NotifyTarget[] | undefined) ?? []).map((n) => (n.kind === 'role' && n.roleKey === from ? { ...n, roleKey: to } : n)));
    markDirty();
  };

  return (
    <Form.List name={[...base, 'roles']}>
      {(fields, { add, remove }) => (
        <div data-testid="roles-list">
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('plans.role.none')}</Typography.Paragraph>}
          {fields.map((f) => {
            const own = form.getFieldValue([...base, 'roles', f.name, 'key']) as string | undefined;
            return (
              <div key={f.key} style={itemBox} data-testid="role-item">
                <RemoveButton onClick={() => removeRole(f.name, remove)} testId="role-remove" />
                <Row gutter={12}>
                  <Col xs={24} md={advanced ? 8 : 12}>
                    <Form.Item name={[f.name, 'title']} label={t('plans.role.title')} rules={[{ required: true, whitespace: true, max: 50, message: t('plans.role.titleRequired') }]}>
                      <Input maxLength={50} placeholder={t('plans.role.titlePlaceholder')} data-testid="role-title" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={advanced ? 8 : 12}>
                    <Form.Item name={[f.name, 'parentKey']} label={t('plans.role.parent')} getValueProps={(v: unknown) => ({ value: v ?? undefined })} normalize={(v: unknown) => v ?? null}>
                      <Select allowClear placeholder={t('plans.role.noParent')} options={roles.filter((r) => r.key !== own).map((r) => ({ value: r.key, label: r.title || r.key }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8} style={advanced ? undefined : { display: 'none' }}>
                    <Form.Item name={[f.name, 'key']} label={t('plans.key.label')} rules={keyRules} extra={t('plans.key.hint')}>
                      <Input maxLength={40} onFocus={(e) => (keyBefore.current = e.target.value)} onBlur={(e) => renameRole(keyBefore.current, e.target.value.trim())} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[f.name, 'duties']} label={t('plans.role.duties')} rules={[{ max: 2000 }]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[f.name, 'filledBy']}
                      label={t('plans.role.filledBy')}
                      rules={[{ validator: async (_, v) => { const p = fillerProblem(v, t); if (p) throw new Error(p); } }]}
                    >
                      <FillerInput />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            );
          })}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blankRole(((form.getFieldValue([...base, 'roles']) as CommandRole[] | undefined) ?? []).map((r) => r.key)))} data-testid="role-add">
              {t('plans.role.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

export function TasksList({ level }: { level: number }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const { readOnly, advanced } = useEditor();
  const roles = useLevelRoles(level);
  const keyRules = useKeyRules();
  const base = ['content', 'levels', level] as const;
  return (
    <Form.List name={[...base, 'tasks']}>
      {(fields, { add, remove }) => (
        <div data-testid="tasks-list">
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('plans.task.none')}</Typography.Paragraph>}
          {fields.map((f) => (
            <div key={f.key} style={itemBox} data-testid="task-item">
              <RemoveButton onClick={() => remove(f.name)} testId="task-remove" />
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item name={[f.name, 'title']} label={t('plans.task.title')} rules={[{ required: true, whitespace: true, max: 200, message: t('plans.task.titleRequired') }]}>
                    <Input maxLength={200} data-testid="task-title" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={7}>
                  <Form.Item
                    name={[f.name, 'roleKey']}
                    label={t('plans.task.role')}
                    getValueProps={(v: unknown) => ({ value: v ?? undefined })}
                    normalize={(v: unknown) => v ?? null}
                  >
                    <Select allowClear placeholder={t('plans.task.noRole')} options={roles.map((r) => ({ value: r.key, label: r.title || r.key }))} data-testid="task-role" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={7}>
                  <Form.Item
                    name={[f.name, 'offsetMinutes']}
                    label={t('plans.task.deadline')}
                    tooltip={t('plans.task.deadlineHint')}
                    rules={[
                      { required: true, message: t('plans.task.deadlineRequired') },
                      { type: 'number', min: 0, max: 30 * 24 * 60, message: t('plans.task.deadlineRange') },
                    ]}
                  >
                    <DeadlineInput />
                  </Form.Item>
                </Col>
                <Col xs={24} md={advanced ? 10 : 16}>
                  <Form.Item name={[f.name, 'checklist']} label={t('plans.task.checklist')} tooltip={t('plans.task.checklistHint')}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '；', ';', '、']} placeholder={t('plans.task.checklistPlaceholder')} data-testid="task-checklist" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={advanced ? 6 : 8}>
                  <Form.Item name={[f.name, 'feedbackRequired']} label={t('plans.task.feedback')} valuePropName="checked">
                    <Switch checkedChildren={t('plans.common.yes')} unCheckedChildren={t('plans.common.no')} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8} style={advanced ? undefined : { display: 'none' }}>
                  <Form.Item name={[f.name, 'key']} label={t('plans.key.label')} rules={keyRules}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blankTask(((form.getFieldValue([...base, 'tasks']) as TaskTemplate[] | undefined) ?? []).map((x) => x.key)))} data-testid="task-add">
              {t('plans.task.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

export function NotifyList({ level }: { level: number }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  const roles = useLevelRoles(level);
  return (
    <Form.List name={['content', 'levels', level, 'notify']}>
      {(fields, { add, remove }) => (
        <div data-testid="notify-list">
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('plans.notify.none')}</Typography.Paragraph>}
          {fields.map((f) => (
            <Row key={f.key} gutter={8} wrap={false} align="top">
              <Col flex="auto" style={{ minWidth: 0 }}>
                <Form.Item name={f.name} rules={[{ validator: async (_, v) => { const p = notifyProblem(v, t); if (p) throw new Error(p); } }]}>
                  <NotifyTargetInput roles={roles} />
                </Form.Item>
              </Col>
              {!readOnly && (
                <Col flex="none">
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('plans.common.remove')} />
                </Col>
              )}
            </Row>
          ))}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'role', roleKey: '' } satisfies NotifyTarget)}>
              {t('plans.notify.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

export function ResourcesList({ level }: { level: number }) {
  const { t } = useI18n();
  const { readOnly } = useEditor();
  const fresh: ResourceNeed = { kind: 'item', type: '', quantity: 1, unit: '' };
  return (
    <Form.List name={['content', 'levels', level, 'resources']}>
      {(fields, { add, remove }) => (
        <div data-testid="resources-list">
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('plans.resource.none')}</Typography.Paragraph>}
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top">
              <Col xs={8} sm={5}>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                  <Select
                    options={[
                      { value: 'item', label: t('plans.resource.item') },
                      { value: 'team', label: t('plans.resource.team') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={16} sm={9}>
                <Form.Item name={[f.name, 'type']} rules={[{ required: true, whitespace: true, max: 100, message: t('plans.resource.typeRequired') }]}>
                  <Input maxLength={100} placeholder={t('plans.resource.type')} />
                </Form.Item>
              </Col>
              <Col xs={10} sm={4}>
                <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, type: 'number', min: 0.000001, message: t('plans.resource.quantityRequired') }]}>
                  <InputNumber style={{ width: '100%' }} min={0} placeholder={t('plans.resource.quantity')} />
                </Form.Item>
              </Col>
              <Col xs={10} sm={4}>
                <Form.Item name={[f.name, 'unit']} rules={[{ required: true, whitespace: true, max: 10, message: t('plans.resource.unitRequired') }]}>
                  <Input maxLength={10} placeholder={t('plans.resource.unit')} />
                </Form.Item>
              </Col>
              {!readOnly && (
                <Col xs={4} sm={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('plans.common.remove')} />
                </Col>
              )}
            </Row>
          ))}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(fresh)}>
              {t('plans.resource.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}
