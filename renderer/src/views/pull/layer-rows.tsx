// Per-layer progress rows, shared by pulls and pushes: id, a bar, and what
// the engine says the layer is doing.
import { ProgressBar } from '../../ui/dialog';

export interface LayerRow {
  id: string;
  state: string;
  /** 0..1 */
  value: number;
  done: boolean;
  text: string;
}

export function LayerRows({ label, layers, testId }: { label: string; layers: LayerRow[]; testId: string }) {
  return (
    <ul aria-label={label} className="mt-2 grid grid-cols-[7.5rem_1fr_9rem] items-center gap-x-3 gap-y-1 text-[11.5px]">
      {layers.map((l) => (
        <li key={l.id} className="contents" data-testid={testId} data-state={l.state}>
          <span className="font-mono text-faint">{l.id}</span>
          <ProgressBar label={`Layer ${l.id}`} value={l.value} tone={l.done ? 'done' : 'accent'} className="h-1" />
          <span className="truncate text-right text-muted tabular">{l.text}</span>
        </li>
      ))}
    </ul>
  );
}
