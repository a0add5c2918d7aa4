#!/bin/sh
# bench/facts.sh — what declaring analysis facts costs keepalivelint.
#
# Usage (from the repository root, on a warm build cache):
#
#	bench/facts.sh                    # every target, 5 rounds
#	RUNS=3 bench/facts.sh             # fewer rounds
#	TARGETS="vet-std standalone-std" bench/facts.sh
#	BASELINE_REV=1ad8d98 bench/facts.sh   # the fact-free pass (b) to compare
#	VARIANTS="a-keepalivelint f-noopfacts b-baseline" bench/facts.sh   # leave out (c)
#	MODULE=github.com/minio/minio-go/v7@v7.4.1 bench/facts.sh   # another module
#	RESULTS=bench/results-facts.tsv bench/facts.sh   # where rows go
#	MODULE_DIR=/tmp/client-go bench/facts.sh   # a copy of MODULE made
#	                                  # earlier, already compiled (the build
#	                                  # cache keys packages by directory)
#	SUMMARY=bench/results-facts.tsv bench/facts.sh   # only print the tables
#	                                  # of earlier (possibly interrupted) runs
#
# An analyzer that declares FactTypes is run on every dependency, not only
# on the packages named: the standalone driver (keepalivelint ./...) loads
# and type-checks the whole program from source instead of reading the
# dependencies' export data, and go vet, which runs the tool on every
# dependency anyway to collect facts, now runs the analyzer (and the
# inspector it requires) there too. This script measures that, against the
# floor of any facts-based analyzer built the same way. Variants:
#
#	(a) keepalivelint      ./cmd/keepalivelint of the working tree
#	(f) noopfacts          ./bench/noopfacts: singlechecker, requires
#	                       inspect.Analyzer, declares a fact type, exports
#	                       and reports nothing — the floor
#	(b) baseline           ./cmd/keepalivelint of BASELINE_REV (default
#	                       1ad8d98, the last fact-free pass), built from git
#	                       archive in the same run
#	(c) go vet             cmd/vet with its default analyzers
#
# Targets (TARGETS, default "vet-std standalone-std standalone-module"):
#
#	vet-std            go vet -vettool=X std; (c) is go vet std (with the
#	                   -unsafeptr=false a plain "go vet std" implies)
#	vet-module         go vet -vettool=X ./... in a copy of MODULE
#	standalone-std     X std
#	standalone-module  X ./... in a copy of MODULE (default
#	                   k8s.io/client-go@v0.37.2)
#
# The standalone targets time (a), (f) and (b); their (c) reference is the
# go vet of the same packages: the vet-* target's (c) rows when that target
# is measured too, else it is timed there. Standalone runs set
# KEEPALIVELINT_CACHE=off: keepalivelint's default path keeps results
# between runs (issue 20), so every run after the first would replay them;
# with the cache off it runs x/tools' checker in process, the floor's
# driver (noopfacts ignores the variable). Go vet runs defeat vet's result
# cache with a fresh wrapper per run (see wrapper in bench/lib.sh), keeping
# the build cache warm; standalone runs have no result cache. Rounds are
# interleaved across targets and variants (round 1: vet-std a f b c,
# standalone-std a f b, ...; each round starts one variant later), so a
# change in the machine's load spreads over every variant.
#
# Prints the medians of wall time, CPU time (user+sys of the command and
# all its children) and peak RSS (largest single process), the ratios a/f,
# b/f, a/c and a/b, and every run. On a shared machine the CPU-time ratios
# are the steadier ones.
#
# Requirements: GNU time as /usr/bin/time (Debian: apt-get install time);
# git; the Go module proxy, once, for MODULE and its dependencies (later
# runs work with GOPROXY=off).
set -eu

prog=bench/facts.sh
RUNS=${RUNS:-5}
TARGETS=${TARGETS:-vet-std standalone-std standalone-module}
MODULE=${MODULE:-k8s.io/client-go@v0.37.2}
BASELINE_REV=${BASELINE_REV:-1ad8d98}

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
[ -n "${SUMMARY:-}" ] || [ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

variants=${VARIANTS:-"a-keepalivelint f-noopfacts b-baseline c-govet"}

# setup TARGET: sets kind, dir, pattern and vetflags, the flags of (c).
setup() {
	kind=${1%%-*}
	case $1 in
	vet-std | standalone-std) dir=$repo pattern=std vetflags=-unsafeptr=false ;;
	vet-module | standalone-module) dir=${MODULE_DIR:-$work/module} pattern=./... vetflags= ;;
	*) die "unknown target $1 (want vet-std, vet-module, standalone-std or standalone-module)" ;;
	esac
}

# cref TARGET: the target whose (c) rows are TARGET's reference.
cref() {
	case " $TARGETS " in
	*" vet-${1#standalone-} "*) echo "vet-${1#standalone-}" ;;
	*) echo "$1" ;;
	esac
}

# prepare TARGET: copies the module once, then warms the build cache with a
# stable tool ID (after the first time, a cache hit): export data and cgo
# output of every package and test variant, for go vet and go/packages.
prepare() {
	setup "$1"
	if [ "$dir" = "$work/module" ] && [ ! -d "$dir" ]; then
		copy_module "$MODULE" "$dir"
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && go vet -vettool="$work/noopfacts" $pattern >/dev/null 2>&1) || true
	if [ "$kind" = standalone ]; then
		# One standalone run (go list's cgo output): with (b) if it
		# is measured, else with the floor.
		warm=$work/noopfacts
		case " $variants " in *" b-baseline "*) warm=$work/baseline ;; esac
		(cd "$dir" && KEEPALIVELINT_CACHE=off "$warm" $pattern >/dev/null 2>&1) || true
	fi
}

