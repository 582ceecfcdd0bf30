import { createHash } from 'node:crypto';

export type TreeOperator = 'sequence' | 'xor' | 'parallel' | 'loop';

/** A process tree: a leaf is an activity (label) or silent (label null); an operator has ordered children. */
export type ProcessTree =
  | { readonly kind: 'leaf'; readonly label: string | null }
  | { readonly kind: 'operator'; readonly operator: TreeOperator; readonly children: ProcessTree[] };

export const tau = (): ProcessTree => ({ kind: 'leaf', label: null });
export const activity = (label: string): ProcessTree => ({ kind: 'leaf', label });
export const operator = (op: TreeOperator, children: ProcessTree[]): ProcessTree => ({ kind: 'operator', operator: op, children });

const SYMBOL: Record<TreeOperator, string> = { sequence: '->', xor: 'X', parallel: '+', loop: '*' };

/** PM4Py's textual form, e.g. `->( 'a', X( 'b', tau ) )`. Pure. */
export function formatTree(tree: ProcessTree): string {
  if (tree.kind === 'leaf') return tree.label === null ? 'tau' : `'${tree.label}'`;
  return `${SYMBOL[tree.operator]}( ${tree.children.map(formatTree).join(', ')} )`;
}

const isTau = (t: ProcessTree) => t.kind === 'leaf' && t.label === null;

/**
 * PM4Py's `fold`: drops redundant tau leaves, collapses single-child operators, flattens nested
 * sequence/xor/parallel of the same kind; repeated until nothing changes. Pure (returns a new tree).
 */
export function foldTree(tree: ProcessTree): ProcessTree {
  let current = clone(tree);
  for (let i = 0; i < 100; i++) {
    const before = formatTree(current);
    let next = foldOnce(current) ?? tau();
    while (next.kind === 'operator' && next.children.length === 1) next = next.children[0];
    if (formatTree(next) === before) return next;
    current = next;
  }
  return current;
}

function clone(t: ProcessTree): ProcessTree {
  return t.kind === 'leaf' ? { ...t } : { kind: 'operator', operator: t.operator, children: t.children.map(clone) };
}

function reduceTauLeaves(t: ProcessTree): ProcessTree {
  if (t.kind === 'leaf' || t.children.length === 0) return t;
  let children = t.children.map(reduceTauLeaves);
  const silent = children.filter(isTau).length;
  if (silent > 0) {
    if (silent === children.length) {
      if (t.operator === 'loop') {
        if (children.length === 2) children = [];
      } else children = children.slice(0, 1);
    } else if (t.operator === 'sequence' || t.operator === 'parallel') {
      children = children.filter((c) => !isTau(c));
    } else if (t.operator === 'xor') {
      let kept = false;
      children = children.filter((c) => !isTau(c) || (!kept && (kept = true)));
    }
  }
  return { kind: 'operator', operator: t.operator, children };
}

function foldOnce(input: ProcessTree): ProcessTree | null {
  const t = reduceTauLeaves(input);
  if (t.kind === 'leaf' || t.children.length === 0) return t;
  let children = t.children.map(foldOnce).filter((c): c is ProcessTree => c !== null);
  if (children.length === 0) return null;
  if (children.length === 1) return children[0];
  if (t.operator === 'sequence' || t.operator === 'parallel') {
    children = children.filter((c) => !isTau(c));
    if (children.length === 0) return tau();
  }
  if (t.operator !== 'loop') {
    children = children.flatMap((c) => (c.kind === 'operator' && c.operator === t.operator ? c.children : [c]));
  }
  return { kind: 'operator', operator: t.operator, children };
}

/** PM4Py's `tree_sort`: orders xor/parallel children by the summed md5 of their labels. Pure. */
export function sortTree(tree: ProcessTree): ProcessTree {
  return sortWithHash(tree).tree;
}

function sortWithHash(t: ProcessTree): { tree: ProcessTree; hash: bigint } {
  if (t.kind === 'leaf') {
    const hash = t.label === null ? 0n : BigInt('0x' + createHash('md5').update(t.label, 'utf8').digest('hex'));
    return { tree: t, hash };
  }
  const kids = t.children.map(sortWithHash);
  const hash = kids.reduce((s, k) => s + k.hash, 0n);
  if (t.operator === 'parallel' || t.operator === 'xor') kids.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return { tree: { kind: 'operator', operator: t.operator, children: kids.map((k) => k.tree) }, hash };
}

/** Labels of the visible leaves, left to right. */
export function treeLabels(tree: ProcessTree): string[] {
  if (tree.kind === 'leaf') return tree.label === null ? [] : [tree.label];
  return tree.children.flatMap(treeLabels);
}
