// The live container and image lists of one engine and their watchers.
// No I/O: the link feeds it what the engine returned, and it works out the
// patches, including the image rows whose container count moved.
import { countContainersByImage, withContainerCounts, type ImageBase, type SharedSizes } from '../engines/map-images';
import type { ContainerRow, ImageRow, ListEvent } from '../engines/types';
import { Feed } from './feed';
import { byCreatedDesc, RowTable, type Patch } from './rows';

export class LiveLists {
  readonly containers = new RowTable<ContainerRow>(byCreatedDesc);
  readonly images = new RowTable<ImageRow>(byCreatedDesc);
  private readonly containerFeed = new Feed<ListEvent<ContainerRow>>({ resync: () => this.containers.snapshot() });
  private readonly imageFeed = new Feed<ListEvent<ImageRow>>({ resync: () => this.images.snapshot() });
  /** False until the first snapshot: watchers wait for it instead of getting an empty list. */
  loaded = false;
  /** The last shared sizes the engine computed; they arrive after the lists, being slow to compute. */
  private shared: SharedSizes | null = null;

  get watchers(): number {
    return this.containerFeed.size + this.imageFeed.size;
  }

  watchContainers(signal: AbortSignal): AsyncIterable<ListEvent<ContainerRow>> {
    return this.containerFeed.subscribe(signal, this.loaded ? [this.containers.snapshot()] : []);
  }

  watchImages(signal: AbortSignal): AsyncIterable<ListEvent<ImageRow>> {
    return this.imageFeed.subscribe(signal, this.loaded ? [this.images.snapshot()] : []);
  }

  /** A whole new state, after a (re)connect: every watcher gets a fresh snapshot. */
  load(containers: ContainerRow[], images: ImageBase[]): void {
    this.containers.replace(containers);
    this.images.replace(withContainerCounts(this.withShared(images), countContainersByImage(containers)));
    this.loaded = true;
    this.containerFeed.publish(this.containers.snapshot());
    this.imageFeed.publish(this.images.snapshot());
  }

  /** What the engine now says about these container ids: rows it returned are upserted, the others are gone. */
  refreshContainers(ids: Iterable<string>, found: ContainerRow[]): void {
    this.publishContainers(this.containers.refresh(ids, found));
  }

  /** A full container list, diffed into a patch. */
  syncContainers(rows: ContainerRow[]): void {
    this.publishContainers(this.containers.sync(rows));
  }

  syncImages(images: ImageBase[]): void {
    const patch = this.images.sync(withContainerCounts(this.withShared(images), countContainersByImage(this.containers.values())));
    if (patch) this.imageFeed.publish(patch);
  }

  /** Shared sizes computed by the engine: the image rows whose size moved get a patch. */
  setSharedSizes(sizes: SharedSizes): void {
    this.shared = sizes;
    const moved = this.images.list().filter((i) => sizes.has(i.id) && sizes.get(i.id) !== i.sharedSize);
    const patch = this.images.apply(
      moved.map((i) => ({ ...i, sharedSize: sizes.get(i.id)! })),
      [],
    );
    if (patch) this.imageFeed.publish(patch);
  }

  /** Images listed without shared sizes keep the last known ones until the engine recomputes them. */
  private withShared(images: ImageBase[]): ImageBase[] {
    const shared = this.shared;
    if (!shared) return images;
    return images.map((i) => (i.sharedSize === null && shared.has(i.id) ? { ...i, sharedSize: shared.get(i.id)! } : i));
  }

  end(): void {
    this.containerFeed.end();
    this.imageFeed.end();
  }

  private publishContainers(patch: Patch<ContainerRow> | null): void {
    if (!patch) return;
    this.containerFeed.publish(patch);
    this.recountImages();
  }

  /** Containers were created or removed: the images they use show other counts. */
  private recountImages(): void {
    const counts = countContainersByImage(this.containers.values());
    const moved = this.images.list().filter((i) => (counts.get(i.id) ?? 0) !== i.containers);
    const patch = this.images.apply(
      moved.map((i) => ({ ...i, containers: counts.get(i.id) ?? 0 })),
      [],
    );
    if (patch) this.imageFeed.publish(patch);
  }
}
