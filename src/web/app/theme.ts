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
  // People who ask their system for less motion get dialogs and menus without animation.
  respectReducedMotion: true,
  components: {
    // Links inside text must not rely on colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

/**
 * Mantine's default "dimmed" grey is below AA contrast on white; ours is not
 * (7:1). So is the text of light badges and alerts (green on pale green...):
 * Mantine's shades there reach about 4:1, these about 6:1 on their tints.
 */
const lightVariantText = {
  puncta: '#0a5a56',
  green: '#1e6b31',
  red: '#b02525',
  orange: '#9c4200',
  yellow: '#7a5500',
  gray: '#3d474d',
  blue: '#1b5c99',
} as const;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#4a5b61',
    // Field errors: Mantine's red is 3.3:1 on white.
    '--mantine-color-error': lightVariantText.red,
    ...Object.fromEntries(
      Object.entries(lightVariantText).map(([color, text]) => [`--mantine-color-${color}-light-color`, text]),
    ),
  },
  dark: {},
});
