// The engine's event stream (GET /events): one JSON object per line, split
// across chunks anywhere, even inside a multi-byte character.
import { StringDecoder } from 'node:string_decoder';
import { normalizeImageId, obj, str } from './json';

export interface EngineEvent {
  type: 'container' | 'image';
  /** Normalized: "exec_start: sh" becomes "exec_start", Podman's "remove" becomes "destroy". */
  action: string;
  /** Container id, or image id ("sha256:..."); may be empty for an image build event. */
  id: string;
  /** Nanoseconds since the epoch, 0 when the engine did not say. */
  timeNano: number;
}

/** The query filter that keeps the stream to what the lists need. */
export const EVENT_FILTERS = { type: ['container', 'image'] };

export function parseEngineEvent(raw: unknown): EngineEvent | null {
  const e = obj(raw);
  const type = str(e['Type']) || (e['from'] !== undefined ? 'container' : '');
  if (type !== 'container' && type !== 'image') return null;
  let action = (str(e['Action']) || str(e['status'])).split(':')[0]!.trim();
  if (action === '') return null;
  if (type === 'container' && action === 'remove') action = 'destroy';
  const id = str(obj(e['Actor'])['ID']) || str(e['id']);
  const timeNano = typeof e['timeNano'] === 'number' ? e['timeNano'] : typeof e['time'] === 'number' ? e['time'] * 1e9 : 0;
  return { type, action, id: type === 'image' ? normalizeImageId(id) : id, timeNano };
}

/** Splits a byte stream into complete lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private tail = '';

  push(chunk: Buffer | string): string[] {
    const text = this.tail + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.filter((l) => l.trim() !== '');
  }

  end(): string[] {
    const rest = (this.tail + this.decoder.end()).trim();
    this.tail = '';
    return rest === '' ? [] : [rest];
  }
}

/** Events from a raw stream; lines that are not JSON or not a list event are skipped. */
export async function* readEvents(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<EngineEvent> {
  const splitter = new LineSplitter();
  for await (const chunk of chunks) {
    for (const line of splitter.push(chunk)) {
      const event = parseLine(line);
      if (event) yield event;
    }
  }
  for (const line of splitter.end()) {
    const event = parseLine(line);
    if (event) yield event;
  }
}

function parseLine(line: string): EngineEvent | null {
  try {
    return parseEngineEvent(JSON.parse(line));
  } catch {
    return null;
  }
}
