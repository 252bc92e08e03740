// The capture's background colour (a reconstruction's `settings.background`, RGB in [0, 1]) as a
// CSS colour. A radiance field fitted against a white backdrop may leave white surfaces partly
// transparent (white over white looks the same), so it is shown truest over that colour.

/** `#rrggbb` for a valid [r, g, b] in [0, 1], else null. */
export function backdropColour(background: unknown): string | null {
  if (!Array.isArray(background) || background.length !== 3) return null;
  if (!background.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1)) return null;
  return `#${background.map((v: number) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
}
