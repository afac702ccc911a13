// A CRI client over one gRPC session: the read-only calls Berth makes to a
// runtime that serves the Kubernetes CRI (containerd's CRI plugin, CRI-O).
import { criMethod, type CriService } from './proto';
import type { UnaryCall } from './grpc-session';
import type { WireContainer, WireContainerStats, WireContainerStatus, WireImage, WireImageFsInfo, WirePodSandbox, WirePodSandboxStatus, WireVersion } from './wire';

/** The CRI version Berth speaks (VersionRequest.version). */
export const CRI_API_VERSION = 'v1';

export class CriClient {
  constructor(private readonly call: UnaryCall) {}

  /** One RPC by name; the typed methods below are the ones the product uses. */
  async rpc<T>(service: CriService, name: string, request: Record<string, unknown> = {}): Promise<T> {
    const method = criMethod(service, name);
    return method.decode<T>(await this.call(method.path, method.encode(request)));
  }

  version(): Promise<WireVersion> {
    return this.rpc('RuntimeService', 'Version', { version: CRI_API_VERSION });
  }

  async podSandboxes(): Promise<WirePodSandbox[]> {
    return (await this.rpc<{ items: WirePodSandbox[] }>('RuntimeService', 'ListPodSandbox')).items;
  }

  async podSandboxStatus(id: string): Promise<WirePodSandboxStatus> {
    return (await this.rpc<{ status: WirePodSandboxStatus }>('RuntimeService', 'PodSandboxStatus', { pod_sandbox_id: id })).status;
  }

  async containers(): Promise<WireContainer[]> {
    return (await this.rpc<{ containers: WireContainer[] }>('RuntimeService', 'ListContainers')).containers;
  }

  async containerStatus(id: string): Promise<WireContainerStatus> {
    return (await this.rpc<{ status: WireContainerStatus }>('RuntimeService', 'ContainerStatus', { container_id: id })).status;
  }

  async containerStats(): Promise<WireContainerStats[]> {
    return (await this.rpc<{ stats: WireContainerStats[] }>('RuntimeService', 'ListContainerStats')).stats;
  }

  async images(): Promise<WireImage[]> {
    return (await this.rpc<{ images: WireImage[] }>('ImageService', 'ListImages')).images;
  }

  imageFsInfo(): Promise<WireImageFsInfo> {
    return this.rpc('ImageService', 'ImageFsInfo');
  }
}
