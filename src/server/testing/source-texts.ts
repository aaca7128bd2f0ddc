// Test support: the texts a template in the server's source can produce, read with the TypeScript compiler API, for
// tests that require a translation of every message, summary or notification the code can write. Placeholders the
// code alone cannot tell (a name, a title, a number) come out as SAMPLE; label tables (given by the test) take each
// of their values; conditional parts both ways; a local const by its initializer, a local helper by what it returns,
// and — with followParameters — a function's parameter by the argument of every call to that function.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CJK } from '../http/messages-en';

export const SAMPLE = '\u0001';
/** What SAMPLE is replaced with when an instance is translated: the English may keep it. */
export const FILLS = ['张三', '1'];
const MAX = 64;

export const unique = (xs: string[]) => [...new Set(xs)].slice(0, MAX);

/**
 * Why an instance of a template is not English after `translate`, or undefined when it is: nothing Chinese may be left
 * but what was filled in for the samples (a name, a title).
 */
export function untranslated(instance: string, translate: (zh: string) => string): string | undefined {
  if (!CJK.test(instance.replaceAll(SAMPLE, ''))) return undefined; // nothing Chinese of its own
  const tries = FILLS.map((fill) => translate(instance.replaceAll(SAMPLE, fill)));
  if (tries.some((en) => !CJK.test(en.replaceAll(FILLS[0]!, '')))) return undefined;
  return `${instance.replaceAll(SAMPLE, FILLS[0]!)}  →  ${tries[0]}`;
}

/** The non-test TypeScript sources under `dir`, parsed. */
export function parsedSources(dir: string): ts.SourceFile[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(dir);
  return files.map((file) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
}

/** Instances of parts taken together: the i-th instance takes the i-th option of each part (cycling). */
function zip(parts: string[][]): string[] {
  const n = Math.min(MAX, Math.max(1, ...parts.map((p) => p.length)));
  return Array.from({ length: n }, (_, i) => parts.map((p) => p[i % p.length] ?? '').join(''));
}

type Decl = { init: ts.Node } | { fn: ts.SignatureDeclaration; index: number };

/** The name a function is called by: function f, method f, const f = () => …. */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) return fn.parent.name.getText();
  return undefined;
}

interface ExpanderOptions {
  sources: ts.SourceFile[];
  /** Imported label tables by name: a placeholder reading one takes each of its values in turn. */
  tables?: Record<string, Record<string, unknown>>;
  /** Resolve a function parameter through the arguments of every call to that function in `sources`. */
  followParameters?: boolean;
}

