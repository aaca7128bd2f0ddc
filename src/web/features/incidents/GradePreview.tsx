// Live grade while figures are typed, computed with the same domain function the server uses.
import { Card, Space, Tag, Typography } from 'antd';
import type { Category, Impact } from '../../../domain/incidents/model';
import { computeGrade, type GradeBasis, type GradingConfig, type GradingResult } from '../../../domain/incidents/grading';
import { GRADE_LABELS } from '../../../domain/incidents/types';
import { useI18n } from '../../app/i18n';
import { GradeTag } from '../../components/GradeTag';

function safeGrade(category: Category, typeCode: string, impact: Impact, config?: GradingConfig): GradingResult | null {
  try {
    return computeGrade({ category, typeCode, impact }, config);
  } catch {
    return null; // a figure out of range while typing: the form validation says why
  }
}

function BasisLine({ b }: { b: GradeBasis }) {
  const { t, lang } = useI18n();
  if (lang !== 'en') return <li>{b.rule}</li>;
  const value = b.measure === 'directLossYuan' ? `${b.value.toLocaleString('en')} yuan` : String(b.value);
  return (
    <li>
      {t(`impact.${b.measure}`)}: {value} → {b.grade} {GRADE_LABELS[b.grade].en}
    </li>
  );
}

interface Props {
  category: Category | undefined;
  typeCode: string | undefined;
  impact: Impact;
  /** Local grading rules of the incident's jurisdiction (see useGradingConfig); national defaults if absent. */
  config?: GradingConfig;
  title?: string;
}

export function GradePreview({ category, typeCode, impact, config, title }: Props) {
  const { t } = useI18n();
  const result = category && typeCode ? safeGrade(category, typeCode, impact, config) : null;
  const mode = result?.mode ?? 'none';
  const grade = result?.grade ?? null;
  const provisional = result?.mode === 'computed' && result.provisional;

  let body;
  if (!category || !typeCode || !result) {
    body = <Typography.Text type="secondary">{t('grade.pickType')}</Typography.Text>;
  } else if (result.mode === 'ungraded') {
    body = (
      <>
        <GradeTag category="social_safety" grade={null} big />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('grade.ungradedHint')}
        </Typography.Paragraph>
      </>
    );
  } else if (result.mode === 'manual') {
    body = (
      <>
        <Tag color="purple" className="sw-grade-big">
          {t('incident.needsManualGrade')}
        </Tag>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('grade.manualHint')}
        </Typography.Paragraph>
      </>
    );
  } else {
    body = (
      <>
        <Space wrap>
          <GradeTag category={category} grade={result.grade} big />
          {result.provisional && result.grade !== null && <Tag color="warning">{t('incident.provisional')}</Tag>}
        </Space>
        {result.grade === null ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('grade.noFigures')}
          </Typography.Paragraph>
        ) : (
          <>
            <ul style={{ paddingInlineStart: 20, margin: '8px 0' }} data-testid="grade-basis">
              {result.basis.map((b) => (
                <BasisLine key={b.measure} b={b} />
              ))}
            </ul>
            {result.provisional && <Typography.Text type="warning">{t('grade.provisionalHint')}</Typography.Text>}
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('grade.basedOn', { article: result.article })}
        </Typography.Paragraph>
      </>
    );
  }

  return (
    <Card
      size="small"
      title={title ?? t('grade.previewTitle')}
      data-testid="grade-preview"
      data-mode={mode}
      data-grade={grade ?? ''}
      data-provisional={provisional ? 'true' : 'false'}
    >
      {body}
    </Card>
  );
}
