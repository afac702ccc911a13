// Which app-wide dialog is open: the pull box, the run or push dialog. Any view
// opens them; the shell draws them.
import type { LifecycleAction } from '../../../main/containers/actions';
import type { ContainerRow } from '../../../main/engines/types';
import { createValueStore } from './store';

// A destructive action's confirmation lives here rather than in the row or
// view that asked: its report must outlast the rows it removed.
export type OpenDialog = { kind: 'none' } | { kind: 'pull' } | { kind: 'run'; image: string } | { kind: 'push'; image: string } | { kind: 'confirm-action'; action: LifecycleAction; rows: ContainerRow[] };

export const dialogs = createValueStore<OpenDialog>({ kind: 'none' });

export const openPull = () => dialogs.set({ kind: 'pull' });
export const openRun = (image: string) => dialogs.set({ kind: 'run', image });
export const openPush = (image: string) => dialogs.set({ kind: 'push', image });
export const confirmAction = (action: LifecycleAction, rows: ContainerRow[]) => dialogs.set({ kind: 'confirm-action', action, rows });
export const closeDialog = () => dialogs.set({ kind: 'none' });
