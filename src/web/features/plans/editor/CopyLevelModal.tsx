// 复制到其他级别: copy this level's command structure, tasks, notices or resources over other levels.
import { useState } from 'react';
import { Alert, Checkbox, Form, Modal } from 'antd';
import type { ResponseLevel } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { useEditor } from './context';

type Part = 'roles' | 'tasks' | 'notify' | 'resources';
const PARTS: Part[] = ['roles', 'tasks', 'notify', 'resources'];

export function CopyLevelModal({ from, open, onClose }: { from: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const { markDirty } = useEditor();
  const levels = (form.getFieldValue(['content', 'levels']) as ResponseLevel[] | undefined) ?? [];
  const [targets, setTargets] = useState<number[]>([]);
  const [parts, setParts] = useState<Part[]>(['roles', 'tasks']);
  const partLabel: Record<Part, string> = {
    roles: t('plans.level.roles'),
    tasks: t('plans.level.tasks'),
    notify: t('plans.level.notify'),
    resources: t('plans.level.resources'),
  };

  const copy = () => {
    const source = levels[from];
    if (!source) return;
    for (const i of targets)
      for (const p of parts) form.setFieldValue(['content', 'levels', i, p], structuredClone(source[p]));
    markDirty();
    setTargets([]);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('plans.level.copyTitle', { name: levels[from]?.name ?? '' })}
      onCancel={onClose}
      onOk={copy}
      okButtonProps={{ disabled: targets.length === 0 || parts.length === 0 }}
      okText={t('plans.level.copyOk')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('plans.level.copyTo')}>
          <Checkbox.Group
            value={targets}
            onChange={(v) => setTargets(v as number[])}
            options={levels.map((l, i) => ({ value: i, label: l.name || t('plans.level.unnamed'), disabled: i === from }))}
          />
        </Form.Item>
        <Form.Item label={t('plans.level.copyParts')}>
          <Checkbox.Group value={parts} onChange={(v) => setParts(v as Part[])} options={PARTS.map((p) => ({ value: p, label: partLabel[p] }))} />
        </Form.Item>
      </Form>
      <Alert type="warning" showIcon title={t('plans.level.copyWarning')} />
    </Modal>
  );
}