# measure TARGET VARIANT ROUND: one timed run.
measure() {
	setup "$1"
	key=$1.$2.$3
	case $kind.$2 in
	standalone.c-*) [ "$(cref "$1")" = "$1" ] || return 0 ;;
	esac
	case $2 in
	a-*) bin=$work/keepalivelint ;;
	f-*) bin=$work/noopfacts ;;
	b-*) bin=$work/baseline ;;
	c-*) bin=$(go env GOTOOLDIR)/vet ;;
	esac
	# shellcheck disable=SC2086
	case $kind.$2 in
	vet.c-* | standalone.c-*) timed "$1" "$2" vet go vet -vettool="$(wrapper "$bin" vet "$key")" $vetflags $pattern ;;
	vet.*) timed "$1" "$2" vet go vet -vettool="$(wrapper "$bin" "${2#?-}" "$key")" $pattern ;;
	standalone.*) timed "$1" "$2" standalone env KEEPALIVELINT_CACHE=off "$bin" $pattern ;;
	esac
}

if [ -z "${SUMMARY:-}" ]; then
	start=$(date +%s)
	base=$(git -C "$repo" rev-parse --short "$BASELINE_REV^{commit}") || die "no revision $BASELINE_REV"
	head=$(git -C "$repo" rev-parse --short HEAD)
	[ -z "$(git -C "$repo" status --porcelain -- . ':!bench')" ] || head="$head+dirty"
	echo "# (a) working tree $head, (b) $base, $(go version | cut -d' ' -f3), $(nproc) CPUs, module $MODULE"
	# noopfacts is in bench's own module (bench/go.mod), so that go
	# install ./... of the repository (pre-commit) leaves it out.
	(cd "$repo" && go build -o "$work/keepalivelint" ./cmd/keepalivelint &&
		cd bench && go build -o "$work/noopfacts" ./noopfacts)
	mkdir "$work/base"
	git -C "$repo" archive "$base" | tar -x -C "$work/base"
	(cd "$work/base" && go build -o "$work/baseline" ./cmd/keepalivelint)
	for target in $TARGETS; do
		echo "# preparing $target"
		prepare "$target"
	done
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		echo "# round $i of $RUNS"
		for target in $TARGETS; do
			# shellcheck disable=SC2086
			for v in $(rotated "$i" $variants); do
				measure "$target" "$v" "$i"
			done
		done
	done
	echo "# $RUNS rounds in $(($(date +%s) - start))s"
fi

# The tables, from $RESULTS.
targets=$(cut -f1 "$RESULTS" | awk '!seen[$0]++' | tr '\n' ' ')
TARGETS=$targets
label() {
	case $2 in
	a-*) l="(a) keepalivelint" ;;
	f-*) l="(f) noopfacts (floor)" ;;
	b-*) l="(b) fact-free baseline" ;;
	c-*) l="(c) go vet" ;;
	esac
	[ "$(cref "$1")" = "$1" ] || [ "${2#c-}" = "$2" ] || l="$l: the $(cref "$1") rows"
	echo "$l"
}
# col TARGET VARIANT COLUMN: the median, the (c) of a standalone target
# taken from its reference.
col() {
	t=$1
	[ "${2#c-}" = "$2" ] || t=$(cref "$1")
	median "$t" "$2" "$3"
}

echo
echo "Medians of interleaved runs ($RESULTS):"
echo
printf '| %-17s | %-34s | %4s | %9s | %9s | %9s |\n' target variant runs "wall (s)" "CPU (s)" "RSS (MiB)"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------- ------------------------------------ ------ ----------- ----------- -----------
for t in $targets; do
	for v in $variants; do
		w=$(col "$t" "$v" 3)
		[ -n "$w" ] || continue
		tv=$t
		[ "${v#c-}" = "$v" ] || tv=$(cref "$t")
		printf '| %-17s | %-34s | %4d | %9.2f | %9.2f | %9.0f |\n' "$t" "$(label "$t" "$v")" "$(rounds "$tv" "$v")" \
			"$w" "$(col "$t" "$v" 4)" "$(mib "$(col "$t" "$v" 5)")"
	done
done
echo
printf '| %-17s | %8s | %8s | %8s | %8s | %8s | %8s | %8s | %8s |\n' target "a/f wall" "a/f CPU" "b/f wall" "b/f CPU" \
	"a/c wall" "a/c CPU" "a/b wall" "a/b CPU"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------------- ---------- ---------- ---------- ---------- ---------- ---------- ---------- ----------
for t in $targets; do
	row=
	for pair in a-keepalivelint:f-noopfacts b-baseline:f-noopfacts a-keepalivelint:c-govet a-keepalivelint:b-baseline; do
		for c in 3 4; do
			row="$row $(ratio "$(col "$t" "${pair%:*}" $c)" "$(col "$t" "${pair#*:}" $c)")"
		done
	done
	# shellcheck disable=SC2086
	printf '| %-17s | %8s | %8s | %8s | %8s | %8s | %8s | %8s | %8s |\n' "$t" $row
done
echo
echo "Goal: a/f <= 1.10 on vet-std, standalone-std and standalone-module."
echo
echo "Every run, wall / CPU (s), in the order measured:"
for t in $targets; do
	for v in $variants; do
		[ "$(rounds "$t" "$v")" -gt 0 ] || continue
		printf '  %-17s %-16s %s\n' "$t" "$v" "$(awk -F'\t' -v t="$t" -v v="$v" \
			'$1 == t && $2 == v { printf "%s%s / %s", sep, $3, $4; sep = ",  " }' "$RESULTS")"
	done
done
