/**
 * Layer rules for Cairn (issue 12), checked in CI by `npm run lint:boundaries`:
 * - the kernel (credentials engine, storage, jobs, mail, web kit, http kit, domain vocabulary)
 *   never imports a feature or a composition root;
 * - the credentials engine is pure: it imports nothing from storage, jobs, mail, web or http;
 * - a feature imports another feature only through that feature's public index.ts;
 * - no import cycles outside tests.
 * Tests and test support (src/testing) may reach anything they exercise.
 */
const kernel = '^src/(credentials|signing|storage|jobs|mail|web|http|domain|types)/|^src/(config|logger)\\.ts$';
const tests = '\\.test\\.tsx?$|^src/testing/|^test/|^bench/';
module.exports = {
  forbidden: [
    {
      name: 'kernel-imports-feature',
      comment: 'The kernel never imports a feature or a composition root: pass what it needs in.',
      severity: 'error',
      from: { path: kernel, pathNot: tests },
      to: { path: '^src/(features|main)/' },
    },
    {
      name: 'engine-not-pure',
      comment: 'The credentials engine takes keys, documents and resolvers as arguments.',
      severity: 'error',
      from: { path: '^src/credentials/', pathNot: tests },
      to: { path: '^src/(signing|storage|jobs|mail|web|http)/' },
    },
    {
      name: 'feature-private',
      comment: 'Another feature is used through its public index.ts only.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: tests },
      to: {
        path: '^src/features/([^/]+)/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make load order fragile and layers meaningless.',
      severity: 'error',
      from: { pathNot: tests },
      to: { circular: true, viaOnly: { pathNot: tests } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
