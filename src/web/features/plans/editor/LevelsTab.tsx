// 响应级别: one tab per level, in rank order (1 = most severe). Each level has its start conditions,
// command structure, tasks, notices and resources.
import { memo, useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Grid, Input, InputNumber, Row, Select, Space, Tabs, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanContent, ResponseLevel } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { blankLevel, nextKey } from '../content';
import { ConditionsList } from './ConditionsList';
import { useEditor } from './context';
import { CopyLevelModal } from './CopyLevelModal';
import { NotifyList, ResourcesList, RolesList, TasksList } from './LevelParts';
import { nullableSelect, useGradeOptions } from './TriggersTab';

const LevelEditor = memo(function LevelEditor({ index, count, onMove }: { index: number; count: number; onMove: (from: number, to: number) => void }) {
  const { t } = useI18n();
  const { readOnly, advanced } = useEditor();
  const gradeOptions = useGradeOptions();
  const [copying, setCopying] = useState(false);
  const base = ['content', 'levels', index] as const;
  return (
    <div data-testid="level-editor" data-index={index}>
      {!readOnly && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tooltip title={t('plans.level.moveUpHint')}>
            <Button size="small" icon={<ArrowLeftOutlined />} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
              {t('plans.level.moveUp')}
            </Button>
          </Tooltip>
          <Tooltip title={t('plans.level.moveDownHint')}>
            <Button size="small" icon={<ArrowRightOutlined />} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
              {t('plans.level.moveDown')}
            </Button>
          </Tooltip>
          <Button size="small" icon={<CopyOutlined />} disabled={count < 2} onClick={() => setCopying(true)} data-testid="level-copy">
            {t('plans.level.copy')}
          </Button>
        </Space>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12} md={advanced ? 6 : 8}>
          <Form.Item name={[...base, 'name']} label={t('plans.level.name')} rules={[{ required: true, whitespace: true, max: 30, message: t('plans.level.nameRequired') }]}>
            <Input maxLength={30} placeholder={t('plans.level.namePlaceholder')} data-testid="level-name" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={advanced ? 4 : 6}>
          <Form.Item name={[...base, 'rank']} label={t('plans.level.rank')} tooltip={t('plans.level.rankHint')} rules={[{ required: true, type: 'integer', min: 1, max: 10, message: t('plans.level.rankRange') }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={advanced ? 6 : 10}>
          <Form.Item name={[...base, 'startConditions', 'minGrade']} label={t('plans.level.minGrade')} tooltip={t('plans.level.minGradeHint')} {...nullableSelect}>
            <Select options={gradeOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} style={advanced ? undefined : { display: 'none' }}>
          <Form.Item name={[...base, 'key']} label={t('plans.key.label')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('plans.key.pattern') }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[...base, 'startConditions', 'text']} label={t('plans.level.startText')} rules={[{ max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} placeholder={t('plans.level.startTextPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('plans.level.conditions')} tooltip={t('plans.level.conditionsHint')}>
        <ConditionsList name={[...base, 'startConditions', 'conditions']} />
      </Form.Item>
      <Card size="small" title={t('plans.level.roles')} style={{ marginBottom: 12 }} extra={<Typography.Text type="secondary">{t('plans.level.rolesHint')}</Typography.Text>}>
        <RolesList level={index} />
      </Card>
      <Card size="small" title={t('plans.level.tasks')} style={{ marginBottom: 12 }}>
        <TasksList level={index} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('plans.level.notify')} style={{ marginBottom: 12 }}>
            <NotifyList level={index} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('plans.level.resources')} style={{ marginBottom: 12 }}>
            <ResourcesList level={index} />
          </Card>
        </Col>
      </Row>
      {copying && <CopyLevelModal from={index} open={copying} onClose={() => setCopying(false)} />}
    </div>
  );
});

/**
 * `focus` switches to a level (e.g. where a field error is); `seq` makes the same index focus again.
 * Not a Form.List: fields inside a Form.List get names relative to it, and the level parts use absolute
 * names (['content', 'levels', i, …]) so that useWatch, getFieldValue and API error paths all agree.
 * Only the level shown has mounted fields; the others live in the form's store (saved with it).
 */
export function LevelsTab({ focus }: { focus: { index: number; seq: number } | null }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const form = Form.useFormInstance();
  const { readOnly, markDirty } = useEditor();
  const isPhone = Grid.useBreakpoint().md === false;
  // Only what the tab labels show: typing in a level does not re-render every level.
  const heads = Form.useWatch((v: { content?: Partial<PlanContent> }) => (v.content?.levels ?? []).map((l) => ({ name: l?.name ?? '', rank: l?.rank })), { form, preserve: true });
  const levels = heads ?? [];
  const [active, setActive] = useState<number>(0);

  useEffect(() => {
    if (focus) setActive(focus.index);
  }, [focus]);

  const current = Math.min(active, Math.max(0, levels.length - 1));
  const all = useCallback(() => (form.getFieldValue(['content', 'levels']) as ResponseLevel[] | undefined) ?? [], [form]);
  const set = useCallback(
    (next: ResponseLevel[]) => {
      form.setFieldValue(['content', 'levels'], next);
      markDirty();
    },
    [form, markDirty],
  );

  const onMove = useCallback((from: number, to: number) => {
    const list = [...all()];
    const a = list[from];
    const b = list[to];
    if (!a || !b) return;
    // Ranks stay with positions: the level moved up takes the more severe rank.
    list[to] = { ...a, rank: b.rank };
    list[from] = { ...b, rank: a.rank };
    set(list);
    setActive(to);
  }, [all, set]);
  const addLevel = () => {
    const list = all();
    const rank = Math.min(10, Math.max(0, ...list.map((l) => l.rank || 0)) + 1);
    set([...list, blankLevel(rank, nextKey('L', list.map((l) => l.key)))]);
    setActive(list.length);
  };
  const removeLevel = (i: number) => {
    const name = levels[i]?.name || t('plans.level.unnamed');
    modal.confirm({
      title: t('plans.level.removeConfirm', { name }),
      content: t('plans.level.removeConfirmHint'),
      okText: t('plans.common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        set(all().filter((_, j) => j !== i));
        setActive((a) => Math.max(0, a >= i ? a - 1 : a));
      },
    });
  };

  return (
    <>
      {levels.length === 0 ? (
        <Empty description={t('plans.level.empty')}>
          {!readOnly && (
            <Button type="primary" onClick={addLevel} data-testid="level-add">
              {t('plans.level.add')}
            </Button>
          )}
        </Empty>
      ) : (
        <Tabs
          type={readOnly ? 'card' : 'editable-card'}
          activeKey={String(current)}
          onChange={(k) => setActive(Number(k))}
          // One level on screen at a time: a large imported plan has hundreds of fields per level.
          destroyOnHidden
          addIcon={
            <span data-testid="level-add" title={t('plans.level.add')}>
              <PlusOutlined /> {isPhone ? null : t('plans.level.add')}
            </span>
          }
          onEdit={(key, action) => (action === 'add' ? addLevel() : removeLevel(Number(key)))}
          items={levels.map((l, i) => ({
            key: String(i),
            label: (
              <span data-testid="level-tab">
                {l?.name || t('plans.level.unnamed')}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                  #{l?.rank ?? '?'}
                </Typography.Text>
              </span>
            ),
            closable: !readOnly && levels.length > 1,
            children: <LevelEditor index={i} count={levels.length} onMove={onMove} />,
          }))}
        />
      )}
    </>
  );
}
