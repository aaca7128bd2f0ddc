// 行政区划代码 GB/T 2260 (省/市/县, 6 digits) extended by the statistical codes of
// 乡镇/街道 (9 digits) and 村/社区 (12 digits). 全国 is the root with code 100000.

export const JURISDICTION_LEVELS = ['country', 'province', 'city', 'county', 'township', 'village'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const ROOT_JURISDICTION_CODE = '100000';

export const JURISDICTION_LEVEL_LABELS: Record<JurisdictionLevel, { zh: string; en: string }> = {
  country: { zh: '国家', en: 'Country' },
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '县', en: 'County' },
  township: { zh: '乡镇/街道', en: 'Township' },
  village: { zh: '村/社区', en: 'Village' },
};

/** Level implied by the shape of a code; null when the code is not a division code. */
export function levelOfCode(code: string): JurisdictionLevel | null {
  if (code === ROOT_JURISDICTION_CODE) return 'country';
  if (/^\d{12}$/.test(code)) return 'village';
  if (/^\d{9}$/.test(code)) return 'township';
  if (!/^[1-9]\d{5}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Materialised path of a jurisdiction: "/100000/110000/110100/110101/". A record is inside a
 * user's scope exactly when its path starts with the path of the user's jurisdiction.
 */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}

/**
 * The same subtree as a byte range [from, to) over paths, so a database index can answer it:
 * paths hold only digits and '/', all of which sort before '~'.
 */
export function subtreeRange(scopePath: string): { from: string; to: string } {
  return { from: scopePath, to: `${scopePath}~` };
}

export function isWithinScope(recordPath: string, scopePath: string): boolean {
  return recordPath.startsWith(scopePath);
}

/** The path itself and those of every jurisdiction above it, nearest first ("/a/b/c/" → c, b, a). */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, parts.length - i).join('/')}/`);
}
