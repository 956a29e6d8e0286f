// The app's one palette for options and fitted families, shared by the comparison's and
// the fit page's charts so an option keeps its colour wherever it is drawn.

/**
 * Okabe–Ito: distinguishable with the common colour-vision deficiencies and on projectors;
 * the light hues (orange, pink, sky blue, yellow) darkened so every line and legend swatch
 * has at least 3:1 contrast on the white plot (WCAG 1.4.11).
 */
export const PALETTE = ['#4d4d4d', '#0072B2', '#B06C00', '#009E73', '#B8468F', '#D55E00', '#2B8CC4', '#8F7F00'];
export const colourOf = (i: number) => PALETTE[i % PALETTE.length];
