// Names of jurisdiction codes, looked up through the same cached child lists the picker loads.
import { useEffect, useState } from 'react';
import { useUser } from '../../app/session';
import { loadJurisdictionChildren } from '../../components/JurisdictionSelect';

/** Parents a code may sit under, nearest first (GB/T 2260 shapes; 直辖市 districts skip the city level). */
function candidateParents(code: string): string[] {
  const out: string[] = [];
  if (code.length === 12) out.push(code.slice(0, 9));
  if (code.length >= 9) out.push(code.slice(0, 6));
  const six = code.slice(0, 6);
  out.push(`${six.slice(0, 4)}00`, `${six.slice(0, 2)}0000`, '100000');
  return [...new Set(out)].filter((c) => c !== code);
}

export async function jurisdictionName(code: string, root: { code: string; name: string }): Promise<string | null> {
  if (code === root.code) return root.name;
  for (const parent of candidateParents(code)) {
    try {
      const found = (await loadJurisdictionChildren(parent)).find((j) => j.code === code);
      if (found) return found.name;
    } catch {
      // outside the user's scope or not a division: try the next parent
    }
  }
  return null;
}

/** code → name for the given codes (unknown ones stay missing: show the code). */
export function useJurisdictionNames(codes: readonly string[]): Map<string, string> {
  const user = useUser();
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const key = [...codes].sort().join(',');
  useEffect(() => {
    let alive = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map(async (c) => [c, await jurisdictionName(c, user.jurisdiction)] as const)).then((pairs) => {
      if (!alive) return;
      const m = new Map<string, string>();
      for (const [c, n] of pairs) if (n) m.set(c, n);
      setNames(m);
    });
    return () => {
      alive = false;
    };
  }, [key, user.jurisdiction]);
  return names;
}
