import { describe, expect, it } from 'vitest';
import { decodeText, importFileProblem, MAX_IMPORT_BYTES } from './readFile';

describe('plan import files', () => {
  it('accepts the supported kinds and explains the rest', () => {
    expect(importFileProblem({ name: '预案.DOCX', size: 100 })).toBeNull();
    expect(importFileProblem({ name: 'plan.yml', size: 100 })).toBeNull();
    expect(importFileProblem({ name: '预案.doc', size: 100 })).toBe('legacy_word');
    expect(importFileProblem({ name: '预案.pdf', size: 100 })).toBe('pdf');
    expect(importFileProblem({ name: '预案', size: 100 })).toBe('unsupported');
    expect(importFileProblem({ name: 'a.txt', size: 0 })).toBe('empty');
    expect(importFileProblem({ name: 'a.txt', size: MAX_IMPORT_BYTES + 1 })).toBe('too_large');
  });

  it('reads UTF-8 (with or without BOM) and falls back to GB18030', () => {
    const utf8 = new TextEncoder().encode('\uFEFF一、总则').buffer;
    expect(decodeText(utf8)).toBe('一、总则');
    // "总则" in GBK
    const gbk = new Uint8Array([0xd7, 0xdc, 0xd4, 0xf2]).buffer;
    expect(decodeText(gbk)).toBe('总则');
  });
});
