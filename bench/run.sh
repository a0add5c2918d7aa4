#!/bin/sh
# bench/run.sh — how much keepalivelint adds to go vet.
#
# Usage (from the repository root, on a warm build cache):
#
#	bench/run.sh                      # std and the real module, 5 runs each
#	RUNS=7 bench/run.sh               # more runs
#	TARGETS=std bench/run.sh          # only std (or TARGETS=module)
#	MODULE=k8s.io/client-go@v0.36.1 bench/run.sh   # another real module
#	SUMMARY=/tmp/keepalivelint-bench.X/results.tsv bench/run.sh
#	                                  # only print the table of earlier
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
# go vet caches its results: a vet action is keyed by the tool's ID (the
# output of "tool -V=full"), the flags passed to the tool, the package's
# build action and its dependencies' vet outputs, so a second identical
# "go vet" only replays the cached output and measures nothing. -a would
# defeat that but also recompile every dependency (the build cache must stay
# warm: export data is an input of vet, not part of the cost we measure);
# -c=N is not passed to the tool, so it is not in the key either. So every
# timed run uses a fresh wrapper script as -vettool: it answers -V=full with
# a new version line (a new tool ID, hence a cache miss for the vet actions
# only) and execs the real tool for everything else. All three variants go
# through the same wrapper, so they pay the same extra exec per package.
# Because a -vettool other than cmd/vet turns off go vet's std-only default
# of -unsafeptr=false, (c) passes that flag explicitly on std, which makes it
# the same analysis as a plain "go vet std".
set -eu

RUNS=${RUNS:-5}
TARGETS=${TARGETS:-std module}
MODULE=${MODULE:-github.com/minio/minio-go/v7@v7.4.1}
TIME=/usr/bin/time

if ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench/run.sh: needs GNU time as $TIME (Debian: apt-get install time)" >&2
	exit 2
fi
if [ -z "${SUMMARY:-}" ] && [ "$RUNS" -lt 1 ]; then
	echo "bench/run.sh: RUNS must be at least 1" >&2
	exit 2
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keepalivelint-bench.XXXXXX")
if [ -n "${SUMMARY:-}" ]; then
	cp "$SUMMARY" "$work/results.tsv"
	TARGETS=$(cut -f1 "$work/results.tsv" | uniq | tr '\n' ' ')
	! grep -q i-noopinspect "$work/results.tsv" || variants="$variants i-noopinspect"
	RUNS="$(awk -F'\t' '$2 == "c-govet" { n[$1]++ } END { for (t in n) printf "%s%s: %d", sep, t, n[t]; sep = ", " }' "$work/results.tsv")"
fi
echo "# work directory: $work (raw results in $work/results.tsv)"

(cd "$repo" && go build -o "$work/keepalivelint" ./cmd/keepalivelint && go build -o "$work/noop" ./bench/noop &&
	go build -o "$work/noopinspect" ./bench/noopinspect)
variants="a-keepalivelint b-noop c-govet"
[ "${INSPECT_FLOOR:-}" != 1 ] || variants="$variants i-noopinspect"
vet=$(go env GOTOOLDIR)/vet

# wrapper TOOL NAME: a -vettool that forces a cache miss (see above).
wrapper() {
	w=$work/tools/$2.$target.$i
	mkdir -p "$work/tools"
	cat >"$w" <<EOF
#!/bin/sh
if [ "\$1" = "-V=full" ]; then echo "$2 version bench-$$-$target-$i-$(date +%s%N)"; exit 0; fi
exec "$1" "\$@"
EOF
	chmod +x "$w"
	echo "$w"
}

# prepare TARGET: sets dir, pattern and the flags of (c).
prepare() {
	case $1 in
	std)
		dir=$repo pattern=std vetflags=-unsafeptr=false
		;;
	module)
		src=$(go mod download -json "$MODULE" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
		[ -n "$src" ] || { echo "bench/run.sh: cannot download $MODULE" >&2; exit 2; }
		dir=$work/module
		cp -R "$src" "$dir"
		chmod -R u+w "$dir"
		(cd "$dir" && go mod download)
		pattern=./... vetflags=
		;;
	*)
		echo "bench/run.sh: unknown target $1" >&2
		exit 2
		;;
	esac
	# Warm the build cache (export data of every dependency, test
	# variants included) with a stable tool ID: after the first run this
	# is a cache hit.
	(cd "$dir" && go vet -vettool="$work/noop" $pattern >/dev/null 2>&1) || true
}

# timed TARGET VARIANT TOOL [FLAGS]: one run, appended to results.tsv.
timed() {
	target=$1 variant=$2 tool=$3
	shift 3
	out=$work/out.$target.$variant.$i
	set +e
	(cd "$dir" && GOPROXY=off "$TIME" -f '%e %U %S %M' -o "$out.time" go vet -vettool="$tool" "$@" $pattern >"$out.log" 2>&1)
	status=$?
	set -e
	if grep -q -e '^panic:' -e 'goroutine [0-9]* \[running\]' "$out.log"; then
		echo "bench/run.sh: $variant panicked on $target, see $out.log" >&2
		exit 1
	fi
	if [ "$status" -gt 1 ] || { [ "$status" -eq 1 ] && ! grep -q '^# \|: ' "$out.log"; }; then
		echo "bench/run.sh: $variant failed on $target (status $status), see $out.log" >&2
		exit 1
	fi
	# GNU time writes "Command exited with non-zero status N" first when
	# go vet reports findings (status 1): the numbers are the last line.
	read -r wall user sys rss <<EOF
$(tail -n 1 "$out.time")
EOF
	printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$variant" "$wall" \
		"$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')" "$rss" >>"$work/results.tsv"
	printf '#   %-6s %-14s wall %7ss  cpu %7ss  rss %6d KiB  (status %d)\n' "$target" "$variant" "$wall" \
		"$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')" "$rss" "$status"
}

: >>"$work/results.tsv"
for target in $TARGETS; do
	[ -z "${SUMMARY:-}" ] || break
	prepare "$target"
	echo "# $target: $RUNS interleaved rounds in $dir ($pattern)"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		timed "$target" a-keepalivelint "$(wrapper "$work/keepalivelint" keepalivelint)"
		timed "$target" b-noop "$(wrapper "$work/noop" noop)"
		timed "$target" c-govet "$(wrapper "$vet" vet)" $vetflags
		[ "${INSPECT_FLOOR:-}" != 1 ] || timed "$target" i-noopinspect "$(wrapper "$work/noopinspect" noopinspect)"
	done
done

# median COLUMN of rows for target/variant.
median() {
	awk -F'\t' -v t="$1" -v v="$2" -v c="$3" '$1 == t && $2 == v { print $c }' "$work/results.tsv" |
		sort -g | awk '{ x[NR] = $1 } END { if (NR % 2) print x[(NR + 1) / 2]; else print (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}
maxof() {
	awk -F'\t' -v t="$1" -v v="$2" -v c="$3" '$1 == t && $2 == v && $c > m { m = $c } END { print m }' "$work/results.tsv"
}

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
			"$(median "$target" $v 3)" "$(median "$target" $v 4)" "$(echo "$(median "$target" $v 5)" | awk '{print $1 / 1024}')"
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
