#!/bin/sh
# scripts/stdcmd.sh — run keepalivelint over the standard library and the
# go command's own tree (std and cmd: about 600 packages of real code) and
# fail on any panic or tool failure. Findings are fine (go vet exits 1 with
# them); anything on go vet's output that is neither a finding nor a
# "# package" header fails the run.
#
# Usage: scripts/stdcmd.sh [packages...]     (default: std cmd)
#
# It runs the tool as go vet's -vettool, so go vet's result cache applies:
# an unchanged tool on an unchanged package replays its earlier result,
# which a tool that panicked never has. Set FRESH=1 to force every package
# to be analyzed again (a new tool ID, as in bench/run.sh).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keepalivelint-stdcmd.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/keepalivelint" ./cmd/keepalivelint)
tool=$work/keepalivelint
if [ "${FRESH:-}" = 1 ]; then
	cat >"$work/fresh" <<EOS
#!/bin/sh
if [ "\$1" = "-V=full" ]; then echo "keepalivelint version stdcmd-$(date +%s%N)"; exit 0; fi
exec "$tool" "\$@"
EOS
	chmod +x "$work/fresh"
	tool=$work/fresh
fi
[ $# -gt 0 ] || set -- std cmd
set +e
(cd "$repo" && go vet -vettool="$tool" "$@") >"$work/out" 2>&1
status=$?
set -e
findings=$(grep -c '^[^#][^:]*\.go:[0-9]*:[0-9]*: ' "$work/out" || true)
if [ "$status" -gt 1 ] || grep -q -e 'panic' -e '^goroutine ' "$work/out" ||
	grep -v -e '^# ' -e '^[^:]*\.go:[0-9]*:[0-9]*: ' -e '^\s' "$work/out" | grep -q .; then
	cat "$work/out" >&2
	echo "scripts/stdcmd.sh: FAIL (go vet status $status)" >&2
	exit 1
fi
echo "scripts/stdcmd.sh: ok: $* analyzed, no panic, $findings findings (go vet status $status)"
[ "$findings" -eq 0 ] || grep '^[^#][^:]*\.go:[0-9]*:[0-9]*: ' "$work/out" | cut -c1-200
