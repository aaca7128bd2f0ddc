// 缺口检查 of one level: roles nobody fills, tasks nobody owns, organisations nobody can call, notices
// that reach nobody. Runs on the saved draft (or the version in force when there is no draft).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Result, Select, Space, Tag, Typography } from 'antd';
import { AimOutlined, ReloadOutlined } from '@ant-design/icons';
import type { GapDto, PlanDetailDto } from '../../../../contracts/client';
import type { PlanContent } from '../../../../domain/plans/model';
import { api, useApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { GAP_KIND_KEYS } from '../labels';

export function GapsTab({ detail, dirty, onLocate }: { detail: PlanDetailDto; dirty: boolean; onLocate: (path: string) => void }) {
  const { t } = useI18n();
  const onError = useApiError();
  const which = detail.hasDraft ? 'draft' : 'current';
  const saved = (detail.draft ?? detail.current) as PlanContent | null;
  const levels = [...(saved?.levels ?? [])].sort((a, b) => a.rank - b.rank);
  const [level, setLevel] = useState<string | undefined>(levels[0]?.key);
  const [gaps, setGaps] = useState<GapDto[] | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (key = level) => {
    if (!key) return;
    setBusy(true);
    try {
      setGaps(await api.planGaps(detail.id, key, which));
    } catch (e) {
      setGaps(null);
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  // A new save (new detail.version) makes the old answer stale.
  useEffect(() => {
    setGaps(null);
  }, [detail.version]);

  return (
    <Card size="small" title={t('plans.gaps.title')} data-testid="gaps">
      <Typography.Paragraph type="secondary">{t('plans.gaps.hint')}</Typography.Paragraph>
      {dirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('plans.gaps.unsaved')} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 200 }}
          value={level}
          onChange={(k: string) => {
            setLevel(k);
            void run(k);
          }}
          options={levels.map((l) => ({ value: l.key, label: l.name }))}
          placeholder={t('plans.gaps.pickLevel')}
          data-testid="gaps-level"
        />
        <Button type="primary" icon={<ReloadOutlined />} onClick={() => void run()} loading={busy} disabled={!level} data-testid="gaps-run">
          {t('plans.gaps.run')}
        </Button>
        <Typography.Text type="secondary">{which === 'draft' ? t('plans.gaps.onDraft') : t('plans.gaps.onCurrent')}</Typography.Text>
      </Space>
      {gaps && gaps.length === 0 && <Result status="success" title={t('plans.gaps.none')} data-testid="gaps-none" />}
      {gaps && gaps.length > 0 && (
        <>
          <Typography.Paragraph strong>{t('plans.gaps.count', { n: gaps.length })}</Typography.Paragraph>
          {gaps.map((g, i) => (
            <Alert
              key={`${g.path}-${i}`}
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="gap-item"
              title={
                <Space wrap size={4}>
                  {GAP_KIND_KEYS[g.kind] && <Tag color="orange">{t(GAP_KIND_KEYS[g.kind]!)}</Tag>}
                  <span>{g.message}</span>
                </Space>
              }
              action={
                /\.(roles|tasks|notify)\[\d+\]$/.test(g.path) ? (
                  <Button size="small" icon={<AimOutlined />} onClick={() => onLocate(g.path)}>
                    {t('plans.gaps.locate')}
                  </Button>
                ) : undefined
              }
            />
          ))}
        </>
      )}
    </Card>
  );
}
