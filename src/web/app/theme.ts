// Calm, clinical colours shared with the public pages: a deep teal on white with
// quiet greys. Shade 7 of the brand colour (#0d6b66) keeps white text above
// WCAG AA contrast on buttons.
import { Anchor, createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const puncta: MantineColorsTuple = [
  '#e6f4f3',
  '#cde9e6',
  '#9fd3ce',
  '#6dbcb5',
  '#45a8a0',
  '#2c9a92',
  '#1b8a83',
  '#0d6b66',
  '#0a5a56',
  '#064744',
];

export const theme = createTheme({
  primaryColor: 'puncta',
  primaryShade: 7,
  colors: { puncta },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  black: '#17262b',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Links inside text must not rely on colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

/** Mantine's default "dimmed" grey is below AA contrast on white; ours is not (7:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#4a5b61' },
  dark: {},
});
