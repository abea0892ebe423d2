// Node 24 lets jest require() the ESM-only NestJS 12 packages natively, so only our TypeScript is
// transformed: ts-jest, with the swagger plugin so tests see the same OpenAPI metadata as `nest build`.
const tsJest = [
  'ts-jest',
  {
    tsconfig: '<rootDir>/tsconfig.json',
    diagnostics: { ignoreCodes: ['TS151002'] },
    astTransformers: { before: ['<rootDir>/test/support/swagger-plugin-transformer.js'] },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  // A global option: per-project values are ignored. E2E suites start apps, workers and browsers.
  testTimeout: 60000,
  // Known open issue: after the suite whose test app loses its Redis (http-hardening, "with Redis
  // down"), something inside the Redis clients keeps the event loop alive even though the app and
  // its Redis are closed, and jest would wait forever once every result is in. Exit once the
  // results are reported rather than hang CI; the results themselves are unaffected.
  forceExit: true,
  // Run the suites in a worker process that jest replaces once it holds more than this between test
  // files. In band, every suite's app, modules and Chromium handles piled up in one heap: at 108 suites
  // the run died of "JavaScript heap out of memory" at 4 GB, after spending its last minutes in GC.
  workerIdleMemoryLimit: '1GB',
  // Two suites at a time on the 2-core machines: most e2e time is spent waiting on PostgreSQL, Redis,
  // SMTP and Chromium, so a second worker fills those waits (jest's default is cores − 1, i.e. one).
  // Each suite has its own database and Redis prefix, so they never share state.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
