import { formatWhen, formatWhenFull } from './format-time';

/** A timestamp as `<time>`: `formatWhen`'s words, the machine-readable instant in `dateTime` and the whole date-time with zone as its title; "—" for none. */
export function When({ iso }: { iso: string | null | undefined }) {
  const text = formatWhen(iso);
  if (text === '—') return <>—</>;
  return <time dateTime={iso!} title={formatWhenFull(iso)}>{text}</time>;
}
