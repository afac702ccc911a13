// Deleting a tag deletes the manifest it points at (the distribution API
// deletes by digest): every tag on that manifest goes with it. Asked first,
// then the report says what went and that the space comes back only after
// the registry's garbage collection.
import { useState } from 'react';
import type { DeleteReport, RegistryView, TagDetails } from '../../../../main/registry/types';
import { useAction, useApi } from '../../app/hooks';
import { displayRepository } from '../../lib/registry';
import { ConfirmDialog } from '../../ui/dialog';
import { useRefreshRegistries } from './registry-data';

export function DeleteTagDialog({ registry, repository, tag, details, onClose }: { registry: RegistryView; repository: string; tag: string; details: TagDetails; onClose: () => void }) {
  const api = useApi();
  const refresh = useRefreshRegistries();
  const { busy, error, run } = useAction();
  const [report, setReport] = useState<DeleteReport | null>(null);
  const name = `${displayRepository(registry.kind, repository)}:${tag}`;
  const confirm = async () => {
    // By the digest shown, so what goes is what was confirmed even if the tag moved meanwhile.
    const done = await run(() => api.registries.deleteTag.mutate({ registry: registry.id, repository, tag: details.digest }));
    if (done) setReport(done);
  };
  return (
    <ConfirmDialog
      title={`Delete ${name}?`}
      items={[`${name}`, `manifest ${details.digest}`]}
      confirmLabel="Delete from the registry"
      busy={busy}
      onConfirm={() => void confirm()}
      onClose={() => {
        // What was deleted is gone from the lists too.
        if (report) refresh(registry.id);
        onClose();
      }}
      report={
        report && (
          <div className="flex flex-col gap-2">
            <p className="break-words">{report.note}</p>
          </div>
        )
      }
    >
      <p>
        This deletes the manifest the tag points at from <span className="font-medium">{registry.name}</span>, for everyone who pulls from it. Every other tag pointing at the same manifest goes too.
        The registry frees the space only when its garbage collection runs.
      </p>
      {error && (
        <p role="alert" data-testid="delete-error" className="mt-2 text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
