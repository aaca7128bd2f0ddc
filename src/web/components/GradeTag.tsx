import { Tag, Tooltip } from 'antd';
import type { Grade } from '../../domain/incidents/model';
import type { Category } from '../../domain/incidents/model';
import { GRADE_LABELS } from '../../domain/incidents/types';
import { useI18n } from '../app/i18n';
import { GRADE_COLORS } from '../app/theme';

/** "Ⅱ级 重大" in Chinese, "II Major" in English. */
export function useGradeText() {
  const { lang } = useI18n();
  return (grade: Grade, order: 'roman-first' | 'name-first' = 'roman-first') => {
    const l = GRADE_LABELS[grade];
    if (lang === 'en') return order === 'roman-first' ? `${grade} ${l.en}` : `${l.en} (grade ${grade})`;
    return order === 'roman-first' ? `${l.roman} ${l.zh}` : `${l.zh} ${l.roman}`;
  };
}

interface Props {
  category: Category;
  grade: Grade | null;
  provisional?: boolean;
  manual?: boolean;
  big?: boolean;
  'data-testid'?: string;
}

/** Grade as a coloured tag: Ⅰ red, Ⅱ orange, Ⅲ gold, Ⅳ blue; 不分级 for social safety; 未定级 when null. */
export function GradeTag({ category, grade, provisional, manual, big, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const text = useGradeText();
  const cls = big ? 'sw-grade-big' : undefined;
  let tag;
  if (category === 'social_safety') {
    tag = (
      <Tag className={cls} data-testid={testId} data-grade="ungraded">
        {t('incident.ungraded')}
      </Tag>
    );
  } else if (grade === null) {
    tag = (
      <Tag className={cls} variant="outlined" style={{ borderStyle: 'dashed' }} data-testid={testId} data-grade="none">
        {t('incident.gradeNone')}
      </Tag>
    );
  } else {
    tag = (
      <Tag className={cls} color={GRADE_COLORS[grade].tag} data-testid={testId} data-grade={grade}>
        {text(grade, big ? 'name-first' : 'roman-first')}
      </Tag>
    );
  }
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {tag}
      {provisional && grade !== null && (
        <Tooltip title={t('grade.provisionalHint')}>
          <Tag color="warning">{t('incident.provisional')}</Tag>
        </Tooltip>
      )}
      {manual && <Tag color="purple">{t('incident.manualGrade')}</Tag>}
    </span>
  );
}
