// Architecture rules checked in `npm test` (scripts/lint.mjs): the layers of DESIGN.md and ARCHITECTURE.md, as dependency-cruiser rules.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-feature',
      comment: 'server/src/core is the kernel every feature builds on; it must not know any feature.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/(features|seed)/' },
    },
    {
      name: 'services-not-on-http',
      comment: 'Only a route table (and the face that lists it) may touch the HTTP edge; services, repositories and models throw core errors.',
      severity: 'error',
      from: { path: '^server/src/features/[^/]+/', pathNot: '\\.(routes|feature)\\.ts$|\\.test\\.ts$' },
      to: { path: '^server/src/http/' },
    },
    {
      name: 'repositories-private-to-their-feature',
      comment: "Another feature's repository or model is reached through its service interface, never directly.",
      severity: 'error',
      from: { path: '^server/src/features/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/src/features/[^/]+/[^/]+\\.(repository|model)\\.ts$', pathNot: '^server/src/features/$1/' },
    },
    {
      name: 'clients-and-bot-reach-the-server-only-over-the-api',
      comment: 'The mini-program, the panel and the bot share contracts/ only; they never import server code.',
      severity: 'error',
      from: { path: '^(client|bot)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^server/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts/ is the one shared definition: it depends on no workspace.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(server|bot|client|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.swc|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
