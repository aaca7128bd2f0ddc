import { useEffect, useState } from 'react';
import { Badge, Button, DatePicker, Input, Select, Space } from 'antd';
import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { CATEGORIES, GRADES, STATUSES } from '../../../../domain/incidents/model';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { useGradeText } from '../../../components/GradeTag';
import { useI18n } from '../../../app/i18n';
import { toWall, wallToApiInstant } from '../../../app/time';
import type { BoardFilters } from '../filters';

interface Props {
  value: BoardFilters;
  onChange: (next: BoardFilters) => void;
  /** Phone width: search box plus a 筛选 button that unfolds the other filters, full width. */
  compact?: boolean;
}

export function BoardFilterBar({ value, onChange, compact }: Props) {
  const { t } = useI18n();
  const gradeText = useGradeText();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const [unfolded, setUnfolded] = useState(false);
  const set = (patch: Partial<BoardFilters>) => onChange({ ...value, ...patch });
  const any = Object.values(value).some((v) => v !== undefined && v !== '');
  const active = Object.entries(value).filter(([k, v]) => k !== 'q' && v !== undefined && v !== '').length;
  const w = (px: number) => (compact ? '100%' : px);

  const search = (
    <Input.Search
      allowClear
      style={{ width: w(220) }}
      placeholder={t('board.filterQ')}
      value={q}
      maxLength={100}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => set({ q: v.trim() || undefined })}
      data-testid="filter-q"
    />
  );

  if (compact && !unfolded)
    return (
      <div style={{ display: 'flex', gap: 8 }} data-testid="board-filters">
        {search}
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setUnfolded(true)} data-testid="filter-unfold">
            {t('board.filters')}
          </Button>
        </Badge>
      </div>
    );

  return (
    <Space wrap size={[8, 8]} orientation={compact ? 'vertical' : 'horizontal'} style={compact ? { width: '100%' } : undefined} data-testid="board-filters">
      <Select
        allowClear
        style={{ width: w(140) }}
        placeholder={t('board.filterCategory')}
        value={value.category}
        onChange={(category) => set({ category })}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        data-testid="filter-category"
      />
      <Select
        allowClear
        style={{ width: w(150) }}
        placeholder={t('board.filterGrade')}
        value={value.grade}
        onChange={(grade) => set({ grade })}
        options={[
          ...GRADES.map((g) => ({ value: g, label: gradeText(g) })),
          { value: 'none' as const, label: t('board.gradeNone') },
        ]}
        data-testid="filter-grade"
      />
      <Select
        allowClear
        style={{ width: w(120) }}
        placeholder={t('board.filterStatus')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={[
          { value: 'open' as const, label: t('board.statusOpen') },
          ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
        ]}
        data-testid="filter-status"
      />
      <JurisdictionSelect
        allowClear
        style={{ width: w(200) }}
        placeholder={t('board.filterJurisdiction')}
        value={value.jurisdiction}
        onChange={(jurisdiction) => set({ jurisdiction })}
        data-testid="filter-jurisdiction"
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        allowEmpty={[true, true]}
        value={[value.from ? toWall(value.from) : null, value.to ? toWall(value.to) : null]}
        onChange={(range) => {
          const [from, to] = range ?? [null, null];
          set({ from: from ? wallToApiInstant(from) : undefined, to: to ? wallToApiInstant(to) : undefined });
        }}
        style={compact ? { width: '100%' } : undefined}
        data-testid="filter-time"
      />
      {search}
      <Space>
        {any && (
          <Button icon={<ClearOutlined />} onClick={() => onChange({})} data-testid="filter-reset">
            {t('common.reset')}
          </Button>
        )}
        {compact && <Button onClick={() => setUnfolded(false)}>{t('common.collapse')}</Button>}
      </Space>
    </Space>
  );
}
