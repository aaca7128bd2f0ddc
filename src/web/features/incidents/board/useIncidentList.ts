// Board data: first page on every filter change, "加载更多" with the cursor, live inserts/updates
// from the shared stream, and a refetch after the stream reconnects (events may have been missed).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Incident } from '../../../../contracts/incidents';
import { api } from '../../../app/api';
import { useLiveEvent } from '../../../app/live';
import { boardOrder, filtersToQuery, matchesFilters, type BoardFilters } from '../filters';

const PAGE = 50;
const FLASH_MS = 2500;

interface ListState {
  items: Incident[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
}

export function useIncidentList(filters: BoardFilters) {
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, loading: true, loadingMore: false, error: null });
  const [flash, setFlash] = useState<ReadonlySet<string>>(() => new Set());
  const requestId = useRef(0);
  const filtersRef = useRef(filters);
  const countRef = useRef(0);
  useEffect(() => {
    filtersRef.current = filters;
    countRef.current = state.items.length;
  });

  const key = JSON.stringify(filters);

  const reload = useCallback(
    async (limit = PAGE) => {
      const id = ++requestId.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const page = await api.listIncidents({ ...filtersToQuery(filtersRef.current), limit });
        if (id !== requestId.current) return;
        setState({ items: page.items, nextCursor: page.nextCursor, loading: false, loadingMore: false, error: null });
      } catch (error) {
        if (id !== requestId.current) return;
        setState((s) => ({ ...s, loading: false, error }));
      }
    },
    [],
  );

  useEffect(() => {
    void reload();
  }, [key, reload]);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    const id = requestId.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await api.listIncidents({ ...filtersToQuery(filtersRef.current), limit: PAGE, cursor });
      if (id !== requestId.current) return;
      setState((s) => {
        const have = new Set(s.items.map((i) => i.id));
        return { ...s, items: [...s.items, ...page.items.filter((i) => !have.has(i.id))], nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (error) {
      if (id !== requestId.current) return;
      setState((s) => ({ ...s, loadingMore: false }));
      throw error;
    }
  }, [state.nextCursor, state.loadingMore]);

  const markFlash = useCallback((id: string) => {
    setFlash((s) => new Set(s).add(id));
    setTimeout(() => setFlash((s) => {
      const n = new Set(s);
      n.delete(id);
      return n;
    }), FLASH_MS);
  }, []);

  useLiveEvent('incident', (incident) => {
    const matches = matchesFilters(incident, filtersRef.current);
    setState((s) => {
      const idx = s.items.findIndex((i) => i.id === incident.id);
      if (idx >= 0) {
        const old = s.items[idx];
        if (old && old.version > incident.version) return s; // an older copy arrived late
        if (!matches) return { ...s, items: s.items.filter((i) => i.id !== incident.id) };
        const items = s.items.slice();
        items[idx] = incident;
        return { ...s, items: items.sort(boardOrder) };
      }
      if (!matches) return s;
      // Insert where the server would list it; past the last loaded row it comes with "加载更多".
      const items = [...s.items, incident].sort(boardOrder);
      if (s.nextCursor !== null && items[items.length - 1]?.id === incident.id) return s;
      return { ...s, items };
    });
    if (matches) markFlash(incident.id);
  });

  useLiveEvent('reconnect', () => {
    void reload(Math.min(200, Math.max(PAGE, countRef.current)));
  });

  return { ...state, flash, reload, loadMore };
}
