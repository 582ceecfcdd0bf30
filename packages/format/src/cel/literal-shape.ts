/**
 * Pure; `expr` with the digits of every numeric literal replaced by `1`, strings and identifiers
 * untouched, same length. Two expressions with the same shape type-check alike (same types, same
 * error offsets), so the checker can reuse one result: a generated workflow's `inputs.amount > 17`,
 * `> 18`, `> 19` … cost one check. Returns undefined when unsure (a long number, an odd quote).
 * @example literalShape('steps.a2.outputs.n > 42') // 'steps.a2.outputs.n > 11'
 */
export function literalShape(expr: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '"' || c === "'") {
      if (expr.startsWith(c.repeat(3), i)) return undefined; // triple-quoted: leave to the checker
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' ? 2 : 1;
      if (j >= expr.length) return undefined;
      out += expr.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < expr.length && /[A-Za-z0-9_]/.test(expr[j]!)) j++;
      out += expr.slice(i, j);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      let digits = 0;
      while (j < expr.length && /[0-9A-Za-z_.]/.test(expr[j]!)) {
        if (/[0-9]/.test(expr[j]!)) digits++;
        if (expr[j] === '.' && !/[0-9]/.test(expr[j + 1] ?? '')) break; // `1.size()` style member access
        j++;
      }
      const token = expr.slice(i, j);
      // Hex, exponents and long numbers: keep as written (ranges and formats differ).
      if (digits > 15 || /[xXeE]/.test(token)) out += token;
      else out += token.replace(/[0-9]/g, '1');
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
