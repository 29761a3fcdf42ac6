// The data layer as a lint rule (issue 16, decision 0027): SQL is written only in the stores, so a
// table's statements are found in one place and a second engine has one seam to implement. A store
// is a file under core/db/ or a core/ file named *Store.ts; anywhere else in core/ (and in the
// shells) an SQL statement or a transaction opened on the connection is reported.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Rooms whose code reaches the ledger file; tests, benches and scripts set up data as they like. */
const CHECKED = ['core/', 'electron/'];

/** Statement keywords in capitals, as every statement in the repository is written. */
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|ALTER|DROP|PRAGMA)\s/;

export function isStore(rel) {
  return rel.startsWith('core/db/') || /^core\/.*Store\.ts$/.test(rel);
}

function relative(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** `db`, `this.db`, `services.db`, `this.deps.db`: the connection, however it is reached. */
function isConnection(node) {
  if (node.type === 'Identifier') return node.name === 'db';
  return node.type === 'MemberExpression' && !node.computed && node.property.name === 'db';
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL only in the stores (core/db/, core/**/*Store.ts).' },
    schema: [],
  },
  create(context) {
    const rel = relative(context.filename);
    if (rel.startsWith('..') || !CHECKED.some((room) => rel.startsWith(room))) return {};
    if (isStore(rel) || /\.test\.tsx?$/.test(rel)) return {};
    const report = (node, what) =>
      context.report({
        node,
        message: `${what} outside a store: move it into the table's store (core/db/ or a core/**/*Store.ts; docs/decisions/0027-data-layer.md).`,
      });
    return {
      Literal: (node) => {
        if (typeof node.value === 'string' && SQL.test(node.value)) report(node, 'SQL');
      },
      TemplateLiteral: (node) => {
        if (SQL.test(node.quasis[0]?.value.cooked ?? '')) report(node, 'SQL');
      },
      CallExpression: (node) => {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          ['prepare', 'transaction', 'exec', 'pragma'].includes(callee.property.name) &&
          isConnection(callee.object)
        )
          report(node, `db.${callee.property.name}()`);
        if (callee.type === 'Identifier' && callee.name === 'prepared')
          report(node, 'A prepared statement');
      },
    };
  },
};

export default rule;
