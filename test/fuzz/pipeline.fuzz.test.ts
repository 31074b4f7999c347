import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readInputFile } from '../../src/ingest/read.js';
import { documentFromItem } from '../../src/run/process.js';
import { loadPipeline, runDocument } from '../../src/pipeline/run.js';
import { expectSpansValid } from '../helpers/docs.js';

/**
 * Fuzzing the whole pipeline from bytes on disk: whatever a file holds, processing ends (no crash, no
 * hang), the document has either results or a reason, and every span is valid against its text.
 * A fixed seed and run count keep CI bounded; fast-check prints the seed and the input on failure.
 */
const SEED = 20261123;
const RUNS = 150;

const dir = mkdtempSync(join(tmpdir(), 'cppcc-fuzz-'));
const pipeline = loadPipeline();
let n = 0;

function processBytes(bytes: Uint8Array, ext: string) {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, bytes);
  // Speed is the bench's to measure (npm run bench); here every input must end processed or with its reason.
  const docs = readInputFile(path, 5_000_000).map((item) => runDocument(documentFromItem(item), pipeline));
  expect(docs.length).toBeGreaterThan(0);
  for (const d of docs) {
    // Either it was processed, or it carries the reason it was not.
    if (d.failed) expect(d.failed.length).toBeGreaterThan(0);
    else expectSpansValid(d);
  }
  return docs;
}

// Pieces that stress every stage: CJK in both scripts, astral characters, combining marks, RTL,
// controls, glosses, quotes, numerals, markup fragments, entities.
const piece = fc.oneof(
  fc.constantFrom('政协', '黨組', '“四个一”', '1+10', '3.08亿元', '協(xié)', ',,', '。', '\n', '  ', '𠮷', 'é', '\u0301', '\u202e', '\u0000', '\u0007', '&nbsp;', '&#x3002;', '<p>', '</div>', '<script>', '□ 本报记者 张明', '——', '同志们：', '……略……', '百分之八十', '三四十', '市政协党组书记、主席王炯'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

describe('fuzz: the pipeline on hostile input', () => {
  it('fuzz: random text mixes as .txt', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      processBytes(Buffer.from(parts.join(''), 'utf8'), 'txt');
    }), { seed: SEED, numRuns: RUNS });
  });

  it('fuzz: random bytes under every supported extension', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('txt', 'html', 'xml', 'json', 'jsonl'), (bytes, ext) => {
      processBytes(bytes, ext);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('fuzz: truncated HTML and wrong charset declarations', () => {
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.nat(), fc.constantFrom('utf-8', 'gbk', 'big5', 'gb2312', 'latin1'), fc.constantFrom('utf8', 'gbk', 'big5'), (parts, cut, declared, actual) => {
      const html = `<html><head><meta charset="${declared}"><title>标题</title></head><body><div class="content"><p>${parts.join('</p><p>')}</p></div></body></html>`;
      const bytes = iconv.encode(html, actual);
      processBytes(bytes.subarray(0, Math.max(1, cut % (bytes.length + 1))), 'html');
    }), { seed: SEED, numRuns: RUNS });
  });

  it('fuzz: random JSON exports (objects, arrays, wrong field types)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 3 }));
    const record = fc.record({ title: value, content: value, body: value, author: value, date: value }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(record, fc.array(record, { maxLength: 5 })), (data) => {
      processBytes(Buffer.from(JSON.stringify(data), 'utf8'), 'json');
    }), { seed: SEED, numRuns: RUNS });
  });

  it('fuzz: HTML nested 10,000 levels deep is processed, its text kept', () => {
    const deep = '<div>'.repeat(10_000) + '<p>政协委员们认真履职，积极建言献策，推动“四个一”活动落地见效。</p>' + '</div>'.repeat(10_000);
    const [doc] = processBytes(Buffer.from(`<html><body>${deep}</body></html>`, 'utf8'), 'html');
    expect(doc.failed).toBeNull();
    expect(doc.original).toContain('四个一');
  });

  it('fuzz: a 100 MB file is refused by the configured size limit with a message, not read', () => {
    const path = join(dir, 'huge.txt');
    // Sparse: 100 MB by size, no disk space used; the limit is checked before a byte is read.
    writeFileSync(path, '政协');
    truncateSync(path, 100_000_000);
    const [item] = readInputFile(path, Number(pipeline.ctx.options.maxFileBytes));
    expect(item.error?.code).toBe('E016');
    expect(item.error?.message).toMatch(/huge\.txt is too large \(100000000 bytes\).*maxFileBytes/);
  });
});
