// The images list's Run button: opens the run dialog for that image.
import { Play } from 'lucide-react';
import type { ImageRow } from '../../../../main/engines/types';
import { imageLabel, isDangling } from '../../lib/images';
import { openRun } from '../../state/dialogs';
import { IconButton } from '../../ui/controls';
import type { Column } from '../../ui/data-table';

export const runColumn: Column<ImageRow, 'run'> = {
  key: 'run',
  label: 'Run',
  width: '64px',
  sortable: false,
  cell: (row) => {
    const name = isDangling(row) ? row.id : imageLabel(row);
    return (
      <IconButton label={`Run ${isDangling(row) ? 'this untagged image' : name}`} title={`Run a container from ${name}`} tone="accent" onClick={() => openRun(name)} data-testid="image-run">
        <Play aria-hidden className="size-3.5" />
      </IconButton>
    );
  },
};
