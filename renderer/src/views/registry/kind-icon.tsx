import { Boxes, Cloud, Globe, Package, Ship } from 'lucide-react';
import type { RegistryKind } from '../../../../main/registry/types';

const ICONS = { dockerhub: Ship, quay: Boxes, azure: Cloud, redhat: Package, generic: Globe } as const;

/** Which kind of registry, at a glance. */
export function KindIcon({ kind, className }: { kind: RegistryKind; className?: string }) {
  const Icon = ICONS[kind];
  return <Icon aria-hidden className={className} strokeWidth={1.9} />;
}
