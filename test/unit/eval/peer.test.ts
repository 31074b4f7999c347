import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalNumberTokens } from '../../../src/eval/peer.js';
import { loadPipeline } from '../../../src/pipeline/run.js';

/** A peer directory in the layout of ../shared/peer, written for the test. */
function peerDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-peer-'));
  const spec = (id: string, input: string, spans: [string, number][]) => JSON.stringify({
    id, model: 'NumberModel', input,
    expected: spans.map(([text, start]) => ({ text, start, end_inclusive: start + text.length - 1 })),
  });
  writeFileSync(join(dir, 'recognizers_zh.jsonl'), [
    spec('NumberModel:000', '增长了六千零五十一个百分点', [['六千零五十一', 3]]),
    // 召开|会议: a token crosses the start of 开会, which the report must count and name.
    spec('NumberModel:001', '召开会议', [['开会', 1]]),
    spec('NumberModel:002', '投资3.08亿元', [['3.08亿元', 2]]),
  ].join('\n'));
  mkdirSync(join(dir, 'mainText', 'page'), { recursive: true });
  writeFileSync(join(dir, 'mainText', 'page', 'source.html'),
    '<html><head><meta charset="utf-8"><title>新闻</title></head><body><article><h1>政协会议召开</h1>'
    + '<p>全年共收到提案1234件，立案1108件，办结率达到99.5%。委员们围绕中心工作开展调研，形成调研报告36篇。</p>'
    + '<p>会议听取了常委会工作报告，审议通过了有关决议，并选举产生了新一届领导班子成员。</p></article></body></html>');
  return dir;
}

describe('eval: held-out segmentation on peer suites', () => {
  it('eval: counts digit numbers kept whole and reports a token that crosses a span edge', () => {
    const dir = peerDir();
    const r = evalNumberTokens(dir, loadPipeline());
    rmSync(dir, { recursive: true });
    expect(r.groups['no crossing: recognizers_zh Number spans']).toEqual([2, 3]);
    expect(r.groups['one token: recognizers_zh digits']).toEqual([1, 1]);
    expect(r.groups['one token: page']).toEqual([4, 4]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toContain('开会');
    expect(r.failures[0]).toContain('召开');
  });
});
