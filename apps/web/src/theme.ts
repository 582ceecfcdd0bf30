import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** The app's Mantine theme: quiet greys, one indigo accent, compact radii. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
});

/** Text for the light variants whose shade 9 is still too pale on shade 0. */
const DEEP_TEXT: Record<string, string> = { yellow: '#845400', orange: '#a33a00', lime: '#4a6b00', green: '#1f6e30' };

const COLORS = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'];

/**
 * Dimmed text, placeholders (a FileInput's is the button's text), and the text of light and outline
 * badges and buttons, darker (lighter in dark mode) than Mantine's defaults so every label keeps 4.5:1 contrast.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    ...Object.fromEntries(COLORS.flatMap((c) => [[`--mantine-color-${c}-light-color`, DEEP_TEXT[c] ?? `var(--mantine-color-${c}-9)`], [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`], [`--mantine-color-${c}-outline`, DEEP_TEXT[c] ?? `var(--mantine-color-${c}-8)`]])),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-1)',
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-2)`])),
  },
});
