// A tiny line of recent values drawn on a canvas. Callers redraw it
// imperatively when their data changes (no React render, no DOM change but
// the canvas's pixels): hundreds of rows updating once a second stay cheap.
// A line that would come out the same is not drawn again (an idle container's
// flat minute, a Podman sample repeated over several frames): the canvas is
// then not repainted or composited either.

export interface SparklineData {
  values: readonly (number | null)[];
  /** The top of the scale; values above it are clipped. */
  max: number;
  /** Points the width stands for, so a new container's line grows from the right. */
  points: number;
}

/** The size a sparkline canvas is shown at, in CSS pixels. */
export const SPARKLINE_WIDTH = 64;
export const SPARKLINE_HEIGHT = 18;

/** What each canvas shows now, as drawn by drawSparkline. */
const drawn = new WeakMap<HTMLCanvasElement, string>();

/** Draws `data` on `canvas` in its CSS colour; records the point count in data-points. */
export function drawSparkline(canvas: HTMLCanvasElement, { values, max, points }: SparklineData): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(SPARKLINE_WIDTH * ratio);
  const height = Math.round(SPARKLINE_HEIGHT * ratio);
  const color = getComputedStyle(canvas).color;
  const picture = `${width}×${height} ${color} ${max}/${points}: ${values.join(',')}`;
  if (drawn.get(canvas) === picture) return;
  drawn.set(canvas, picture);
  // Setting the size clears the canvas: only when it changed (a new canvas, a zoom).
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, SPARKLINE_WIDTH, SPARKLINE_HEIGHT);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.25;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  const step = SPARKLINE_WIDTH / Math.max(1, points - 1);
  const offset = points - values.length;
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (offset + i) * step;
    const y = SPARKLINE_HEIGHT - 1 - (Math.min(v, max) / (max || 1)) * (SPARKLINE_HEIGHT - 2);
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  });
  ctx.stroke();
  canvas.dataset.points = String(values.length);
}
