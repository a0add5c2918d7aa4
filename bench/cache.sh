#!/bin/sh
# bench/cache.sh — what keeping results between runs buys (issue 20).
#
# Usage (from the repository root, on a warm build cache):
#
#	RUNS=2 bench/cache.sh              # every target, 2 interleaved rounds
#	BASELINE_REV=e1bd61f bench/cache.sh   # the command before the cache
#	MODULE=k8s.io/client-go@v0.37.2 bench/cache.sh
#	MODULE_DIR=/tmp/client-go bench/cache.sh   # a copy of MODULE made
#	                                  # earlier, already compiled (the build
#	                                  # cache keys packages by directory)
#	RESULTS=bench/results-cache.tsv bench/cache.sh   # where rows go
#	TARGETS="fw-hook-before fw-hook-after" bench/cache.sh   # some targets
#	SUMMARY=bench/results-cache.tsv bench/cache.sh   # only the tables
#
# Variants and targets, each round in an interleaved order (each round
# starts one target later):
#
#	module-before     (b) keepalivelint ./... of BASELINE_REV (default
#	                  e1bd61f, the standalone in-process driver), in a copy
#	                  of MODULE (default k8s.io/client-go@v0.37.2: 388
#	                  packages, 1149 with dependencies and tests)
#	module-first      (a) keepalivelint ./... of the working tree, as a
#	                  fresh copy of the binary: a new tool ID, so nothing of
#	                  it is cached (the build cache of compiled packages is
#	                  warm, as in a developer's checkout)
#	module-second     (a) the same copy again, the tree unchanged
#	std-before        (b) keepalivelint std
#	std-first         (a) keepalivelint std, a fresh copy
#	std-second        (a) the same copy again
#	std-vet-first     go vet -vettool=<a fresh copy> std, the reference
#	std-vet-second    the same again
#	fw-hook-before    the pre-commit framework hook after a commit touching
#	                  one file (tools/record/event.go, a line added in a
#	                  function body): (b) keepalivelint ./... in the module
#	fw-hook-after     the same with (a), whose cache is warm from earlier
#	                  commits (one stable copy of the binary for all hooks)
#	git-hook-before   the plain git hook of BASELINE_REV with (b), the same
#	                  file staged, in a git repository of the module copy
#	git-hook-after    hooks/pre-commit of the working tree with (a)
#
# (a) keeps its analysis cache in the run's own directory
# (KEEPALIVELINT_CACHE), removed with it.
#
# Prints the medians (wall, CPU of the command and all its children, peak
# RSS of its largest process) and the ratios of the targets:
#
#	module-second / module-before   CPU <= 0.15; RSS <= 0.2
#	module-first / module-before    CPU <= 1.25
#	fw-hook-after / fw-hook-before and git-hook-after / git-hook-before <= 0.2
#	std-first / std-vet-first and std-second / std-vet-second <= 1.10
set -eu

prog=bench/cache.sh
RUNS=${RUNS:-2}
MODULE=${MODULE:-k8s.io/client-go@v0.37.2}
BASELINE_REV=${BASELINE_REV:-e1bd61f}
TOUCH=${TOUCH:-tools/record/event.go}

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init

all_targets="module-before module-first module-second std-before std-first std-second std-vet-first std-vet-second fw-hook-before fw-hook-after git-hook-before git-hook-after"
# TARGETS: a subset to measure (rows are appended to $RESULTS, so a
# summary covers every run in the file).
targets=${TARGETS:-$all_targets}

# fresh NAME: a copy of the working tree's binary with a byte appended, a
# tool ID go vet has never seen.
fresh() {
	f=$work/tools/$1
	mkdir -p "$work/tools"
	cp "$work/after" "$f"
	date +%s%N >>"$f"
	echo "$f"
}

