#!/bin/sh
# bench/run.sh — how much keepalivelint adds to go vet.
#
# Usage (from the repository root, on a warm build cache):
#
#	bench/run.sh                      # std and the real module, 5 runs each
#	RUNS=7 bench/run.sh               # more runs
#	TARGETS=std bench/run.sh          # only std (or TARGETS=module)
#	MODULE=k8s.io/client-go@v0.36.1 bench/run.sh   # another real module
#	RESULTS=results.tsv bench/run.sh   # where the raw rows go (default:
#	                                  # a new file in $TMPDIR)
#	SUMMARY=results.tsv bench/run.sh   # only print the table of earlier
#	                                  # (possibly interrupted) runs
#
# For each target (std, then ./... of a copy of MODULE) it times, in
# interleaved rounds (a b c a b c ...):
#
#	(a) go vet -vettool=keepalivelint      this repository's ./cmd/keepalivelint
#	(b) go vet -vettool=noop               ./bench/noop: the same driver
#	                                       (singlechecker/unitchecker) with an
#	                                       analyzer that requires nothing — the
#	                                       floor: process start, parsing,
#	                                       type-checking against export data
#	(c) go vet                             cmd/vet with its default analyzers
#
# With INSPECT_FLOOR=1 it also times (i) go vet -vettool=noopinspect
# (./bench/noopinspect): the no-op analyzer requiring inspect.Analyzer, which
# splits a - b into the inspector the driver builds for every package and
# keepalivelint's own work.
#
# and prints the median wall time, the median CPU time (user+sys of go vet
# and all its children), the peak RSS (the largest single process of the
# tree, as GNU time reports it) and the ratios a/b and a/c. On a shared
# machine the CPU-time ratios are the steadier ones.
#
# Requirements: GNU time as /usr/bin/time (Debian: apt-get install time);
# the Go module proxy, once, to download MODULE and its dependencies into
# GOMODCACHE (later runs work with GOPROXY=off).
#
# go vet caches its results, so every timed run goes through a fresh
# wrapper script as -vettool that gives the tool a new ID (see wrapper in
# bench/lib.sh): every package is analyzed again while the build cache of
# export data stays warm. All three variants go through the same wrapper.
# Because a -vettool other than cmd/vet turns off go vet's std-only default
# of -unsafeptr=false, (c) passes that flag explicitly on std, which makes it
# the same analysis as a plain "go vet std".
set -eu

prog=bench/run.sh
RUNS=${RUNS:-5}
TARGETS=${TARGETS:-std module}
MODULE=${MODULE:-github.com/minio/minio-go/v7@v7.4.1}

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init
variants="a-keepalivelint b-noop c-govet"
if [ -n "${SUMMARY:-}" ]; then
	TARGETS=$(cut -f1 "$RESULTS" | awk '!seen[$0]++' | tr '\n' ' ')
	! grep -q i-noopinspect "$RESULTS" || variants="$variants i-noopinspect"
	RUNS="$(awk -F'\t' '$2 == "c-govet" { n[$1]++ } END { for (t in n) printf "%s%s: %d", sep, t, n[t]; sep = ", " }' "$RESULTS")"
else
	[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
	[ "${INSPECT_FLOOR:-}" != 1 ] || variants="$variants i-noopinspect"
	# The no-op vettools are in bench's own module (bench/go.mod), so
	# that go install ./... of the repository (pre-commit) leaves them out.
	(cd "$repo" && go build -o "$work/keepalivelint" ./cmd/keepalivelint &&
		cd bench && go build -o "$work/noop" ./noop && go build -o "$work/noopinspect" ./noopinspect)
fi
vet=$(go env GOTOOLDIR)/vet

# prepare TARGET: sets dir, pattern and the flags of (c).
prepare() {
	case $1 in
	std)
		dir=$repo pattern=std vetflags=-unsafeptr=false
		;;
	module)
		dir=$work/module
		copy_module "$MODULE" "$dir"
		pattern=./... vetflags=
		;;
	*)
		die "unknown target $1"
		;;
	esac
	# Warm the build cache (export data of every dependency, test
	# variants included) with a stable tool ID: after the first run this
	# is a cache hit.
	# shellcheck disable=SC2086
	(cd "$dir" && go vet -vettool="$work/noop" $pattern >/dev/null 2>&1) || true
}

for target in $TARGETS; do
	[ -z "${SUMMARY:-}" ] || break
	prepare "$target"
	echo "# $target: $RUNS interleaved rounds in $dir ($pattern)"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		{
			timed "$target" a-keepalivelint vet go vet -vettool="$(wrapper "$work/keepalivelint" keepalivelint "$target.$i")" $pattern
			timed "$target" b-noop vet go vet -vettool="$(wrapper "$work/noop" noop "$target.$i")" $pattern
			timed "$target" c-govet vet go vet -vettool="$(wrapper "$vet" vet "$target.$i")" $vetflags $pattern
			[ "${INSPECT_FLOOR:-}" != 1 ] ||
				timed "$target" i-noopinspect vet go vet -vettool="$(wrapper "$work/noopinspect" noopinspect "$target.$i")" $pattern
		}
	done
done

echo
echo "go vet over each target, median of $RUNS interleaved runs ($(go version | cut -d' ' -f3), $(nproc) CPUs):"
echo
printf '| %-7s | %-36s | %10s | %10s | %14s |\n' target variant "wall (s)" "CPU (s)" "peak RSS (MiB)"
printf '|%s|%s|%s|%s|%s|\n' --------- -------------------------------------- ------------ ------------ ----------------
for target in $TARGETS; do
	for v in $variants; do
		case $v in
		a-*) label="(a) go vet -vettool=keepalivelint" ;;
		b-*) label="(b) go vet -vettool=noop (floor)" ;;
		c-*) label="(c) go vet (default analyzers)" ;;
		i-*) label="(i) go vet -vettool=noopinspect" ;;
		esac
		printf '| %-7s | %-36s | %10.2f | %10.2f | %14.0f |\n' "$target" "$label" \
			"$(median "$target" "$v" 3)" "$(median "$target" "$v" 4)" "$(mib "$(median "$target" "$v" 5)")"
	done
done
echo
printf '| %-7s | %12s | %12s | %12s | %12s |\n' target "a/b wall" "a/b CPU" "a/c wall" "a/c CPU"
printf '|%s|%s|%s|%s|%s|\n' --------- -------------- -------------- -------------- --------------
for target in $TARGETS; do
	aw=$(median "$target" a-keepalivelint 3) ac=$(median "$target" a-keepalivelint 4)
	bw=$(median "$target" b-noop 3) bc=$(median "$target" b-noop 4)
	cw=$(median "$target" c-govet 3) cc=$(median "$target" c-govet 4)
	printf '| %-7s | %12.3f | %12.3f | %12.3f | %12.3f |\n' "$target" \
		"$(echo "$aw $bw" | awk '{print $1 / $2}')" "$(echo "$ac $bc" | awk '{print $1 / $2}')" \
		"$(echo "$aw $cw" | awk '{print $1 / $2}')" "$(echo "$ac $cc" | awk '{print $1 / $2}')"
done
echo
echo "Goals on std: a/b <= 1.10, a/c <= 0.5. Module: $MODULE."
