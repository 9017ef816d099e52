# Sourced by .ci/run, and by a developer whose machine has an older Node (`. .ci/node22.sh`):
# puts Node 22 LTS first on PATH when the machine's Node is older than 22.
#
# Node comes from the npm registry's `node-linux-<arch>` package (the binary and Node's headers
# are inside it; nothing else is downloaded), installed into .tools/node (git-ignored). Native
# addons (better-sqlite3) then build from source against those headers: npm_config_nodedir
# points node-gyp at them, whatever nodedir the user's npm config names.
PEERBOOK_NODE_VERSION=22.23.5

peerbook_node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(peerbook_node_major)" -lt 22 ]; then
  case "$(uname -m)" in
    x86_64) peerbook_node_arch=x64 ;;
    aarch64 | arm64) peerbook_node_arch=arm64 ;;
    *) echo "no Node 22 package for $(uname -m); install Node >= 22.12 by hand" >&2; return 1 ;;
  esac
  peerbook_node_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node"
  peerbook_node_dir="$peerbook_node_root/node_modules/node-linux-$peerbook_node_arch"
  if [ "$("$peerbook_node_dir/bin/node" --version 2>/dev/null)" != "v$PEERBOOK_NODE_VERSION" ]; then
    mkdir -p "$peerbook_node_root"
    npm install --prefix "$peerbook_node_root" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-$peerbook_node_arch@$PEERBOOK_NODE_VERSION" >/dev/null
  fi
  export PATH="$peerbook_node_dir/bin:$PATH"
  export npm_config_nodedir="$peerbook_node_dir"
  unset peerbook_node_arch peerbook_node_root peerbook_node_dir
fi
unset -f peerbook_node_major
echo "Node $(node --version) at $(command -v node)"
