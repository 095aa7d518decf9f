#!/usr/bin/env bash
# Installs what the queue-mode run needs besides n8n, from Debian's packages, once per machine:
# Redis (redis-server) and PostgreSQL (postgresql). A rerun finds them and costs nothing. Nothing
# is started here and no service manager is used: e2e/queue.mjs starts both on free loopback
# ports with throwaway data directories and stops them at the end.
set -euo pipefail

pg_bin() {
	local dir
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
			echo "$dir"
			return
		fi
	done
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
{ [ -n "$(pg_bin)" ] && command -v psql >/dev/null 2>&1; } || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
	echo "e2e:queue: installing ${missing[*]} from Debian's packages (once)"
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi
echo "e2e:queue: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL in $(pg_bin)"
