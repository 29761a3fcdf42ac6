// The import table of docs/architecture.md, checked by running the real ESLint on probe sources
// placed in each room: a violation must fail lint, an allowed import must pass. The same for the
// data layer (decision 0027): SQL outside a store fails, inside one passes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const eslint = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Every probe linted by one ESLint process (tests/integration/lintProbes.mjs). */
function lintAll(probes: { file: string; source: string }[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'lintProbes.mjs')],
      { cwd: root, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        resolve((JSON.parse(stdout) as { errors: string[] }[]).map((r) => r.errors));
      },
    );
    child.stdin!.end(JSON.stringify(probes));
  });
}

const cases: [string, string, string | null][] = [
  [
    'card/probe.ts',
    "import { openCore } from '../core/app';\nexport const x = openCore;",
    "'card/' may not import from 'core/'",
  ],
  [
    'meter-link/probe.ts',
    "import { x } from '../card/thing';\nexport const y = x;",
    "'meter-link/' may not import from 'card/'",
  ],
  [
    'shared/probe.ts',
    "import fs from 'node:fs';\nexport const y = fs;",
    "'shared/' must stay free of Node built-ins",
  ],
  [
    'renderer/src/probe.ts',
    "import { Dispatcher } from '../../core/api/dispatcher';\nexport const y = Dispatcher;",
    "'renderer/' may not import from 'core/'",
  ],
  [
    'core/probe.ts',
    "import { app } from 'electron';\nexport const y = app;",
    "Only 'electron/' may import 'electron'",
  ],
  ['sim/probe.ts', "export { openCore } from '../core/app';", "'sim/' may not import from 'core/'"],
  ['core/probe.ts', "import { api } from '../shared/api/contract';\nexport const y = api;", null],
  [
    'electron/probe.ts',
    "import { app } from 'electron';\nimport { openCore } from '../core/app';\nexport const y = [app, openCore];",
    null,
  ],
];

// Inside core/: the engine below the areas, the areas below the door (API, handlers, host, wiring).
cases.push(
  [
    'core/db/probe.ts',
    "import { SaleStore } from '../ledger/saleStore';\nexport const y = SaleStore;",
    "'core/db/' is the engine",
  ],
  [
    'core/ledger/probe.ts',
    "import { refundHandlers } from '../handlers/refunds';\nexport const y = refundHandlers;",
    'core/ledger is an area',
  ],
  [
    'core/remote/probe.ts',
    "import { openCore } from '../app';\nexport const y = openCore;",
    'core/remote is an area',
  ],
  [
    'core/handlers/probe.ts',
    "import { SaleStore } from '../ledger/saleStore';\nexport const y = SaleStore;",
    null,
  ],
  [
    'core/ledger/probe.test.ts',
    "import { openTestCore } from '../testing';\nexport const y = openTestCore;",
    null,
  ],
  [
    'scripts/probe.mjs',
    "import { openCore } from '../core/app';\nexport const y = openCore;",
    "'scripts/' may not import from 'core/'",
  ],
  [
    'bench/probe.ts',
    "import { makeStore } from '../renderer/src/app/store';\nexport const y = makeStore;",
    "'bench/' may not import from 'renderer/'",
  ],
  [
    'tests/integration/probe.ts',
    "import { makeStore } from '../../renderer/src/app/store';\nexport const y = makeStore;",
    "'tests/' may not import from 'renderer/'",
  ],
);

/** The probes' errors, linted once for both tables below. */
let linted: Promise<string[][]> | null = null;
const errorsOf = (index: number) => {
  linted ??= lintAll([...cases, ...dataLayerCases].map(([file, source]) => ({ file, source })));
  return linted.then((all) => all[index]!);
};

function expectLint(errors: string[], violation: string | null) {
  if (violation) expect(errors.join('\n')).toContain(violation);
  else expect(errors).toEqual([]);
}

describe('import boundaries', () => {
  it.each(cases.map((c, i) => [...c, i] as const))(
    '%s: %p',
    async (_file, _source, violation, index) => {
      expectLint(await errorsOf(index), violation);
    },
    60_000,
  );
});

const SQL_OUTSIDE = 'outside a store';
const dataLayerCases: [string, string, string | null][] = [
  [
    'core/remote/probe.ts',
    "import { prepared, type Db } from '../db/open';\nexport const y = (db: Db) => prepared(db, 'SELECT 1');",
    SQL_OUTSIDE,
  ],
  [
    'core/handlers/probe.ts',
    'export const y = (s: { db: { transaction: (f: () => void) => void } }) => s.db.transaction(() => {});',
    'db.transaction() outside a store',
  ],
  [
    'core/ledger/probe.ts',
    'const WHERE = 1;\nexport const sql = `UPDATE sales SET status = ${WHERE}`;',
    SQL_OUTSIDE,
  ],
  ['electron/probe.ts', "export const q = 'DELETE FROM operators';", SQL_OUTSIDE],
  [
    'core/remote/probeStore.ts',
    "import { prepared, type Db } from '../db/open';\nexport const y = (db: Db) => prepared(db, 'SELECT 1').get();",
    null,
  ],
  [
    'core/db/probe.ts',
    "import type { Db } from './open';\nexport const y = (db: Db) => db.pragma('user_version');",
    null,
  ],
  // Words in capitals that are not statements, a regular expression's exec, and tests, pass.
  [
    'core/host/probe.ts',
    "export const m = /a(b)/.exec('ab');\nexport const t = 'Select a reader';",
    null,
  ],
  ['tests/integration/probe.ts', "export const q = 'SELECT 1';", null],
];

describe('data layer', () => {
  it.each(dataLayerCases.map((c, i) => [...c, i] as const))(
    '%s: %p',
    async (_file, _source, violation, index) => {
      expectLint(await errorsOf(cases.length + index), violation);
    },
    60_000,
  );
});

describe('type-aware lint', () => {
  // A real file in the repository (type-aware rules need it in a tsconfig), removed afterwards.
  const probe = path.join(root, 'tests', 'integration', `probe-promises-${process.pid}.ts`);
  afterAll(() => fs.rmSync(probe, { force: true }));

  it('refuses a promise nobody awaits and an async callback where a plain one is expected', async () => {
    fs.writeFileSync(
      probe,
      [
        'export async function save(write: () => Promise<void>): Promise<void> {',
        '  write();',
        '  [1, 2].forEach(async () => {',
        '    await write();',
        '  });',
        '}',
        '',
      ].join('\n'),
    );
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        process.execPath,
        [eslint, '--no-warn-ignored', probe],
        { cwd: root },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
      ),
    );
    expect(code).toBe(1);
    expect(output).toContain('@typescript-eslint/no-floating-promises');
    expect(output).toContain('@typescript-eslint/no-misused-promises');
  }, 120_000);
});
