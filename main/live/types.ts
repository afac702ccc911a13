import type { EngineDriver } from '../engines/docker-driver';
import type { ConnectionStatus, ContainerRow, EngineInfo, ImageRow, ListEvent } from '../engines/types';

/**
 * One engine kept live: it finds and connects to the engine, follows its
 * event stream, reconnects by itself, and hands out live lists.
 * Every watch* iterable ends when its signal aborts.
 */
export interface EngineSession {
  status(): ConnectionStatus;
  watchStatus(signal: AbortSignal): AsyncIterable<ConnectionStatus>;
  info(): Promise<EngineInfo>;
  containers(): Promise<ContainerRow[]>;
  watchContainers(signal: AbortSignal): AsyncIterable<ListEvent<ContainerRow>>;
  images(): Promise<ImageRow[]>;
  watchImages(signal: AbortSignal): AsyncIterable<ListEvent<ImageRow>>;
  /** The connected engine, for areas that act on it (dockerode at driver().docker); throws ApiError UNAVAILABLE while offline. */
  driver(): EngineDriver;
  close(): Promise<void>;
}
