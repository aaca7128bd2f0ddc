// Data of the response screens, kept current by the live stream: any `response` signal that concerns
// what a screen shows makes it refetch (signals carry ids only; the server decides what each user sees).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanSuggestionDto, ResponseDtoT, TaskDto } from '../../../contracts/client';
import { api } from '../../app/api';
import { useLiveEvent, type ResponseSignal } from '../../app/live';

/** Loads with `load`, reloads (coalesced) when `concerns(signal)` says a live change matters. */
export function useLiveData<T>(load: () => Promise<T>, concerns: (s: ResponseSignal) => boolean, incidentId?: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reload = useCallback(() => {
    load().then(setData, setError);
  }, [load]);
  useEffect(() => {
    setData(null);
    reload();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reload]);
  const soon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(reload, 150);
  };
  useLiveEvent('response', (s) => concerns(s) && soon());
  // A regraded or edited incident may call for other plans or levels.
  useLiveEvent('incident', (i) => incidentId !== undefined && i.id === incidentId && soon());
  useLiveEvent('reconnect', soon);
  return { data, error, reload, setData };
}

export function useIncidentPlans(incidentId: string) {
  const load = useCallback(
    () => Promise.all([api.planSuggestions(incidentId), api.incidentResponses(incidentId)]).then(([suggestions, responses]) => ({ suggestions, responses })),
    [incidentId],
  );
  return useLiveData<{ suggestions: PlanSuggestionDto[]; responses: ResponseDtoT[] }>(load, (s) => s.incidentId === incidentId, incidentId);
}

export function useBoard(responseId: string) {
  const load = useCallback(
    () => Promise.all([api.response(responseId), api.responseTasks(responseId)]).then(([response, tasks]) => ({ response, tasks })),
    [responseId],
  );
  return useLiveData<{ response: ResponseDtoT; tasks: TaskDto[] }>(load, (s) => s.id === responseId);
}

export function useResponses(includeLifted: boolean) {
  const load = useCallback(() => api.responses(includeLifted ? undefined : 'active'), [includeLifted]);
  return useLiveData<ResponseDtoT[]>(load, () => true);
}

export function useMyTasks() {
  const load = useCallback(() => api.myTasks(), []);
  return useLiveData<TaskDto[]>(load, () => true);
}

/** Which board column a task is in: overdue wins over its status until it is done. */
export type Column = 'pending' | 'signed' | 'in_progress' | 'done' | 'overdue';
export const COLUMNS: Column[] = ['overdue', 'pending', 'signed', 'in_progress', 'done'];
export const columnOf = (t: TaskDto, now: number): Column => (t.status !== 'done' && Date.parse(t.dueAt) < now ? 'overdue' : t.status);
