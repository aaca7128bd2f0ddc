// 启动条件 of the plan as a whole: which incidents call for it (categories, types, least grade, places,
// figures). Empty lists mean "any".
import { useMemo } from 'react';
import { Col, Form, Row, Select, Switch, Typography } from 'antd';
import { CATEGORIES, GRADES, type Category } from '../../../../domain/incidents/model';
import { CATEGORY_LABELS, INCIDENT_TYPES } from '../../../../domain/incidents/types';
import { WARNING_LEVELS, WARNING_LEVEL_LABELS } from '../../../../domain/plans/model';
import { useI18n } from '../../../app/i18n';
import { useGradeText } from '../../../components/GradeTag';
import { ConditionsList } from './ConditionsList';
import { useEditor } from './context';
import { JurisdictionCodesInput } from './inputs';

/** Select for a grade that may be null (不限): the store keeps null, the control shows 不限. */
export function useGradeOptions() {
  const { t } = useI18n();
  const gradeText = useGradeText();
  return useMemo(() => [{ value: '', label: t('plans.grade.any') }, ...GRADES.map((g) => ({ value: g, label: gradeText(g) }))], [t, gradeText]);
}
export const nullableSelect = {
  getValueProps: (v: unknown) => ({ value: v ?? '' }),
  normalize: (v: unknown) => (v === '' || v === undefined ? null : v),
};

export function TriggersTab() {
  const { t, pick } = useI18n();
  const form = Form.useFormInstance();
  const categories = (Form.useWatch(['content', 'triggers', 'categories'], form) as Category[] | undefined) ?? [];
  const gradeOptions = useGradeOptions();

  const typeOptions = useMemo(() => {
    const shown = categories.length ? CATEGORIES.filter((c) => categories.includes(c)) : CATEGORIES;
    return shown.map((c) => ({
      label: pick(CATEGORY_LABELS[c]),
      title: pick(CATEGORY_LABELS[c]),
      options: INCIDENT_TYPES.filter((x) => x.category === c).map((x) => ({ value: x.code, label: pick(x), text: `${x.zh} ${x.en} ${x.code}` })),
    }));
  }, [categories, pick]);

  return (
    <>
      <Typography.Paragraph type="secondary">{t('plans.triggers.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'triggers', 'categories']} label={t('plans.triggers.categories')} extra={t('plans.triggers.emptyMeansAny')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('plans.triggers.any')}
              options={CATEGORIES.map((c) => ({ value: c, label: pick(CATEGORY_LABELS[c]) }))}
              onChange={(cs: Category[]) => {
                // Keep only the types that still belong to a chosen category.
                const codes = (form.getFieldValue(['content', 'triggers', 'typeCodes']) as string[] | undefined) ?? [];
                if (cs.length) form.setFieldValue(['content', 'triggers', 'typeCodes'], codes.filter((code) => cs.includes(INCIDENT_TYPES.find((x) => x.code === code)?.category as Category)));
              }}
              data-testid="triggers-categories"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'triggers', 'typeCodes']} label={t('plans.triggers.types')} extra={t('plans.triggers.emptyMeansAny')}>
            <Select mode="multiple" allowClear placeholder={t('plans.triggers.any')} showSearch={{ optionFilterProp: 'text' }} options={typeOptions} data-testid="triggers-types" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'triggers', 'minGrade']} label={t('plans.triggers.minGrade')} extra={t('plans.triggers.minGradeHint')} {...nullableSelect}>
            <Select options={gradeOptions} data-testid="triggers-min-grade" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['content', 'triggers', 'jurisdictionCodes']} label={t('plans.triggers.jurisdictions')}>
            <JurisdictionCodesInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('plans.triggers.conditions')} extra={t('plans.triggers.conditionsHint')}>
        <ConditionsList name={['content', 'triggers', 'conditions']} />
      </Form.Item>
      <WarningTrigger />
    </>
  );
}

/** A warning of these types at or above this colour also calls for the plan (突发事件应对法 第六十六、六十七条). */
function WarningTrigger() {
  const { t, pick } = useI18n();
  const { readOnly, markDirty } = useEditor();
  const form = Form.useFormInstance();
  const path = ['content', 'triggers', 'warning'];
  const warning = Form.useWatch(path, { form, preserve: true }) as { types: string[]; minLevel: string } | null | undefined;
  return (
    <Form.Item label={t('plans.triggers.warning')} extra={t('plans.triggers.warningHint')}>
      <Switch
        checked={Boolean(warning)}
        disabled={readOnly}
        onChange={(on) => {
          // setFieldValue is not a user edit to antd, so say it is one.
          form.setFieldValue(path, on ? { types: [], minLevel: 'yellow' } : null);
          markDirty();
        }}
        data-testid="triggers-warning"
      />
      {warning && (
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} md={12}>
            <Form.Item name={[...path, 'types']} label={t('plans.triggers.warningTypes')} extra={t('plans.triggers.emptyMeansAny')}>
              <Select mode="tags" placeholder={t('plans.triggers.any')} tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={[...path, 'minLevel']} label={t('plans.triggers.warningLevel')}>
              <Select options={WARNING_LEVELS.map((l) => ({ value: l, label: pick(WARNING_LEVEL_LABELS[l]) }))} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Form.Item>
  );
}