export function textExpander({ sources, tables = {}, followParameters = false }: ExpanderOptions) {

  /** What `name` refers to at `from`: a const/let initializer or local function, or a parameter of an enclosing function. */
  function declaration(name: string, from: ts.Node): Decl | undefined {
    for (let n: ts.Node | undefined = from; n; n = n.parent) {
      if (ts.isFunctionLike(n)) {
        const index = n.parameters.findIndex((p) => p.name.getText() === name);
        if (index >= 0) return followParameters ? { fn: n, index } : undefined;
        continue;
      }
      const statements = ts.isBlock(n) || ts.isSourceFile(n) ? n.statements : undefined;
      for (const s of statements ?? []) {
        if (ts.isVariableStatement(s))
          for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { init: d.initializer };
        if (ts.isFunctionDeclaration(s) && s.name?.text === name) return { init: s };
      }
    }
    return undefined;
  }
  const initOf = (name: string, from: ts.Node) => {
    const d = declaration(name, from);
    return d && 'init' in d ? d.init : undefined;
  };

  /** Every call in the sources by the name it is called by (f(…), this.f(…), x.f(…)), indexed once. */
  let calls: Map<string, ts.CallExpression[]> | undefined;
  function callArguments(name: string, index: number): ts.Expression[] {
    if (!calls) {
      const byName = new Map<string, ts.CallExpression[]>();
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n)) {
          const c = n.expression;
          const called = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : undefined;
          if (called) byName.set(called, [...(byName.get(called) ?? []), n]);
        }
        n.forEachChild(visit);
      };
      sources.forEach(visit);
      calls = byName;
    }
    return (calls.get(name) ?? []).flatMap((c) => (c.arguments[index] ? [c.arguments[index]] : []));
  }

  /** `prop` of each object literal passed for parameter `d`: `{ text: … }` by its value, `{ text }` by the caller's `text`. */
  function argumentProperty(d: { fn: ts.SignatureDeclaration; index: number }, prop: string, depth: number): string[] {
    const name = functionName(d.fn);
    const out = (name ? callArguments(name, d.index) : []).flatMap((a) => {
      if (!ts.isObjectLiteralExpression(a)) return [];
      const p = a.properties.find((x) => x.name?.getText() === prop);
      if (p && ts.isPropertyAssignment(p)) return expand(p.initializer, depth + 1);
      if (p && ts.isShorthandPropertyAssignment(p)) return expand(p.name, depth + 1);
      return [];
    });
    return out.length ? unique(out) : [SAMPLE];
  }

  /** The values of a label table (an object literal here, or an imported table), read by `.prop` when given. */
  function tableValues(table: ts.Expression, prop: string | undefined, depth: number): string[] | undefined {
    if (ts.isIdentifier(table) && tables[table.text])
      return Object.values(tables[table.text]!).map((v) => (prop ? (v as Record<string, unknown>)[prop] : v)).filter((v): v is string => typeof v === 'string');
    const lit = ts.isIdentifier(table) ? initOf(table.text, table) : table;
    if (lit && ts.isObjectLiteralExpression(lit) && !prop)
      return lit.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? expand(p.initializer, depth + 1) : []));
    return undefined;
  }

  /** The texts an expression can have, with SAMPLE for what the code alone cannot tell. */
  function expand(e: ts.Expression, depth = 0): string[] {
    if (depth > 12) return [SAMPLE];
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return expand(e.expression, depth);
    if (ts.isTemplateExpression(e))
      return zip([[e.head.text], ...e.templateSpans.flatMap((s) => [expand(s.expression, depth + 1), [s.literal.text]])]);
    if (ts.isConditionalExpression(e)) return unique([...expand(e.whenTrue, depth + 1), ...expand(e.whenFalse, depth + 1)]);
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind))
      return unique([...expand(e.left, depth + 1), ...expand(e.right, depth + 1)]);
    if (ts.isIdentifier(e)) {
      const d = declaration(e.text, e);
      if (d && 'fn' in d) {
        const name = functionName(d.fn);
        const args = name ? callArguments(name, d.index) : [];
        return args.length ? unique(args.flatMap((a) => expand(a, depth + 1))) : [SAMPLE];
      }
      return d && ts.isExpression(d.init) && !ts.isArrowFunction(d.init) ? expand(d.init, depth + 1) : [SAMPLE];
    }
    // TABLE[key], TABLE[key].zh, TABLE.key.zh, { a: '…', b: '…' }[key]
    if (ts.isElementAccessExpression(e)) return tableValues(e.expression, undefined, depth) ?? [SAMPLE];
    if (ts.isPropertyAccessExpression(e)) {
      const inner = e.expression;
      if (ts.isElementAccessExpression(inner)) return tableValues(inner.expression, e.name.text, depth) ?? [SAMPLE];
      if (ts.isIdentifier(inner)) {
        const d = declaration(inner.text, inner);
        if (d && 'fn' in d) return argumentProperty(d, e.name.text, depth);
      }
      if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression) && tables[inner.expression.text]) {
        const v = (tables[inner.expression.text]![inner.name.text] as Record<string, unknown> | undefined)?.[e.name.text];
        return typeof v === 'string' ? [v] : [SAMPLE];
      }
      return [SAMPLE];
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      // xs.join(sep): two elements joined
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join') {
        const sep = e.arguments[0] ? expand(e.arguments[0], depth + 1)[0]! : ',';
        return elements(callee.expression, depth + 1).map((x) => `${x}${sep}${x}`);
      }
      // a local helper: the texts its body can return
      if (ts.isIdentifier(callee)) {
        const d = initOf(callee.text, callee);
        if (d) return returns(d, depth + 1);
      }
    }
    return [SAMPLE];
  }

  /** The texts one element of an array expression can have: xs.map(f), [...new Set(xs)], a local array. */
  function elements(e: ts.Expression, depth: number): string[] {
    if (depth > 12) return [SAMPLE];
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'map' && e.arguments[0])
      return returns(e.arguments[0], depth + 1);
    if (ts.isArrayLiteralExpression(e)) return unique(e.elements.flatMap((x) => (ts.isSpreadElement(x) ? elements(x.expression, depth + 1) : expand(x, depth + 1))));
    if (ts.isNewExpression(e) && e.arguments?.[0]) return elements(e.arguments[0], depth + 1);
    if (ts.isIdentifier(e)) {
      const d = initOf(e.text, e);
      if (d && ts.isExpression(d)) return elements(d, depth + 1);
    }
    return [SAMPLE];
  }

  /** The texts a function (arrow or declaration) can return. */
  function returns(fn: ts.Node, depth: number): string[] {
    if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return expand(fn.body, depth);
    if (!(ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) || !fn.body) return [SAMPLE];
    const out: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) out.push(...expand(n.expression, depth));
      else if (!ts.isFunctionLike(n)) n.forEachChild(visit);
    };
    fn.body.forEachChild(visit);
    return out.length ? unique(out) : [SAMPLE];
  }

  return { expand };
}
