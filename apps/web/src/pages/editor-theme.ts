import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

// The editor's colours follow the app's theme and keep every text at a contrast of 4.5:1 or more
// (axe's rule) on its background, the active line's included: CodeMirror's bundled dark theme does not.

interface Palette { background: string; activeLine: string; text: string; gutter: string; key: string; string: string; literal: string; comment: string; punctuation: string; selection: string }

const LIGHT: Palette = {
  background: '#ffffff', activeLine: '#f3f6fa', text: '#1f2328', gutter: '#57606a', key: '#0b4f9c', string: '#1a6a2e', literal: '#8a3c00', comment: '#57606a', punctuation: '#57606a', selection: '#cfe3ff',
};
const DARK: Palette = {
  background: '#1f2228', activeLine: '#262a31', text: '#e6e9ef', gutter: '#aab2bf', key: '#8fc5ff', string: '#a6e3a1', literal: '#f5bd84', comment: '#aab2bf', punctuation: '#c1c7d0', selection: '#31445e',
};

function themeOf(p: Palette, dark: boolean): Extension {
  return [
    EditorView.theme({
      '&': { backgroundColor: p.background, color: p.text },
      '.cm-content': { caretColor: p.text, fontFamily: 'var(--mantine-font-family-monospace)' },
      '.cm-gutters': { backgroundColor: p.background, color: p.gutter, borderRight: `1px solid ${p.activeLine}` },
      '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: p.activeLine },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: p.selection },
      '.cm-cursor': { borderLeftColor: p.text },
    }, { dark }),
    syntaxHighlighting(HighlightStyle.define([
      { tag: tags.definition(tags.propertyName), color: p.key },
      { tag: [tags.string, tags.special(tags.string)], color: p.string },
      { tag: [tags.content, tags.attributeValue], color: p.text },
      { tag: [tags.labelName, tags.typeName, tags.keyword, tags.meta], color: p.literal },
      { tag: tags.lineComment, color: p.comment, fontStyle: 'italic' },
      { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace], color: p.punctuation },
    ])),
  ];
}

/** The editor's theme and syntax colours for the app's light or dark scheme. */
export const EDITOR_THEME = { light: themeOf(LIGHT, false), dark: themeOf(DARK, true) } as const;
