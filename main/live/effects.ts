// What an engine event means for the lists. Pure.
import type { EngineEvent } from '../engines/events';

/** Container actions that leave its list row as it was: exec sessions, attach, copies, terminal resizes. */
const ROW_UNCHANGED = new Set([
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'copy',
  'archive-path',
  'extract-to-dir',
  'exec',
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_died',
  'exec_detach',
  'mount',
  'unmount',
  'sync',
]);

/** Image actions that do not change the image list. */
const IMAGES_UNCHANGED = new Set(['push', 'save']);

export interface Effect {
  /** Re-fetch this container's row. */
  container: string | null;
  /** Re-fetch the image list. */
  images: boolean;
}

export function effectOf(event: EngineEvent): Effect {
  if (event.type === 'container') {
    return {
      container: event.id !== '' && !ROW_UNCHANGED.has(event.action) ? event.id : null,
      // A commit makes an image.
      images: event.action === 'commit',
    };
  }
  return { container: null, images: !IMAGES_UNCHANGED.has(event.action) };
}
