import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputFile } from '../ingest/read.js';
import { mainTextStage } from '../ingest/mainText.js';
import { documentFromItem } from '../run/process.js';
import { toTraditional } from '../normalize/script.js';

/** A small deterministic PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchCorpus {
  dir: string;
  documents: number;
  chars: number;
}

/** Share of generated documents converted to Traditional, and share wrapped in a CMS-like HTML page. */
const TRADITIONAL_SHARE = 0.2;
const HTML_SHARE = 0.2;

/**
 * Build a scaled corpus by recombining paragraphs of the main text of `sourceDir` (a fixed seed):
 * each document gets a title and 6-30 paragraphs; a share is converted to Traditional, a share is
 * wrapped in HTML with navigation and a footer, the rest are saved-page text with a byline.
 */
export function buildBenchCorpus(sourceDir: string, outDir: string, documents: number, seed = 20261123): BenchCorpus {
  const paragraphs: string[] = [];
  for (const f of readdirSync(sourceDir).sort()) {
    for (const item of readInputFile(join(sourceDir, f), 50_000_000)) {
      const doc = mainTextStage.run(documentFromItem(item), { options: {} });
      paragraphs.push(...doc.original.split('\n').filter((p) => p.length >= 20));
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const rand = prng(seed);
  const pick = () => paragraphs[Math.floor(rand() * paragraphs.length)];
  let chars = 0;
  for (let i = 0; i < documents; i++) {
    const n = 6 + Math.floor(rand() * 25);
    const body = Array.from({ length: n }, pick);
    const title = body[0].slice(0, 12 + Math.floor(rand() * 10)).replace(/[，。,、：:“”]/gu, '');
    const year = 2015 + Math.floor(rand() * 10);
    const date = `${year}年${1 + Math.floor(rand() * 12)}月${1 + Math.floor(rand() * 28)}日`;
    const r = rand();
    let content: string;
    let ext: string;
    if (r < HTML_SHARE) {
      ext = 'html';
      content = `<html><head><meta charset="utf-8"><title>${title}_要闻_某政协网</title></head><body><div class="nav"><a href="/">首页</a><a href="/news">要闻</a></div>`
        + `<h1>${title}</h1><div class="info">${date} 来源：某政协报</div><div class="TRS_Editor">${body.map((p) => `<p>${p}</p>`).join('')}</div>`
        + `<div class="share">分享到：微信 微博</div><div class="footer">版权所有 某政协网</div></body></html>`;
    } else {
      ext = 'txt';
      const text = `${title}\n${date} 来源：某政协报\n□ 本报记者 张明\n\n${body.join('\n\n')}\n\n责任编辑：李华\n`;
      content = r < HTML_SHARE + TRADITIONAL_SHARE ? toTraditional(text) : text;
    }
    chars += body.reduce((a, p) => a + p.length, 0);
    writeFileSync(join(outDir, `doc${String(i).padStart(6, '0')}.${ext}`), content);
  }
  return { dir: outDir, documents, chars };
}
