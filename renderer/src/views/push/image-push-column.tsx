// The images list's Push button, beside Run: opens the push dialog for that
// image. An untagged image has nothing to push by name, so no button.
import { Upload } from 'lucide-react';
import type { ImageRow } from '../../../../main/engines/types';
import { imageLabel, isDangling } from '../../lib/images';
import { openPush } from '../../state/dialogs';
import { IconButton } from '../../ui/controls';
import type { Column } from '../../ui/data-table';

export const pushColumn: Column<ImageRow, 'push'> = {
  key: 'push',
  label: 'Push',
  width: '64px',
  sortable: false,
  cell: (row) => {
    if (isDangling(row)) return <span className="text-faint">—</span>;
    const name = imageLabel(row);
    return (
      <IconButton label={`Push ${name}`} title={`Push ${name} to a registry`} tone="accent" onClick={() => openPush(name)} data-testid="image-push">
        <Upload aria-hidden className="size-3.5" />
      </IconButton>
    );
  },
};
