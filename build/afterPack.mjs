// electron-builder's afterPack hook: refuses an installer whose app would not start, checked on
// the packed files themselves (scripts/lib/native.mjs: packagedProblems). The usual failure it
// catches is better-sqlite3 still built for Node's ABI instead of Electron's.
import path from 'node:path';
import { electronRuntime, packagedProblems } from '../scripts/lib/native.mjs';

export default async function afterPack(context) {
  const runtime = electronRuntime(context.packager.projectDir);
  const resources =
    context.electronPlatformName === 'darwin'
      ? path.join(
          context.appOutDir,
          `${context.packager.appInfo.productFilename}.app`,
          'Contents',
          'Resources',
        )
      : path.join(context.appOutDir, 'resources');
  const problems = await packagedProblems(resources, runtime);
  if (problems.length > 0)
    throw new Error(
      `The packaged app would not start under ${runtime.label}:\n  ${problems.join('\n  ')}\nRun \`npm run dist\` (it builds native modules for Electron first).`,
    );
}
