import { useCallback, useEffect, useState } from 'react';

/** A whole (small) list from the API with loading/error state and a reload. */
export function useAdminList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState(0);
  useEffect(() => {
    let alive = true;
    setError(null);
    load()
      .then((x) => alive && setItems(x))
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [load, key]);
  const reload = useCallback(() => setKey((n) => n + 1), []);
  return { items, setItems, error, loading: items === null && error === null, reload };
}
