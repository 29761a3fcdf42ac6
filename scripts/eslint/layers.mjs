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
  core: ['shared', 'card', 'meter-link'],
  electron: ['shared', 'core'],
  renderer: ['shared'],
  sim: ['shared', 'card', 'meter-link'],
};

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
    const target = roomOf(path.resolve(path.dirname(context.filename), source));
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
