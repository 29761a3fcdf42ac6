// Lints probe sources with the repository's own ESLint configuration in one process (the
// configuration loaded once), for importBoundaries.test.ts: reads [{ file, source }] as JSON on
// stdin, writes [{ file, errors }] as JSON. Probes are in no tsconfig, so the type-aware rules and
// their type check are off for them; unused probe names are not the point either.
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '..', '..');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});
const out = [];
for (const { file, source } of JSON.parse(input)) {
  const [result] = await eslint.lintText(source, {
    filePath: path.join(root, file),
    warnIgnored: false,
  });
  const errors = (result?.messages ?? [])
    .filter((m) => m.severity === 2)
    .map((m) => `${m.message} (${m.ruleId})`);
  out.push({ file, errors });
}
process.stdout.write(JSON.stringify(out));
