// A tiny line of recent values, drawn as one SVG path: cheap enough for
// hundreds of rows updating once a second.
import { memo } from 'react';

export interface SparklineProps {
  values: readonly (number | null)[];
  /** The top of the scale; values above it are clipped. */
  max: number;
  /** Points the width stands for, so a new container's line grows from the right. */
  points: number;
  className?: string;
  testId?: string;
}

const W = 64;
const H = 18;

export const Sparkline = memo(function Sparkline({ values, max, points, className = 'text-accent', testId }: SparklineProps) {
  const step = W / Math.max(1, points - 1);
  const offset = points - values.length;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (offset + i) * step;
    const y = H - 1 - (Math.min(v, max) / (max || 1)) * (H - 2);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  });
  return (
    <svg aria-hidden width={W} height={H} viewBox={`0 0 ${W} ${H}`} className={`shrink-0 ${className}`} data-testid={testId} data-points={values.length}>
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.25} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
    </svg>
  );
});
