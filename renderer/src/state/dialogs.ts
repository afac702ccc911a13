// Which app-wide dialog is open: the pull box or the run dialog. Any view
// opens them; the shell draws them.
import { createValueStore } from './store';

export type OpenDialog = { kind: 'none' } | { kind: 'pull' } | { kind: 'run'; image: string };

export const dialogs = createValueStore<OpenDialog>({ kind: 'none' });

export const openPull = () => dialogs.set({ kind: 'pull' });
export const openRun = (image: string) => dialogs.set({ kind: 'run', image });
export const closeDialog = () => dialogs.set({ kind: 'none' });
