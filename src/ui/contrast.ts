/** Colours as [red, green, blue], each 0–255. */
export type Rgb = readonly [number, number, number];

/** WCAG relative luminance of a colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colours, 1 to 21 (AA asks 4.5 for text). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` laid over white with opacity `alpha` (0–1), as the browser paints it. */
export function overWhite(colour: Rgb, alpha: number): Rgb {
  return colour.map((c) => Math.round(255 + (c - 255) * alpha)) as unknown as Rgb;
}

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/**
 * Black or white, whichever reads better on `background`. One of the two always reaches 4.58:1,
 * so text in a shaded cell meets AA whatever the shade.
 */
export function readableTextOn(background: Rgb): "#000000" | "#ffffff" {
  return contrastRatio(BLACK, background) >= contrastRatio(WHITE, background)
    ? "#000000"
    : "#ffffff";
}

export const toCss = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;
