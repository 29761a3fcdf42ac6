// Unit tests sit beside their code; integration tests live in tests/integration.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

export default {
  // Tests that start processes, open databases or run scrypt must not race Jest's 5 s default on a
  // busy PC (the suite is run beside a CPU hog too); speed is measured by `npm run bench`, never
  // by a test's timeout. A global option: Jest ignores it inside `projects`.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{shared,card,meter-link,tenant-link,core,electron,sim}/**/*.test.ts',
        '<rootDir>/tests/integration/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'renderer',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/renderer/src/**/*.test.{ts,tsx}'],
      moduleNameMapper: { '\\.(css)$': '<rootDir>/renderer/src/test/styleStub.js' },
      setupFilesAfterEnv: ['<rootDir>/renderer/src/test/bothLanguages.ts'],
    },
  ],
};
