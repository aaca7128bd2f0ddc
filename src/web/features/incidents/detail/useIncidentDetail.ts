// Everything the detail page shows about one incident, kept current by the shared live stream:
// `incident` events replace the header data, `timeline` events are prepended to the timeline,
// and report clocks are refetched whenever something that can move them happens.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FiledReport, Incident, IncidentEvent, RequiredReport } from '../../../../contracts/incidents';
import { api } from '../../../app/api';
import { useLiveEvent } from '../../../app/live';

export function sortEvents(events: IncidentEvent[]): IncidentEvent[] {
  return [...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
}

export function useIncidentDetail(id: string) {
  const [incident, setIncidentState] = useState<Incident | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [events, setEvents] = useState<IncidentEvent[] | null>(null);
  const [reports, setReports] = useState<RequiredReport[] | null>(null);
  const [filed, setFiled] = useState<FiledReport[] | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const reportsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Accept a newer copy only: live events and PATCH answers may arrive in any order. */
  const setIncident = useCallback((next: Incident) => {
    setIncidentState((cur) => (cur && cur.id === next.id && cur.version > next.version ? cur : next));
  }, []);

  const loadReports = useCallback(async () => {
    const [r, f] = await Promise.all([api.incidentReports(id), api.filedReports(id)]);
    setReports(r);
    setFiled(f);
  }, [id]);

  /** Several events often come together (status + report + grade): fetch the clocks once. */
  const reloadReportsSoon = useCallback(() => {
    if (reportsTimer.current) clearTimeout(reportsTimer.current);
    reportsTimer.current = setTimeout(() => {
      reportsTimer.current = null;
      loadReports().catch((e: unknown) => console.warn('reports reload failed', e));
    }, 300);
  }, [loadReports]);

  useEffect(() => () => {
    if (reportsTimer.current) clearTimeout(reportsTimer.current);
  }, []);

  const fetchAll = useCallback(
    (isAlive: () => boolean) => {
      api
        .getIncident(id)
        .then((i) => isAlive() && setIncident(i))
        .catch((e: unknown) => isAlive() && setError(e));
      api
        .incidentEvents(id)
        .then((e) => isAlive() && setEvents(sortEvents(e)))
        .catch(() => isAlive() && setEvents((cur) => cur ?? []));
      Promise.all([api.incidentReports(id), api.filedReports(id)])
        .then(([r, f]) => {
          if (!isAlive()) return;
          setReports(r);
          setFiled(f);
        })
        .catch(() => {
          if (!isAlive()) return;
          setReports((cur) => cur ?? []);
          setFiled((cur) => cur ?? []);
        });
    },
    [id, setIncident],
  );

  // First load (and a full reload after an error): start from empty.
  useEffect(() => {
    let alive = true;
    setError(null);
    setIncidentState(null);
    setEvents(null);
    setReports(null);
    setFiled(null);
    fetchAll(() => alive);
    return () => {
      alive = false;
    };
  }, [fetchAll, reloadKey]);

  useLiveEvent('incident', (i) => {
    if (i.id !== id) return;
    setIncident(i);
    reloadReportsSoon();
  });

  useLiveEvent('timeline', (ev) => {
    if (ev.incidentId !== id) return;
    setEvents((cur) => (cur === null || cur.some((e) => e.id === ev.id) ? cur : sortEvents([ev, ...cur])));
    reloadReportsSoon();
  });

  // After a reconnect, refetch in place: no spinner, the page just catches up.
  useLiveEvent('reconnect', () => fetchAll(() => true));

  const reload = useCallback(() => setReloadKey((n) => n + 1), []);

  return { incident, error, events, reports, filed, setIncident, reloadReports: loadReports, reload };
}