# touch_file ROUND: adds a statement at the top of the first function body
# of $TOUCH in $dir, a new change each round.
touch_file() {
	awk -v n="$1" 'done != 1 && /^func .*\{$/ { print; print "\t_ = " n " // bench change"; done = 1; next } { print }' \
		"$dir/$TOUCH" >"$dir/$TOUCH.new"
	mv "$dir/$TOUCH.new" "$dir/$TOUCH"
}

# measure TARGET ROUND
measure() {
	case $1 in
	module-* | fw-hook-* | git-hook-*) dir=${MODULE_DIR:-$work/module} ;;
	std-*) dir=$repo ;;
	esac
	case $1 in
	module-before) timed "$1" b standalone "$work/before" ./... ;;
	module-first)
		tool=$(fresh "module.$2")
		timed "$1" a standalone "$tool" ./...
		timed module-second a standalone "$tool" ./...
		;;
	std-before) timed "$1" b standalone "$work/before" std ;;
	std-first)
		tool=$(fresh "std.$2")
		timed "$1" a standalone "$tool" std
		timed std-second a standalone "$tool" std
		;;
	std-vet-first)
		tool=$(fresh "vet.$2")
		timed "$1" v vet go vet -vettool="$tool" std
		timed std-vet-second v vet go vet -vettool="$tool" std
		;;
	fw-hook-before | fw-hook-after)
		bin=$work/before
		[ "$1" = fw-hook-before ] || bin=$work/hooktool
		touch_file "$2"
		timed "$1" "${1#fw-hook-}" standalone "$bin" ./...
		git -C "$dir" checkout -q -- "$TOUCH"
		;;
	git-hook-before | git-hook-after)
		bin=$work/before hook=$work/hook-before
		[ "$1" = git-hook-before ] || bin=$work/hooktool hook=$repo/hooks/pre-commit
		touch_file "$2"
		git -C "$dir" add "$TOUCH"
		KEEPALIVELINT=$bin
		export KEEPALIVELINT
		timed "$1" "${1#git-hook-}" hook "$hook"
		unset KEEPALIVELINT
		git -C "$dir" reset -q
		git -C "$dir" checkout -q -- "$TOUCH"
		;;
	module-second | std-second | std-vet-second) ;; # with their first
	esac
}

if [ -z "${SUMMARY:-}" ]; then
	[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
	start=$(date +%s)
	base=$(git -C "$repo" rev-parse --short "$BASELINE_REV^{commit}") || die "no revision $BASELINE_REV"
	head=$(git -C "$repo" rev-parse --short HEAD)
	[ -z "$(git -C "$repo" status --porcelain -- . ':!bench')" ] || head="$head+dirty"
	echo "# (a) working tree $head, (b) $base, $(go version | cut -d' ' -f3), $(nproc) CPUs, module $MODULE"
	(cd "$repo" && go build -o "$work/after" ./cmd/keepalivelint)
	# The analysis cache of (a): one of the run's own.
	KEEPALIVELINT_CACHE=$work/analysis-cache
	export KEEPALIVELINT_CACHE
	mkdir "$work/base"
	git -C "$repo" archive "$base" | tar -x -C "$work/base"
	(cd "$work/base" && go build -o "$work/before" ./cmd/keepalivelint)
	cp "$work/base/hooks/pre-commit" "$work/hook-before"
	cp "$work/after" "$work/hooktool"

	echo "# preparing the module"
	if [ -n "${MODULE_DIR:-}" ]; then
		# A copy made earlier (by copy_module): the build cache keys
		# compiled packages by directory, so reusing one saves compiling
		# the whole module again.
		[ -d "$MODULE_DIR" ] || die "MODULE_DIR=$MODULE_DIR: no such directory"
		ln -s "$MODULE_DIR" "$work/module"
		dir=$MODULE_DIR
	else
		dir=$work/module
		copy_module "$MODULE" "$dir"
	fi
	if [ ! -d "$dir/.git" ]; then
		(
			cd "$dir"
			git init -q
			git -c user.name=bench -c user.email=bench@example.com add -A
			git -c user.name=bench -c user.email=bench@example.com commit -q -m module
		)
	fi
	[ -f "$dir/$TOUCH" ] || die "no $TOUCH in $MODULE"
	# Warm the build cache (compiled packages, go list) and the hooks'
	# cache of (a), as a developer's checkout would have them: go vet's
	# cache, and the analysis cache of the command in the module and in
	# the git hook's checkout.
	(cd "$dir" && go vet -vettool="$work/hooktool" ./... >/dev/null 2>&1) || true
	(cd "$dir" && "$work/hooktool" ./... >/dev/null 2>&1) || true
	# go vet std compiles std's test variants, which go build never does.
	case " $targets " in
	*" std-"*) (cd "$repo" && go vet -vettool="$work/hooktool" std >/dev/null 2>&1) || true ;;
	esac
	[ -n "${SKIP_WARM_BEFORE:-}" ] || (cd "$dir" && "$work/before" ./... >/dev/null 2>&1) || true
	touch_file 0
	git -C "$dir" add "$TOUCH"
	(cd "$dir" && KEEPALIVELINT=$work/hooktool "$repo/hooks/pre-commit" >/dev/null 2>&1) || true
	git -C "$dir" reset -q
	git -C "$dir" checkout -q -- "$TOUCH"

	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		echo "# round $i of $RUNS"
		# shellcheck disable=SC2086
		for t in $(rotated "$i" $targets); do
			measure "$t" "$i"
		done
	done
	echo "# $RUNS rounds in $(($(date +%s) - start))s"
