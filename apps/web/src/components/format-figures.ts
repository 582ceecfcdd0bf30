/** Pure; a share 0..1 as a whole percentage ("83 %"); "—" for none. */
export function formatPercent(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)} %`;
}

/** Pure; a p-value as "p = 0.04" or "p < 0.001", and whether it is significant at 5 %. */
export function formatPValue(p: number): { text: string; significant: boolean } {
  const text = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
  return { text, significant: p < 0.05 };
}

/** Pure; money per month with two decimals at most ("1,234.5"); "—" when the value could not be estimated. */
export function formatMoney(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
