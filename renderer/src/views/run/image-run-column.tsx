// The images list's Run button: opens the run dialog for that image.
import { Play } from 'lucide-react';
import type { ImageRow } from '../../../../main/engines/types';
import { imageLabel, isDangling } from '../../lib/images';
import { openRun } from '../../state/dialogs';
import type { Column } from '../../ui/data-table';

export const runColumn: Column<ImageRow, 'run'> = {
  key: 'run',
  label: 'Run',
  width: '64px',
  sortable: false,
  cell: (row) => {
    const name = isDangling(row) ? row.id : imageLabel(row);
    return (
      <button
        type="button"
        aria-label={`Run ${isDangling(row) ? 'this untagged image' : name}`}
        title={`Run a container from ${name}`}
        onClick={() => openRun(name)}
        data-testid="image-run"
        className="grid size-7 place-items-center rounded-md text-muted hover:bg-accent-soft hover:text-accent"
      >
        <Play aria-hidden className="size-3.5" />
      </button>
    );
  },
};
