import { useEffect, useState } from 'react';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { CATEGORIES, GRADES, STATUSES } from '../../../../domain/incidents/model';
import { JurisdictionSelect } from '../../../components/JurisdictionSelect';
import { useGradeText } from '../../../components/GradeTag';
import { useI18n } from '../../../app/i18n';
import { dayjs, toApiInstant } from '../../../app/time';
import type { BoardFilters } from '../filters';

interface Props {
  value: BoardFilters;
  onChange: (next: BoardFilters) => void;
}

export function BoardFilterBar({ value, onChange }: Props) {
  const { t } = useI18n();
  const gradeText = useGradeText();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<BoardFilters>) => onChange({ ...value, ...patch });
  const any = Object.values(value).some((v) => v !== undefined && v !== '');

  return (
    <Space wrap size={[8, 8]} data-testid="board-filters">
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t('board.filterCategory')}
        value={value.category}
        onChange={(category) => set({ category })}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        data-testid="filter-category"
      />
      <Select
        allowClear
        style={{ width: 150 }}
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
        style={{ width: 120 }}
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
        style={{ width: 200 }}
        placeholder={t('board.filterJurisdiction')}
        value={value.jurisdiction}
        onChange={(jurisdiction) => set({ jurisdiction })}
        data-testid="filter-jurisdiction"
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        allowEmpty={[true, true]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) => {
          const [from, to] = range ?? [null, null];
          set({ from: from ? toApiInstant(from) : undefined, to: to ? toApiInstant(to) : undefined });
        }}
        data-testid="filter-time"
      />
      <Input.Search
        allowClear
        style={{ width: 220 }}
        placeholder={t('board.filterQ')}
        value={q}
        maxLength={100}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        data-testid="filter-q"
      />
      {any && (
        <Button icon={<ClearOutlined />} onClick={() => onChange({})} data-testid="filter-reset">
          {t('common.reset')}
        </Button>
      )}
    </Space>
  );
}
