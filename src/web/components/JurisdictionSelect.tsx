// Jurisdiction picker: a TreeSelect rooted at the user's own jurisdiction whose children load
// lazily from GET /api/jurisdictions?parent=CODE (cached for the page's lifetime).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { TreeSelect } from 'antd';
import type { Jurisdiction } from '../../contracts/jurisdictions';
import { api } from '../app/api';
import { useI18n } from '../app/i18n';
import { useUser } from '../app/session';

const childrenCache = new Map<string, Promise<Jurisdiction[]>>();

export function loadJurisdictionChildren(parent: string): Promise<Jurisdiction[]> {
  let p = childrenCache.get(parent);
  if (!p) {
    p = api.jurisdictions(parent);
    childrenCache.set(parent, p);
    p.catch(() => childrenCache.delete(parent));
  }
  return p;
}

interface Node {
  id: string;
  pId: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

interface Props {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
  id?: string;
}

export function JurisdictionSelect({ value, onChange, placeholder, allowClear, disabled, style, id, 'data-testid': testId }: Props) {
  const user = useUser();
  const { t } = useI18n();
  const root = user.jurisdiction;
  const [nodes, setNodes] = useState<Node[]>(() => [
    { id: root.code, pId: '', value: root.code, title: root.name, isLeaf: root.level === 'village' },
  ]);
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set());
  const [expanded, setExpanded] = useState<(string | number)[]>(() => [root.code]);

  const load = useCallback(async (code: string) => {
    const children = await loadJurisdictionChildren(code);
    setLoaded((s) => new Set(s).add(code));
    setNodes((prev) => {
      const have = new Set(prev.map((n) => n.id));
      const next = prev.map((n) => (n.id === code && children.length === 0 ? { ...n, isLeaf: true } : n));
      for (const c of children)
        if (!have.has(c.code)) next.push({ id: c.code, pId: code, value: c.code, title: c.name, isLeaf: !c.hasChildren });
      return next;
    });
  }, []);

  // Load the first level straight away: the dropdown then opens with it ready.
  useEffect(() => {
    load(root.code).catch(() => undefined);
  }, [load, root.code]);

  const treeData = useMemo(() => nodes, [nodes]);

  return (
    <TreeSelect<string>
      id={id}
      data-testid={testId}
      style={{ minWidth: 200, ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? t('incident.jurisdiction')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: '' }}
      treeData={treeData}
      treeExpandedKeys={expanded}
      onTreeExpand={setExpanded}
      treeLoadedKeys={[...loaded]}
      loadData={async (node) => {
        const code = String(node.value);
        if (!loaded.has(code)) await load(code);
      }}
      popupMatchSelectWidth={false}
    />
  );
}
