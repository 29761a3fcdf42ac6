// The import boundaries of docs/architecture.md as a lint rule, so that a room importing a room it
// must not fails CI instead of relying on goodwill (after VS Code's code-layering rule).
import path from 'node:path';
import { builtinModules } from 'node:module';
import dataLayer from './dataLayer.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Which top-level folders each room may import (itself always allowed). */
export const LAYERS = {
  shared: [],
  card: ['shared'],
  'meter-link': ['shared'],
  // The tenant-facing devices: the GSM modem (SMS) and the customer display (decision 0037).
  'tenant-link': ['shared'],
  core: ['shared', 'card', 'meter-link', 'tenant-link'],
  electron: ['shared', 'core'],
  renderer: ['shared'],
  sim: ['shared', 'card', 'meter-link', 'tenant-link'],
  // Tests and benches drive the app from outside; the build and test scripts are tooling that
  // starts it as a process and imports none of it.
  tests: ['shared', 'card', 'meter-link', 'tenant-link', 'core', 'electron', 'sim'],
  bench: ['shared', 'card', 'meter-link', 'tenant-link', 'core', 'sim', 'tests'],
  scripts: [],
};

/**
 * Inside core/ (docs/architecture.md, decision 0027): the engine (db/) at the bottom, importing
 * only itself and the event-loop helper; the areas (ledger/, remote/, cards/ …) above it; the door
 * on top — the API and its handlers, the HTTP host, and the root files that wire the office
 * together. An area never reaches up into the door; a unit test beside its code may use the
 * test helpers (core/testing.ts).
 */
const CORE_ENGINE = 'db';
const CORE_ENGINE_MAY = new Set(['db', 'nextTurn.ts']);
const CORE_DOOR = new Set([
  'api',
  'handlers',
  'host',
  'app.ts',
  'wiring',
  'services.ts',
  'writes.ts',
  'diagnostics.ts',
  'testing.ts',
]);

/** The first folder (or the file) under core/ a path is in. */
function corePart(file) {
  const rel = path.relative(path.join(ROOT, 'core'), file).split(path.sep);
  return rel.length > 1 ? rel[0] : `${rel[0].replace(/\.[cm]?[jt]sx?$/, '')}.ts`;
}

function checkCore(context, node, file, target) {
  const from = corePart(file);
  const to = corePart(target);
  if (from === to || /\.test\.tsx?$/.test(file)) return;
  if (from === CORE_ENGINE && !CORE_ENGINE_MAY.has(to)) {
    context.report({
      node,
      message: `'core/db/' is the engine: it may import only core/db/ and core/nextTurn.ts, not '${to}' (decision 0027).`,
    });
  } else if (!CORE_DOOR.has(from) && CORE_DOOR.has(to)) {
    context.report({
      node,
      message: `core/${from} is an area: it may not import '${to}' (the API, handlers, host and wiring sit above the areas).`,
    });
  }
}

/**
 * Composition roots: where real or simulated hardware is chosen at start (docs/architecture.md,
 * "Hardware behind interfaces"). Only they may also reach into sim/.
 */
const COMPOSITION_ROOTS = {
  // One for both shells (the HTTP host and the Electron window), so training mode is the same.
  'core/host/openOffice.ts': ['sim'],
};

/** Rooms that must stay free of Node built-ins (they run in the browser or anywhere). */
const NO_NODE = new Set(['shared', 'renderer']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function roomOf(file) {
  const rel = path.relative(ROOT, file);
  if (rel.startsWith('..')) return undefined;
  return rel.split(path.sep)[0];
}

function check(context, node, source) {
  if (typeof source !== 'string') return;
  const room = roomOf(context.filename);
  if (!room || !(room in LAYERS)) return;
  if (source.startsWith('.')) {
    const resolved = path.resolve(path.dirname(context.filename), source);
    const target = roomOf(resolved);
    if (target === room && room === 'core') checkCore(context, node, context.filename, resolved);
    if (target === undefined || target === room) return;
    const extra =
      COMPOSITION_ROOTS[path.relative(ROOT, context.filename).split(path.sep).join('/')] ?? [];
    if (!LAYERS[room].includes(target) && !extra.includes(target)) {
      context.report({
        node,
        message: `'${room}/' may not import from '${target}/' (docs/architecture.md: ${room} may import ${LAYERS[room].join(', ') || 'nothing else'}).`,
      });
    }
    return;
  }
  const pkg = source.startsWith('@')
    ? source.split('/').slice(0, 2).join('/')
    : source.split('/')[0];
  if (pkg === 'electron' && room !== 'electron') {
    context.report({ node, message: `Only 'electron/' may import 'electron'.` });
  }
  if (NO_NODE.has(room) && (NODE_BUILTINS.has(source) || NODE_BUILTINS.has(pkg))) {
    context.report({ node, message: `'${room}/' must stay free of Node built-ins ('${source}').` });
  }
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import boundaries between the top-level rooms.' },
    schema: [],
  },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(context, node, node.source.value),
      ExportAllDeclaration: (node) => check(context, node, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(context, node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(context, node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layers: layersRule, 'data-layer': dataLayer } };