fi

echo
echo "Medians of interleaved runs ($RESULTS):"
echo
printf '| %-16s | %4s | %9s | %9s | %9s |\n' target runs "wall (s)" "CPU (s)" "RSS (MiB)"
printf '|%s|%s|%s|%s|%s|\n' ------------------ ------ ----------- ----------- -----------
for t in $all_targets; do
	v=$(awk -F'\t' -v t="$t" '$1 == t { print $2; exit }' "$RESULTS")
	[ -n "$v" ] || continue
	printf '| %-16s | %4d | %9.2f | %9.2f | %9.0f |\n' "$t" "$(rounds "$t" "$v")" \
		"$(median "$t" "$v" 3)" "$(median "$t" "$v" 4)" "$(mib "$(median "$t" "$v" 5)")"
done
echo
# row LABEL TARGET VARIANT REF REFVARIANT GOAL
row() {
	printf '| %-34s | %8s | %8s | %8s | %-22s |\n' "$1" \
		"$(ratio "$(median "$2" "$3" 3)" "$(median "$4" "$5" 3)")" \
		"$(ratio "$(median "$2" "$3" 4)" "$(median "$4" "$5" 4)")" \
		"$(ratio "$(median "$2" "$3" 5)" "$(median "$4" "$5" 5)")" "$6"
}
printf '| %-34s | %8s | %8s | %8s | %-22s |\n' ratio wall CPU RSS goal
printf '|%s|%s|%s|%s|%s|\n' ------------------------------------ ---------- ---------- ---------- ------------------------
row "module second / before" module-second a module-before b "CPU <= 0.15, RSS <= 0.2"
row "module first / before" module-first a module-before b "CPU <= 1.25"
row "framework hook after / before" fw-hook-after after fw-hook-before before "<= 0.2"
row "git hook after / before" git-hook-after after git-hook-before before "<= 0.2"
row "std first / go vet first" std-first a std-vet-first v "<= 1.10"
row "std second / go vet second" std-second a std-vet-second v "<= 1.10"
row "std first / before" std-first a std-before b "(information)"
echo
echo "Every run, wall / CPU (s), in the order measured:"
for t in $all_targets; do
	printf '  %-16s %s\n' "$t" "$(awk -F'\t' -v t="$t" \
		'$1 == t { printf "%s%s / %s", sep, $3, $4; sep = ",  " }' "$RESULTS")"
done
