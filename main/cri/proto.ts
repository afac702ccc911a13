// The CRI subset (api-proto.ts) parsed once, and the encoding of requests and
// decoding of responses by method name.
import protobuf from 'protobufjs';
import { CRI_PROTO } from './api-proto';

const root = protobuf.parse(CRI_PROTO, { keepCase: true }).root;

export type CriService = 'RuntimeService' | 'ImageService';

/** The request and response types of one RPC of the subset. */
function methodOf(service: CriService, name: string): protobuf.Method {
  const method = root.lookupService(`runtime.v1.${service}`).methods[name];
  if (!method) throw new Error(`runtime.v1.${service}/${name} is not in Berth's CRI subset`);
  method.resolve();
  return method;
}

export interface CodedMethod {
  path: string;
  encode(request: Record<string, unknown>): Uint8Array;
  decode<T>(bytes: Uint8Array): T;
}

export function criMethod(service: CriService, name: string): CodedMethod {
  const method = methodOf(service, name);
  const requestType = method.resolvedRequestType!;
  const responseType = method.resolvedResponseType!;
  return {
    path: `/runtime.v1.${service}/${name}`,
    encode(request) {
      const problem = requestType.verify(request);
      if (problem) throw new Error(`${name}: ${problem}`);
      return requestType.encode(requestType.fromObject(request)).finish();
    },
    decode<T>(bytes: Uint8Array): T {
      return responseType.toObject(responseType.decode(bytes), { longs: String, enums: String, defaults: true, arrays: true, objects: true }) as T;
    },
  };
}
