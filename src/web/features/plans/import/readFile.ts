// Reading a plan document in the browser for POST /api/plans/import: .docx as Base64, text files as
// UTF-8 (a text file saved by older Chinese Windows tools in GBK/GB18030 is decoded as such).

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const IMPORT_EXTENSIONS = ['.docx', '.md', '.txt', '.yaml', '.yml', '.json'] as const;

export type ImportFileProblem = 'too_large' | 'empty' | 'legacy_word' | 'pdf' | 'unsupported';

export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i).toLowerCase();
}

/** Why a file cannot be imported, before reading it; null when it can. */
export function importFileProblem(file: { name: string; size: number }): ImportFileProblem | null {
  const ext = extensionOf(file.name);
  if (ext === '.doc' || ext === '.wps') return 'legacy_word';
  if (ext === '.pdf') return 'pdf';
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) return 'unsupported';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_IMPORT_BYTES) return 'too_large';
  return null;
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The `content` of the import request: Base64 for .docx, text otherwise. */
export async function readForImport(file: File): Promise<string> {
  if (extensionOf(file.name) === '.docx') {
    const url = await readAsDataUrl(file);
    return url.slice(url.indexOf(',') + 1);
  }
  return decodeText(await file.arrayBuffer());
}
