#!/usr/bin/env bash
# The one test command (`npm test`): on a fresh Debian 12 machine, installs what
# the tests need, builds, lints, type-checks, and runs every test (unit,
# integration, e2e). Integration and e2e tests start their own private Docker
# Engine, Podman service, registry and SSH server (test/env/) and stop them at
# the end; the machine's own engines are never used.
#
# Exits non-zero if any step fails. The last line of the output is vitest's
# `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
step() { printf '\n==> %s\n' "$*"; }
failed=()

# Debian packages of the test environment (test/env/requirements.ts says which
# service needs which):
#   docker.io        dockerd, containerd, runc, docker-proxy, docker CLI
#   containernetworking-plugins  CNI plugins (bridge, host-local, loopback) for the
#                    private containerd's CRI pods
#   podman catatonit Podman API service (catatonit: pods' pause image), netavark
#   docker-registry  CNCF distribution registry
#   openssh-server   sshd (and ssh-keygen via openssh-client)
#   busybox-static   the fixture images' only binary
#   skopeo           copies images between registries and archives (OCI layouts)
#   openssl          the test registry token service's signing certificate
#   zstd             zstd-compressed layers for the registry layer tests
#   iproute2         private bridges (ip link)
#   iptables         netavark's port forwarding
#   uidmap           podman's user namespace helpers
#   chromium         e2e tests drive the UI in headless Chromium
#   tar              fixture rootfs
#   netavark aardvark-dns slirp4netns fuse-overlayfs
#                    podman's network stack as set up here: without recommends,
#                    apt would pick the CNI plugins for it instead
#   fonts-dejavu-core  text in Chromium screenshots
PACKAGES=(docker.io containerd runc podman catatonit docker-registry openssh-server openssh-client containernetworking-plugins
  busybox-static skopeo openssl zstd iproute2 iptables uidmap chromium tar
  netavark aardvark-dns slirp4netns fuse-overlayfs fonts-dejavu-core)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    step "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt (e.g. unattended upgrades) may hold the lock: wait for it.
    apt_opts=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
    if ! { apt-get "${apt_opts[@]}" update -q &&
      apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}"; }; then
      failed+=("apt-get install ${missing[*]}")
    fi
  else
    printf '\nMissing Debian packages: %s\n' "${missing[*]}" >&2
    printf 'Install them with:  sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    printf 'or run `npm test` as root. The tests that need them will fail, saying so.\n' >&2
    failed+=("missing packages: ${missing[*]}")
  fi
fi
if [[ $(id -u) -ne 0 ]]; then
  echo 'Not root: the private Docker engine, Podman service and SSH server need root; their tests will fail. Run `sudo npm test`.' >&2
fi

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?1:0)' 2>/dev/null || echo 0)
if [[ $node_ok != 1 ]]; then
  echo "Node $(node --version 2>/dev/null || echo '(none)') is too old: Node 20.19 or newer is needed." >&2
  exit 1
fi

# The Electron binary cannot be downloaded here, and is not needed by the tests.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step 'npm ci'
  npm ci --no-audit --no-fund || { echo 'npm ci failed' >&2; exit 1; }
fi

if [[ -f electron.vite.config.ts ]]; then
  step 'npm run build'
  npm run build || failed+=('build')
fi
step 'npm run lint'
npm run lint || failed+=('lint')
step 'npm run typecheck'
npm run typecheck || failed+=('typecheck')

if ((${#failed[@]})); then
  printf '\nFailed so far: %s. Running the tests anyway; the exit status will be non-zero.\n' "${failed[*]}" >&2
fi
step 'vitest run (unit, integration, e2e)'
npx --no-install vitest run
status=$?

if ((${#failed[@]})) && ((status == 0)); then
  status=1
fi
exit "$status"
