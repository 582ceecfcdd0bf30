import { Paper, Text } from '@mantine/core';
import classes from '../pages/pages.module.css';

/** One headline figure: a label, the value, and an optional line on what it means. */
export function FigureCard({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" className={classes.card}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} size="lg">{value}</Text>
      {note !== undefined ? <Text size="xs" c="dimmed">{note}</Text> : null}
    </Paper>
  );
}
