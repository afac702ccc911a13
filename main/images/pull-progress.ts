// Pull progress from the engine's JSON progress stream (POST /images/create),
// folded into per-layer states and an overall figure. Pure: the caller feeds
// each decoded message with the time it arrived.

export type LayerState = 'waiting' | 'downloading' | 'verifying' | 'downloaded' | 'extracting' | 'done' | 'exists' | 'retrying';

export interface LayerProgress {
  /** The short layer id the engine reports (12 hex digits). */
  id: string;
  state: LayerState;
  /** Bytes of the current phase (downloading or extracting); null when unknown. */
  current: number | null;
  total: number | null;
  /** The download size once known, kept through extracting. */
  size: number | null;
}

export interface PullProgress {
  layers: LayerProgress[];
  /** 0..1 over all layers, weighted by size where known. */
  fraction: number;
  /** Bytes downloaded so far (finished layers count whole) and the sum of known sizes. */
  downloaded: number;
  totalKnown: number;
  /** Bytes per second over the last few seconds; 0 when idle. */
  bytesPerSecond: number;
  /** The engine's last free-text status, e.g. "Digest: sha256:…", "Status: Downloaded newer image for …". */
  status: string | null;
  /** "sha256:…" once the engine reports it. */
  digest: string | null;
  /** True when the engine said the image was already up to date. */
  upToDate: boolean;
  /** The engine's error message, when the stream carried one. */
  error: string | null;
}

export interface ProgressMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number } | null;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

const SPEED_WINDOW_MS = 3000;
/** Download and extraction as shares of a layer's work, for the overall bar. */
const DOWNLOAD_SHARE = 0.8;

interface Sample {
  at: number;
  bytes: number;
}

/** Keeps the state of one pull; feed() every message, snapshot() for the view. */
export class PullTracker {
  private readonly layers = new Map<string, LayerProgress>();
  private readonly samples: Sample[] = [];
  private status: string | null = null;
  private digest: string | null = null;
  private upToDate = false;
  private error: string | null = null;

  feed(message: ProgressMessage, now: number): void {
    if (message.error || message.errorDetail?.message) {
      this.error = message.errorDetail?.message ?? message.error ?? 'The pull failed.';
      return;
    }
    const status = message.status ?? '';
    const id = message.id;
    const layer = id && isLayerStatus(status) ? this.layer(id) : null;
    if (!layer) {
      if (status.startsWith('Digest: ')) this.digest = status.slice('Digest: '.length).trim();
      if (status.startsWith('Status: Image is up to date')) this.upToDate = true;
      // "Pulling from library/nginx" names the tag as its id: not a layer.
      if (status !== '') this.status = status;
      return;
    }
    const detail = message.progressDetail ?? {};
    const current = typeof detail.current === 'number' ? detail.current : null;
    const total = typeof detail.total === 'number' && detail.total > 0 ? detail.total : null;
    switch (phaseOf(status)) {
      case 'waiting':
        layer.state = 'waiting';
        break;
      case 'downloading':
        if (current !== null) this.sample(now, current - (layer.state === 'downloading' ? (layer.current ?? 0) : 0));
        layer.state = 'downloading';
        layer.current = current;
        layer.total = total;
        if (total !== null) layer.size = total;
        break;
      case 'verifying':
        layer.state = 'verifying';
        break;
      case 'downloaded':
        layer.state = 'downloaded';
        layer.current = layer.size;
        break;
      case 'extracting':
        layer.state = 'extracting';
        layer.current = current;
        layer.total = total;
        if (layer.size === null && total !== null) layer.size = total;
        break;
      case 'done':
        layer.state = 'done';
        layer.current = null;
        layer.total = null;
        break;
      case 'exists':
        layer.state = 'exists';
        break;
      case 'retrying':
        layer.state = 'retrying';
        break;
    }
  }

  snapshot(now: number): PullProgress {
    const layers = [...this.layers.values()].map((l) => ({ ...l }));
    const known = layers.map((l) => l.size).filter((s): s is number => s !== null);
    const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    let weighted = 0;
    let weights = 0;
    let downloaded = 0;
    for (const l of layers) {
      const w = l.size ?? fallback;
      weighted += w * layerFraction(l);
      weights += w;
      downloaded += downloadedBytes(l);
    }
    while (this.samples.length && this.samples[0]!.at < now - SPEED_WINDOW_MS) this.samples.shift();
    const windowBytes = this.samples.reduce((sum, s) => sum + s.bytes, 0);
    const span = this.samples.length ? Math.max(now - this.samples[0]!.at, 1000) : 1;
    return {
      layers,
      fraction: weights === 0 ? (this.status?.startsWith('Status: ') ? 1 : 0) : weighted / weights,
      downloaded,
      totalKnown: known.reduce((a, b) => a + b, 0),
      bytesPerSecond: this.samples.length ? Math.round((windowBytes * 1000) / span) : 0,
      status: this.status,
      digest: this.digest,
      upToDate: this.upToDate,
      error: this.error,
    };
  }

  private layer(id: string): LayerProgress {
    let layer = this.layers.get(id);
    if (!layer) {
      layer = { id, state: 'waiting', current: null, total: null, size: null };
      this.layers.set(id, layer);
    }
    return layer;
  }

  private sample(at: number, bytes: number): void {
    if (bytes > 0) this.samples.push({ at, bytes });
  }
}

type Phase = 'waiting' | 'downloading' | 'verifying' | 'downloaded' | 'extracting' | 'done' | 'exists' | 'retrying';

/** The engine's status words for layer steps (Docker; Podman's compatible API uses the same). */
function phaseOf(status: string): Phase | null {
  if (status === 'Pulling fs layer' || status === 'Waiting') return 'waiting';
  if (status === 'Downloading') return 'downloading';
  if (status === 'Verifying Checksum') return 'verifying';
  if (status === 'Download complete') return 'downloaded';
  if (status === 'Extracting') return 'extracting';
  if (status === 'Pull complete') return 'done';
  if (status === 'Already exists') return 'exists';
  if (status.startsWith('Retrying in')) return 'retrying';
  return null;
}

function isLayerStatus(status: string): boolean {
  return phaseOf(status) !== null;
}

function layerFraction(l: LayerProgress): number {
  switch (l.state) {
    case 'waiting':
    case 'retrying':
      return 0;
    case 'downloading':
      return l.current !== null && l.total ? DOWNLOAD_SHARE * Math.min(1, l.current / l.total) : 0;
    case 'verifying':
    case 'downloaded':
      return DOWNLOAD_SHARE;
    case 'extracting':
      return DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * (l.current !== null && l.total ? Math.min(1, l.current / l.total) : 0);
    case 'done':
    case 'exists':
      return 1;
  }
}

function downloadedBytes(l: LayerProgress): number {
  if (l.state === 'downloading') return l.current ?? 0;
  if (l.state === 'waiting' || l.state === 'retrying' || l.state === 'exists') return 0;
  return l.size ?? 0;
}

/**
 * Splits the engine's newline-delimited JSON into messages; chunk boundaries
 * fall anywhere. Lines that are not JSON are skipped.
 */
export class JsonLines {
  private buffer = '';

  push(text: string): ProgressMessage[] {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines.flatMap(parseLine);
  }

  end(): ProgressMessage[] {
    const rest = this.buffer;
    this.buffer = '';
    return parseLine(rest);
  }
}

function parseLine(line: string): ProgressMessage[] {
  const text = line.trim();
  if (text === '') return [];
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? [value as ProgressMessage] : [];
  } catch {
    return [];
  }
}
