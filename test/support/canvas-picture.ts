// What a <canvas> in the page actually shows, read from its pixels: that a
// graph is drawn (coloured pixels, not just a transparent or grey box), how
// high it reaches, and whether that drawing changed since the last look (a
// digest of the coloured pixels only, so moving axis labels do not count as
// the graph moving).
import type { Locator } from 'playwright-core';

export interface CanvasPicture {
  /** Pixels drawn in colour: opaque enough and not grey (axes, grid and text are grey). */
  coloured: number;
  /** How high the highest coloured pixel is: 0 at the bottom row (or nothing drawn), 1 at the top. */
  reach: number;
  /** FNV-1a of the coloured pixels and where they are: equal digests, same drawing. */
  digest: string;
}

/** `only`: a "#rrggbb" colour; then only pixels close to it count (one series of a chart). */
export function canvasPicture(canvas: Locator, only?: string): Promise<CanvasPicture> {
  return canvas.evaluate((el, only) => {
    if (!(el instanceof HTMLCanvasElement)) throw new Error(`not a canvas: <${el.tagName.toLowerCase()}>`);
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    // Antialiased edges blend into the background; the line's middle keeps its colour.
    const want = only ? [1, 3, 5].map((i) => Number.parseInt(only.slice(i, i + 2), 16)) : null;
    let coloured = 0;
    let top = el.height;
    let hash = 0x811c9dc5;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 64 || Math.max(r, g, b) - Math.min(r, g, b) < 48) continue;
      if (want && Math.max(Math.abs(r - want[0]!), Math.abs(g - want[1]!), Math.abs(b - want[2]!)) > 40) continue;
      coloured++;
      top = Math.min(top, Math.floor(i / 4 / el.width));
      for (const v of [i, r, g, b, a]) hash = Math.imul(hash ^ v, 0x01000193);
    }
    return { coloured, reach: coloured ? 1 - (top + 1) / el.height : 0, digest: (hash >>> 0).toString(16) };
  }, only);
}
