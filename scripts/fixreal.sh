#!/bin/sh
# scripts/fixreal.sh — apply every suggested fix of keepalivelint to a copy
# of real public modules and check the result: it still builds (go build
# ./... and go vet's type-check of the tests), the changed files are
# gofmt-clean, and a second "keepalivelint -fix" run changes nothing.
#
# Usage: scripts/fixreal.sh [module@version ...]
#
# Default modules (pinned; both build a transport without IdleConnTimeout):
#	github.com/elazarl/goproxy@v1.9.3
#	github.com/influxdata/influxdb1-client@v0.0.0-20220302092344-a9ab5670611c
# Each is downloaded through the Go module proxy (go mod download -json),
# copied to a temporary directory and made writable; a module without a
# go.mod gets one (go mod init + tidy).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keepalivelint-fixreal.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/keepalivelint" ./cmd/keepalivelint)
kal=$work/keepalivelint
[ $# -gt 0 ] || set -- github.com/elazarl/goproxy@v1.9.3 \
	github.com/influxdata/influxdb1-client@v0.0.0-20220302092344-a9ab5670611c
fail=0 total=0
for mod in "$@"; do
	src=$(go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	[ -n "$src" ] || { echo "$mod: cannot download" >&2; exit 2; }
	dir=$work/$(echo "$mod" | tr '/@' '__')
	cp -R "$src" "$dir"
	chmod -R u+w "$dir"
	cd "$dir"
	if [ ! -f go.mod ]; then
		go mod init "${mod%@*}" >/dev/null 2>&1
		go mod tidy >/dev/null 2>&1
	fi
	go mod download
	git init -q . && git add -A && git -c user.name=fixreal -c user.email=fixreal@localhost commit -q -m original
	go build ./... || { echo "$mod: does not build before the fixes" >&2; exit 2; }
	# Count the findings and the fixes (-test=false: a package and its test
	# variant would report the same finding twice), then apply them.
	"$kal" -json -test=false ./... >"$work/json" 2>/dev/null || true
	findings=$(grep -c '"posn"' "$work/json" || true)
	fixes=$(grep -c '"suggested_fixes"' "$work/json" || true)
	"$kal" -fix ./... >"$work/fix.out" 2>&1 || true
	changed=$(git diff --name-only)
	echo "== $mod: $findings findings, $fixes with a fix; files changed: $(echo $changed)"
	git --no-pager diff --stat | tail -n 1
	ok=1
	if ! go build ./... || ! go vet -vettool="$kal" ./... >/dev/null 2>"$work/vet.out" && grep -qv -e '^#' -e '\.go:[0-9]*:[0-9]*: ' "$work/vet.out"; then
		echo "$mod: FAIL: the fixed module does not build" >&2
		ok=0
	fi
	if [ -n "$changed" ] && [ -n "$(gofmt -l $changed)" ]; then
		echo "$mod: FAIL: not gofmt-clean: $(gofmt -l $changed)" >&2
		gofmt -d $changed >&2
		ok=0
	fi
	git add -A && git -c user.name=fixreal -c user.email=fixreal@localhost commit -q -m fixed --allow-empty
	"$kal" -fix ./... >/dev/null 2>&1 || true
	if ! git diff --quiet; then
		echo "$mod: FAIL: a second -fix run changed:" >&2
		git --no-pager diff >&2
		ok=0
	fi
	if [ $ok = 1 ]; then
		echo "$mod: ok: $fixes fixes applied, builds, gofmt-clean, second -fix run changes nothing"
		git --no-pager diff HEAD~1 -U1 | sed 's/^/    /'
	else
		fail=1
	fi
	total=$((total + fixes))
	cd "$repo"
done
echo "scripts/fixreal.sh: $total fixes in $# modules"
exit $fail
