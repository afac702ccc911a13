// What a <canvas> in the page actually shows, read from its pixels: that a
// graph is drawn (coloured pixels, not just a transparent or grey box) and
// whether that drawing changed since the last look (a digest of the coloured
// pixels only, so moving axis labels do not count as the graph moving).
import type { Locator } from 'playwright-core';

export interface CanvasPicture {
  /** Pixels drawn in colour: opaque enough and not grey (axes, grid and text are grey). */
  coloured: number;
  /** FNV-1a of the coloured pixels and where they are: equal digests, same drawing. */
  digest: string;
}

export function canvasPicture(canvas: Locator): Promise<CanvasPicture> {
  return canvas.evaluate((el) => {
    if (!(el instanceof HTMLCanvasElement)) throw new Error(`not a canvas: <${el.tagName.toLowerCase()}>`);
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    let coloured = 0;
    let hash = 0x811c9dc5;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 64 || Math.max(r, g, b) - Math.min(r, g, b) < 48) continue;
      coloured++;
      for (const v of [i, r, g, b, a]) hash = Math.imul(hash ^ v, 0x01000193);
    }
    return { coloured, digest: (hash >>> 0).toString(16) };
  });
}
