/**
 * The layers of src/, lowest first. A folder may import its own files and any folder of a lower layer, never one
 * of its own layer or above: so imports point down and folders cannot form a circle. `npx depcruise src` checks it
 * (test/unit/architecture.test.ts runs the same check); `npx depcruise src --output-type ddot | dot -T svg` draws it.
 */
const LAYERS = [
  ['model'], // documents, spans, errors, stage and result types
  ['util'], // text, hashing, numerals, decoding, data-file loading
  ['sites', 'normalize', 'segment'], // site profiles and the crawl manifest; the first stages
  ['ingest', 'extract'], // reading containers and pages; the extractors
  ['pipeline'], // the stage registry and runDocument
  ['store', 'scrape'], // DuckDB; fetching pages
  ['search'], // the index and queries
  ['output', 'run'], // prediction/row formats; the input loop, corpus run, worker pool and label pass
  ['scale', 'eval'], // shards, queue and merge; scoring
  ['serve'], // the workbench
  ['cli', 'bench'], // the commands, the bench
];

const folder = (name) => `^src/${name}/`;
const rules = LAYERS.flatMap((layer, i) =>
  layer.map((name) => {
    const notBelow = [...layer.filter((n) => n !== name), ...LAYERS.slice(i + 1).flat()];
    return {
      name: `${name}-imports-down`,
      comment: `${name}/ is in layer ${i}; it may import only layers below it (see LAYERS in .dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: notBelow.length ? `^src/(${notBelow.join('|')})/` : '^$' },
    };
  }),
);

module.exports = {
  forbidden: [
    ...rules,
    {
      name: 'no-circular',
      comment: 'modules that import each other, directly or through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'a new folder under src/ needs a place in LAYERS',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.flat().join('|')})/` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
