// A whole plan as YAML or JSON (JSON is read by the same parser): validated against the PlanContent schema,
// every error carrying its field path and the line it is on. The parser never expands more than a few
// aliases (the `yaml` package's maxAliasCount), so a "billion laughs" document is refused, not expanded.
import { LineCounter, parseDocument, stringify, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { PlanContent } from '../../../contracts/plans';
import type { PlanContent as Content } from '../../../domain/plans/model';
import { invalid } from '../../errors';

const pathText = (p: PropertyKey[]) => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number | null {
  // The deepest node that exists along the path (a missing field points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

export function parsePlanYaml(text: string): Content {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw invalid(doc.errors.slice(0, 20).map((e) => ({ path: `第 ${e.linePos?.[0]?.line ?? '?'} 行`, message: `格式错误：${e.code}` })), '文件不是有效的 YAML/JSON');
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch {
    throw invalid([{ path: 'file', message: '文件中的引用（别名）过多' }], '文件不是有效的 YAML/JSON');
  }
  const parsed = PlanContent.safeParse(value);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.slice(0, 50).map((i: z.core.$ZodIssue) => {
        const line = lineOf(doc, lines, i.path);
        return { path: `${pathText(i.path) || '(根)'}${line ? `（第 ${line} 行）` : ''}`, message: i.message };
      }),
      '预案内容有误，请按行号修改',
    );
  }
  return parsed.data as Content;
}

export function planToYaml(c: Content): string {
  return stringify(c, { lineWidth: 0 });
}
