// The one API client of the web app (src/contracts/client.ts). It keeps the CSRF token it gets
// from login / me and sends it as x-csrf-token on writes; the session itself is a cookie.
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, createClient, type ClientOptions } from '../../contracts/client';
import { useT } from './i18n';
import type { Lang } from './i18n';

const unauthorizedListeners = new Set<() => void>();

/** Called when any request other than the auth endpoints answers 401 (session expired). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const watchingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (res.status === 401 && !url.includes('/api/auth/')) for (const l of unauthorizedListeners) l();
  return res;
};

// Mutable on purpose: the client reads `lang` on every call, so the language switch applies at once.
const options: ClientOptions = { fetch: watchingFetch, lang: 'zh-CN' };

export const api = createClient(options);

export function setApiLang(lang: Lang): void {
  options.lang = lang;
}

export { ApiError };

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

/** Split an API field path ("impact.deaths", "roles.0") into a form name path. */
function toNamePath(path: string): (string | number)[] {
  return path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Put the API's field errors on the matching form fields. A path the form does not know is
 * shortened ("roles.0" → "roles") until it matches a field. Returns the errors left over.
 */
export function applyFieldErrors(form: FormInstance, err: ApiError): { path: string; message: string }[] {
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const grouped = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: { path: string; message: string }[] = [];
  for (const f of err.body.error.fields ?? []) {
    let name = toNamePath(f.path);
    while (name.length > 0 && !known.has(JSON.stringify(name))) name = name.slice(0, -1);
    if (name.length === 0) {
      rest.push(f);
      continue;
    }
    const key = JSON.stringify(name);
    const g = grouped.get(key) ?? { name, errors: [] };
    g.errors.push(f.message);
    grouped.set(key, g);
  }
  if (grouped.size > 0) form.setFields([...grouped.values()]);
  return rest;
}

/**
 * Report a failed request the antd way: the API's own (localised) message in a toast, field
 * errors on the form when one is given; a network failure gets a plain-language hint.
 */
export function useApiError() {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (e: unknown, form?: FormInstance) => {
      if (e instanceof ApiError) {
        const rest = form ? applyFieldErrors(form, e) : (e.body.error.fields ?? []);
        const extra = rest.length > 0 ? ` (${rest.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')})` : '';
        void message.error(e.body.error.message + extra);
        return;
      }
      if (e instanceof TypeError) {
        void message.error(t('error.network'));
        return;
      }
      void message.error(t('error.unexpected', { msg: e instanceof Error ? e.message : String(e) }));
    },
    [message, t],
  );
}

/**
 * The submit of every form that writes: validate → send → success toast → done. API field errors
 * land on the form's fields; `busy` drives the button's loading state.
 */
export function useFormSubmit<V, R>(form: FormInstance<V>, send: (values: V) => Promise<R>, opts: { success: string; onDone: (result: R) => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd already shows the field messages
    }
    setBusy(true);
    try {
      const result = await send(values);
      void message.success(opts.success);
      opts.onDone(result);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}

/**
 * Data a screen needs once (pick lists): loaded while `enabled`, `fallback` when the request fails (the
 * form still works, with an empty list), null while loading.
 */
export function useFetched<T>(load: () => Promise<T>, fallback: T, enabled = true): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    load().then((d) => alive && setData(d), () => alive && setData(fallback));
    return () => {
      alive = false;
    };
    // `load` and `fallback` are constants of the caller; reloading follows `enabled` only.
  }, [enabled]);
  return data;
}
