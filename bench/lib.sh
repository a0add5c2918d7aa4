# shellcheck shell=sh disable=SC2034,SC2154
# (Variables set here are used, and those used here are set, by the
# sourcing script.)
#
# bench/lib.sh — helpers shared by bench/run.sh and bench/facts.sh.
# Sourced, not run. The sourcing script sets $prog (its name, for messages)
# before calling bench_init.
#
# Conventions: $work is a temporary directory removed on exit (KEEP=1 keeps
# it); raw rows go to $RESULTS, a file outside $work, as they are measured,
# so an interrupted run leaves them for SUMMARY=$RESULTS. A row is
#
#	target <TAB> variant <TAB> wall (s) <TAB> CPU (s) <TAB> peak RSS (KiB)
#
# where CPU is user+sys of the command and all its children and peak RSS is
# that of the largest single process of the tree, as GNU time reports them.

TIME=/usr/bin/time

die() {
	echo "$prog: $*" >&2
	exit 2
}

# bench_init: checks the requirements, sets $repo and $RESULTS, and, unless
# only printing a SUMMARY, $work.
bench_init() {
	"$TIME" -f %M true >/dev/null 2>&1 || die "needs GNU time as $TIME (Debian: apt-get install time)"
	repo=$(cd "$(dirname "$0")/.." && pwd)
	if [ -n "${SUMMARY:-}" ]; then
		[ -s "$SUMMARY" ] || die "SUMMARY=$SUMMARY: no such file or no rows"
		RESULTS=$SUMMARY
	else
		work=$(mktemp -d "${TMPDIR:-/tmp}/keepalivelint-bench.XXXXXX")
		trap bench_cleanup EXIT
		trap 'exit 129' HUP
		trap 'exit 130' INT
		trap 'exit 141' PIPE
		trap 'exit 143' TERM
		RESULTS=${RESULTS:-${TMPDIR:-/tmp}/keepalivelint-$(basename "$0" .sh)-$(date +%Y%m%d-%H%M%S).tsv}
		case $RESULTS in /*) ;; *) RESULTS=$(pwd)/$RESULTS ;; esac
		: >>"$RESULTS"
		echo "# raw rows: $RESULTS (SUMMARY=$RESULTS $0 prints their table)"
	fi
}

bench_cleanup() {
	if [ "${KEEP:-}" = 1 ]; then
		echo "# kept $work" >&2
	else
		# Module copies have their write bits restored, so this is
		# enough; go mod download leaves nothing inside $work.
		rm -rf "$work"
	fi
}

# wrapper TOOL NAME KEY: prints the path of a new -vettool that forces a go
# vet cache miss. go vet keys a vet action by the tool's ID (the output of
# "tool -V=full"), the flags passed to the tool, the package's build action
# and its dependencies' vet outputs, so a second identical go vet only
# replays the cached output. -a would defeat that but also recompile every
# dependency, and the build cache must stay warm: export data is an input
# of vet, not part of the cost measured. So each timed go vet gets a fresh
# wrapper that answers -V=full with a new version line (a new tool ID: a
# miss for the vet actions only) and execs the real tool for the rest.
# Every variant goes through a wrapper, so all pay the same extra exec.
wrapper() {
	w=$work/tools/$2.$3
	mkdir -p "$work/tools"
	cat >"$w" <<EOF
#!/bin/sh
if [ "\$1" = "-V=full" ]; then echo "$2 version bench-$$-$3-$(date +%s%N)"; exit 0; fi
exec "$1" "\$@"
EOF
	chmod +x "$w"
	echo "$w"
}

# copy_module MODULE DIR: copies MODULE (path@version) out of GOMODCACHE
# into DIR, writable, with its dependencies downloaded. Needs the module
# proxy the first time only.
copy_module() {
	src=$(go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	[ -n "$src" ] || die "cannot download $1"
	cp -R "$src" "$2"
	chmod -R u+w "$2"
	(cd "$2" && go mod download) || die "cannot download the dependencies of $1"
}

# timed TARGET VARIANT KIND CMD...: runs CMD once in $dir, with GOPROXY=off,
# under GNU time, and appends a row to $RESULTS. KIND says which exit
# statuses are a success: vet (0, or 1 with diagnostics printed),
# standalone (0, or 3: findings) or hook (0, or 1: commit rejected). Anything else, or a panic, stops the run;
# its output is kept beside $RESULTS.
timed() {
	target=$1 variant=$2 kind=$3
	shift 3
	out=$work/out.$target.$variant
	set +e
	(cd "$dir" && GOPROXY=off "$TIME" -f '%e %U %S %M' -o "$out.time" "$@" >"$out.log" 2>&1)
	status=$?
	set -e
	ok=false
	case $kind.$status in
	*.0 | standalone.3 | hook.1) ok=true ;;
	vet.1) ! grep -q '^# \|: ' "$out.log" || ok=true ;;
	esac
	if grep -q -e '^panic:' -e 'goroutine [0-9]* \[running\]' "$out.log"; then
		ok=false
	fi
	if [ "$ok" != true ]; then
		cp "$out.log" "$RESULTS.$target.$variant.log"
		echo "$prog: $variant failed on $target (status $status): $RESULTS.$target.$variant.log" >&2
		exit 1
	fi
	# GNU time writes "Command exited with non-zero status N" first when
	# the command exits non-zero: the numbers are the last line.
	read -r wall user sys rss <<EOF
$(tail -n 1 "$out.time")
EOF
	cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
	printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$variant" "$wall" "$cpu" "$rss" >>"$RESULTS"
	printf '#   %-18s %-16s wall %7ss  cpu %7ss  rss %7d KiB  (status %d)\n' \
		"$target" "$variant" "$wall" "$cpu" "$rss" "$status"
}

# median TARGET VARIANT COLUMN: the median of a column of $RESULTS' rows
# for target and variant; empty without rows.
median() {
	awk -F'\t' -v t="$1" -v v="$2" -v c="$3" '$1 == t && $2 == v { print $c }' "$RESULTS" |
		sort -g | awk '{ x[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print x[(NR + 1) / 2]; else print (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}

# ratio X Y: X/Y to three places, or "-" if either is missing.
ratio() {
	if [ -z "$1" ] || [ -z "$2" ]; then
		echo -
	else
		echo "$1 $2" | awk '{ printf "%.3f", $1 / $2 }'
	fi
}

# rounds TARGET VARIANT: how many rows $RESULTS has for them.
rounds() {
	awk -F'\t' -v t="$1" -v v="$2" '$1 == t && $2 == v { n++ } END { print n + 0 }' "$RESULTS"
}

# mib KIB: KiB in MiB, or nothing.
mib() {
	[ -z "$1" ] || echo "$1" | awk '{ print $1 / 1024 }'
}

# rotated N WORD...: the words, the first N-1 moved to the end: round N of
# an interleaved run starts one word later than round N-1.
rotated() {
	n=$1
	shift
	k=1
	while [ "$k" -lt "$n" ]; do
		first=$1
		shift
		set -- "$@" "$first"
		k=$((k + 1))
	done
	echo "$@"
}
