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
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{shared,card,meter-link,core,electron,sim}/**/*.test.ts',
        '<rootDir>/tests/integration/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'renderer',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/renderer/src/**/*.test.{ts,tsx}'],
      moduleNameMapper: { '\\.(css)$': '<rootDir>/renderer/src/test/styleStub.js' },
    },
  ],
};
