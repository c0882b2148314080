#!/usr/bin/env bash
# Benchmark: our site generator vs Hugo on the same generated corpus (issue 8).
#
#   bench/run.sh [--sizes "100 1000 10000"] [--runs 3] [--big-runs 2] [--seed 42]
#                [--warmup 1] [--source worktree|REV] [--hugo-variants "inline shared"]
#                [--big-hugo-variants shared]
#                [--report FILE] [--hugo-only] [--keep] [--out-fs tmpfs|disk] [--delete-before]
#                [--distinct-math PERCENT]
#
# See bench/README.md for what is measured and how to read the tables.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES="100 1000 10000"
RUNS=3
BIG_RUNS=2          # runs for N >= 10000
WARMUP=1            # unmeasured runs per tool before timing (skipped for N >= 10000)
SEED=42
DISTINCT_MATH=""    # CorpusGen --distinct-math (empty: its default, 45% in the real profile; 0: the corpus before 2026-12-02)
SOURCE=worktree     # what to build: the working tree, or a git revision (e.g. HEAD) exported to a temp dir
HUGO_VARIANTS="inline shared"
# For N >= 10000 the inline tree makes Hugo write ~1 MB per page (~11 GB at N=10000) and
# thrash a shared machine's page cache, so only the shared variant runs by default.
BIG_HUGO_VARIANTS="shared"
REPORT=""
HUGO_ONLY=0
KEEP=0
# Where both tools write their output. tmpfs by default: on this VM's disk, creating the same 13.5k
# files took 1 s to 12 s from run to run in a plain C loop, so disk runs measure the disk, not the tools.
OUT_FS=tmpfs
# Every timed run writes a NEW output folder; all of them are deleted when the script ends. This VM's disk is
# ext4 without a journal: for 60 s (360 s while dirty) after files are deleted, creating a file in the same
# block group scans past every recently deleted inode (ext4 recently_deleted()), so `rm -rf out` right before
# a build that creates 20k files costs it seconds of kernel time, 1-9 s from run to run. --delete-before
# deletes the previous output right before each run instead (the old method), to measure that case.
DELETE_BEFORE=0

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --big-runs) BIG_RUNS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --distinct-math) DISTINCT_MATH=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --source) SOURCE=$2; shift 2 ;;
    --hugo-variants) HUGO_VARIANTS=$2; shift 2 ;;
    --big-hugo-variants) BIG_HUGO_VARIANTS=$2; shift 2 ;;
    --report) REPORT=$2; shift 2 ;;
    --hugo-only) HUGO_ONLY=1; shift ;;
    --keep) KEEP=1; shift ;;
    --out-fs) OUT_FS=$2; shift 2 ;;
    --delete-before) DELETE_BEFORE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------
APT_UPDATED=0
ensure() {  # ensure COMMAND-PATH DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  [[ -x "$1" ]] && return 0
  log "installing $2 (missing $1)"
  if [[ $APT_UPDATED == 0 ]]; then apt-get update -qq >&2; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}
ensure hugo hugo
ensure /usr/bin/time time
ensure jq jq
command -v dotnet >/dev/null || { echo "dotnet SDK not found" >&2; exit 1; }
HUGO=$(command -v hugo)
HUGO_VERSION=$("$HUGO" version | awk '{print $2}')

# The same holds across benchmarks: a run's cleanup deletes ~200k files, and a benchmark started within the next minutes
# measured that (the 20k files of one of our builds paid for it 20 times as often as Hugo's 1k). Each cleanup leaves a
# stamp; a disk benchmark started less than RECENT_DELETE_S after one waits until the window has passed (only on such a disk).
DELETE_STAMP=/tmp/.kb-bench-deleted
RECENT_DELETE_S=360
TMP=$(mktemp -d /tmp/kb-bench.XXXXXX)
cleanup() {
  local rc=$?
  [[ $OUTROOT != "$TMP" ]] && rm -rf "$OUTROOT"
  if [[ $KEEP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  touch "$DELETE_STAMP" 2>/dev/null || true
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$TMP/res" "$TMP/logs"
OUTROOT=$TMP
if [[ $OUT_FS == tmpfs ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]]; then OUTROOT=$(mktemp -d /dev/shm/kb-bench-out.XXXXXX)
  else log "no writable /dev/shm: outputs go to disk"; OUT_FS=disk; fi
fi

# ---- build -------------------------------------------------------------------------------
log "building CorpusGen"
dotnet build "$ROOT/bench/CorpusGen/CorpusGen.csproj" -c Release --artifacts-path "$TMP/art-corpusgen" -nologo -v q >"$TMP/logs/corpusgen-build.log" 2>&1 \
  || { cat "$TMP/logs/corpusgen-build.log" >&2; exit 1; }
CORPUSGEN="$TMP/art-corpusgen/bin/CorpusGen/release/CorpusGen"

OURS_STATUS=""     # empty = usable; otherwise why "ours" is not measured
OURS_SRC=""        # the tree that was built
OURS_DESC=""       # what was measured, for the report
BIN=""

# export_rev REV DIR: a clean copy of a committed revision (read-only for the shared repo).
export_rev() {
  rm -rf "$2"; mkdir -p "$2"
  git -C "$ROOT" archive "$1" | tar -x -C "$2"
  # Theme npm packages are not committed: reuse the working tree's, else install them.
  if [[ -f $2/theme/package.json && ! -d $2/theme/node_modules ]]; then
    if [[ -d $ROOT/theme/node_modules ]]; then ln -s "$ROOT/theme/node_modules" "$2/theme/node_modules"
    else (cd "$2/theme" && npm ci --no-audit --no-fund >&2); fi
  fi
}

# build_site SRC: Release publish (ReadyToRun: precompiled, as a tool is deployed) with a private
# artifacts path (others build /work/main concurrently).
build_site() {
  local art=${BENCH_ARTIFACTS:-$TMP/art-site}
  log "publishing $1/Site.csproj (Release, ReadyToRun) into $art"
  if dotnet publish "$1/Site.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true --artifacts-path "$art" -nologo -v q >"$TMP/logs/site-build.log" 2>&1; then
    BIN="$art/publish/Site/release_linux-x64/Site"; OURS_SRC=$1
    [[ -x $BIN ]] && return 0
    log "built, but no binary at $BIN"; return 1
  fi
  grep -E 'error|Error' "$TMP/logs/site-build.log" | sort -u | head -n 10 >&2
  return 1
}

if [[ $HUGO_ONLY == 1 ]]; then
  OURS_STATUS="skipped (--hugo-only)"
elif [[ $SOURCE == worktree ]]; then
  if [[ -f $ROOT/theme/package.json && ! -d $ROOT/theme/node_modules ]]; then
    log "installing theme npm packages"; (cd "$ROOT/theme" && npm ci --no-audit --no-fund >&2)
  fi
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src theme Site.csproj Program.cs 2>/dev/null | wc -l || echo 0)
  if build_site "$ROOT"; then
    OURS_DESC="working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') ($dirty modified tracked files, untracked src files included)"
  else
    # Someone's half-written file in a shared tree must not stop the benchmark: fall back to HEAD.
    log "working-tree build failed; falling back to the last commit (HEAD)"
    export_rev HEAD "$TMP/src"
    if build_site "$TMP/src"; then OURS_DESC="HEAD $(git -C "$ROOT" rev-parse --short HEAD) (working tree did not build)"
    else OURS_STATUS="Release build failed for both the working tree and HEAD"; fi
  fi
else
  export_rev "$SOURCE" "$TMP/src"
  if build_site "$TMP/src"; then OURS_DESC="$SOURCE = $(git -C "$ROOT" rev-parse --short "$SOURCE")"
  else OURS_STATUS="Release build of $SOURCE failed"; fi
fi

# What does our CLI support? Read from `Site build --help` so the script keeps working
# while the CLI grows.
HAS_THEME=0; HAS_CACHE=0; HAS_STATS=0
if [[ -z $OURS_STATUS ]]; then
  HELP=$(cd "$OURS_SRC" && "$BIN" build --help 2>&1 || true)
  if ! grep -q -- '--input' <<<"$HELP"; then
    OURS_STATUS="CLI has no 'build --input' command yet (placeholder)"
  else
    grep -q -- '--theme' <<<"$HELP" && HAS_THEME=1
    grep -q -- '--cache-dir' <<<"$HELP" && HAS_CACHE=1
    grep -q -- '--stats-json' <<<"$HELP" && HAS_STATS=1
  fi
fi
[[ -n $OURS_STATUS ]] && log "ours: $OURS_STATUS — measuring Hugo only"

# Our generator inlines the sidebar tree up to this many notes (EmitSite.InlineSidebarMaxNotes).
INLINE_MAX=$(grep -hoE 'InlineSidebarMaxNotes = [0-9]+' "${OURS_SRC:-$ROOT}/src/Emit/"*.cs 2>/dev/null | grep -oE '[0-9]+$' | head -n1 || true)
INLINE_MAX=${INLINE_MAX:-150}

# ---- helpers -----------------------------------------------------------------------------
# measure OUTFILE LOG CMD...: run CMD under /usr/bin/time -v; append "wall_s peak_rss_kb cpu_s" to OUTFILE
# (cpu = user + sys of the process tree: less disturbed by other load than wall time).
measure() {
  local out=$1 logf=$2; shift 2
  local t0 t1 rss cpu
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$TMP/time.txt" "$@" >"$logf" 2>&1; then
    log "FAILED: $* (log: $logf)"; tail -n 20 "$logf" >&2
    return 1
  fi
  t1=$(date +%s%N)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {print s}' "$TMP/time.txt")
  echo "$(( (t1 - t0) / 1000000 ))e-3 $rss $cpu" | awk '{printf "%.3f %d %.2f\n", $1, $2, $3}' >>"$out"
}

# run_out NAME: the output folder of one run. By default a new folder per run under $OUTROOT/runs (deleted
# when the script ends); with --delete-before the same folder every time, deleted right before the run.
run_out() {
  if [[ $DELETE_BEFORE == 1 ]]; then rm -rf "$OUTROOT/out-$1"; echo "$OUTROOT/out-$1"; return; fi
  mkdir -p "$OUTROOT/runs"; echo "$OUTROOT/runs/$1-$(date +%s%N)"
}

# stats FILE COLUMN: "median min max" of a column of numbers.
stats() {
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '
    { a[NR] = $1 }
    END { if (NR == 0) { print "nan nan nan"; exit }
          m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          printf "%.3f %.3f %.3f\n", m, a[1], a[NR] }'
}
median() { stats "$1" "$2" | awk '{print $1}'; }

# out_size DIR: "bytes html_pages"
out_size() { echo "$(du -sb "$1" | cut -f1) $(find "$1" -name '*.html' | wc -l)"; }

load() { awk '{print $1}' /proc/loadavg; }

ours_cmd() {  # ours_cmd CORPUS OUT CACHE STATS -> the command line (one word per line)
  local args=("$BIN" build --input "$1" --output "$2")
  [[ $HAS_THEME == 1 ]] && args+=(--theme "$OURS_SRC/theme")
  [[ $HAS_CACHE == 1 ]] && args+=(--cache-dir "$3")
  [[ $HAS_STATS == 1 ]] && args+=(--stats-json "$4")
  printf '%s\n' "${args[@]}"
}

# run_ours N KIND CACHE RUN: KIND cold|warm (into a fresh output folder), warmup (untimed), or, over the
# output the previous run left (the way a user rebuilds): rebuild (nothing changed), edit (one note changed
# first), prime (untimed, leaves an output for them).
run_ours() {
  local n=$1 kind=$2 cache=$3 run=$4 corpus="$TMP/corpus-$1" out="$OUTROOT/out-ours-kept"
  local statsf="$TMP/res/ours-$n-$kind-$run.json" cmd keep=0
  [[ $kind == rebuild || $kind == edit || $kind == prime ]] && keep=1
  if [[ $keep == 1 ]]; then
    [[ $kind == prime ]] && rm -rf "$out"
  else
    out=$(run_out "ours-$n-$kind")
  fi
  if [[ $kind == edit ]]; then
    # One note's text changes (not its title or headings): append a sentence to the first note.
    local note; note=$(find "$corpus" -name '*.md' | sort | head -n 1)
    printf '\nEdited for benchmark run %s: 修改一句话 one more sentence.\n' "$run" >>"$note"
  fi
  mapfile -t cmd < <(ours_cmd "$corpus" "$out" "$cache" "$statsf")
  local resf="$TMP/res/ours-$n-$kind"
  [[ $kind == warmup || $kind == prime ]] && resf="$TMP/res/discard"
  # Run from the source root so theme/ is found even without --theme.
  (cd "$OURS_SRC" && measure "$resf" "$TMP/logs/ours-$n-$kind-$run.log" "${cmd[@]}") || return 1
  if [[ $kind == cold && $run == 1 ]]; then out_size "$out" >"$TMP/res/ours-$n-size"; fi
  if [[ $HAS_STATS == 1 && $kind != warmup && $kind != prime && -s $statsf ]]; then
    jq -r '[.seconds, .stages.read, .stages.normalize, .stages.render, .stages.index, .stages.emit, .notes, .pages, .warnings, .stages.math, .files_written, .files_linked, .bytes_written] | map(. // "nan") | @tsv' "$statsf" \
      >>"$TMP/res/ours-$n-$kind-stages"
  fi
}

run_hugo() {  # run_hugo N VARIANT(inline|shared) KIND(run|warmup) RUN
  local n=$1 variant=$2 kind=$3 run=$4 site="$TMP/hugo-$1" out
  out=$(run_out "hugo-$n-$variant")
  local config="$site/hugo.toml"
  [[ $variant == shared ]] && config+=",$site/shared-sidebar.toml"
  rm -rf "$TMP/hugo-cache"
  local resf="$TMP/res/hugo-$variant-$n"; [[ $kind == warmup ]] && resf="$TMP/res/discard"
  measure "$resf" "$TMP/logs/hugo-$variant-$n-$run.log" \
    "$HUGO" --source "$site" --config "$config" --destination "$out" --cacheDir "$TMP/hugo-cache" --quiet || return 1
  if [[ $kind == run && $run == 1 ]]; then out_size "$out" >"$TMP/res/hugo-$variant-$n-size"; fi
}

# ---- report ------------------------------------------------------------------------------
fmt_time() {  # fmt_time RESFILE -> "1.23 s (1.20–1.31)"
  [[ -s $1 ]] || { echo "n/a"; return; }
  stats "$1" 1 | awk '{printf "%.2f s (%.2f–%.2f)", $1, $2, $3}'
}
fmt_rss() { [[ -s $1 ]] || { echo "n/a"; return; }; stats "$1" 2 | awk '{printf "%.0f", $3 / 1024}'; }
fmt_size() {  # "MB (KB/page, pages)"
  [[ -s $1 ]] || { echo "n/a"; return; }
  awk '{ if ($2 > 0) printf "%.1f (%.1f KB/page, %d pages)", $1 / 1e6, $1 / 1024 / $2, $2; else printf "%.1f (no pages)", $1 / 1e6 }' "$1"
}

write_report() {
{
  echo "## Benchmark: ours vs Hugo $HUGO_VERSION"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, seed $SEED, corpus distinct math ${DISTINCT_MATH:-45 (default)}%; ours: ${OURS_DESC:-not built}; runs: $RUNS (N>=10000: $BIG_RUNS), warm-up $WARMUP."
  echo "Load: $LOAD_NOTES"
  echo
  echo "Wall time = median (min–max) over the timed runs, cold math cache (fresh --cache-dir per run) unless the row says otherwise; peak = max RSS over runs in MB (GNU time: largest single process, so our KaTeX Node child is not added to .NET's); output = du -sb in MB (10^6 B) and KiB per HTML page. The main Hugo column is the like-for-like sidebar design: ours inlines the tree up to $INLINE_MAX notes and shares one sidebar.html above, so Hugo 'inline' for N ≤ $INLINE_MAX and 'shared' above; the other variant is an extra row. Both tools wrote their output to $([[ $OUT_FS == tmpfs ]] && echo "tmpfs (/dev/shm; --out-fs disk for the disk)" || echo "the disk ($TMP)"), $([[ $DELETE_BEFORE == 1 ]] && echo "each run into the folder the run before wrote, deleted right before it (--delete-before: on this VM's journal-less ext4, files created within 60 s of deleting others pay for every recently deleted inode)" || echo "each run into a new folder (all deleted when the benchmark ends: on this VM's journal-less ext4, files created within 60 s of deleting others pay for every recently deleted inode; --delete-before measures that)"); warm rows keep our cache folder (math and parsed notes) from the last cold run; 'rebuild' rows also keep the output folder of the build before (unchanged files are hard-linked from it), 'one note changed' appends a sentence to one note before each run."
  echo
  echo "| N | ours median (range) | hugo median (range) | ratio hugo/ours | our peak MB | hugo peak MB | our output MB (KB/page) | hugo output MB (KB/page) |"
  echo "|---|---|---|---|---|---|---|---|"
  ratio_of() { [[ -s $1 && -s $2 ]] || { echo "—"; return; }; awk -v a="$(median "$1" 1)" -v b="$(median "$2" 1)" 'BEGIN{printf "%.2f×", a / b}'; }
  for n in $SIZES; do
    [[ -e $TMP/res/done-$n ]] || continue
    primary=shared; (( n <= INLINE_MAX )) && primary=inline
    [[ -s $TMP/res/hugo-$primary-$n ]] || primary=${HUGO_VARIANTS%% *}
    h="$TMP/res/hugo-$primary-$n"; o="$TMP/res/ours-$n-cold"
    if [[ -n $OURS_STATUS ]]; then ours="— ($OURS_STATUS)"
    elif [[ -e $TMP/res/ours-$n-failed && ! -s $o ]]; then ours="FAILED"
    else ours="$(fmt_time "$o")"; fi
    echo "| $n (Hugo $primary) | $ours | $(fmt_time "$h") | $(ratio_of "$h" "$o") | $(fmt_rss "$o") | $(fmt_rss "$h") | $(fmt_size "$TMP/res/ours-$n-size") | $(fmt_size "$TMP/res/hugo-$primary-$n-size") |"
    if [[ -s $TMP/res/ours-$n-warm ]]; then
      echo "| $n, ours with warm cache, fresh output folder | $(fmt_time "$TMP/res/ours-$n-warm") | ″ | $(ratio_of "$h" "$TMP/res/ours-$n-warm") | $(fmt_rss "$TMP/res/ours-$n-warm") | | | |"
    fi
    if [[ -s $TMP/res/ours-$n-rebuild ]]; then
      echo "| $n, ours rebuilding over its output, nothing changed | $(fmt_time "$TMP/res/ours-$n-rebuild") | ″ | $(ratio_of "$h" "$TMP/res/ours-$n-rebuild") | $(fmt_rss "$TMP/res/ours-$n-rebuild") | | | |"
    fi
    if [[ -s $TMP/res/ours-$n-edit ]]; then
      echo "| $n, ours rebuilding over its output, one note changed | $(fmt_time "$TMP/res/ours-$n-edit") | ″ | $(ratio_of "$h" "$TMP/res/ours-$n-edit") | $(fmt_rss "$TMP/res/ours-$n-edit") | | | |"
    fi
    for v in $HUGO_VARIANTS; do
      hv="$TMP/res/hugo-$v-$n"
      [[ $v != "$primary" && -s $hv ]] || continue
      echo "| $n, Hugo with $v sidebar | ″ | $(fmt_time "$hv") | $(ratio_of "$hv" "$o") | | $(fmt_rss "$hv") | | $(fmt_size "$TMP/res/hugo-$v-$n-size") |"
    done
  done
  echo
  echo "CPU time (user+sys, median s; less sensitive to other load than wall time on a shared machine):"
  echo
  echo "| N | ours cold | ours warm (fresh output) | ours rebuild | ours one note changed | $(for v in $HUGO_VARIANTS; do printf 'hugo %s | ' "$v"; done)"
  echo "|---|---|---|---|---|$(for v in $HUGO_VARIANTS; do printf -- '---|'; done)"
  for n in $SIZES; do
    [[ -e $TMP/res/done-$n ]] || continue
    row="| $n"
    for f in ours-$n-cold ours-$n-warm ours-$n-rebuild ours-$n-edit $(for v in $HUGO_VARIANTS; do echo "hugo-$v-$n"; done); do
      if [[ -s $TMP/res/$f ]]; then row+=" | $(median "$TMP/res/$f" 3 | awk '{printf "%.2f", $1}')"; else row+=" | —"; fi
    done
    echo "$row |"
  done
  echo
  if [[ -z $OURS_STATUS ]]; then
    [[ $HAS_CACHE == 1 ]] || echo "Note: the CLI has no --cache-dir flag, so cold and warm math cache cannot be separated: every run used the CLI's default cache, so all but the first run may be warm."
    if [[ $HAS_STATS == 1 ]]; then
      echo "### Our stages (medians of --stats-json, seconds)"
      echo
      echo "| N | cache | wall | stats total | read | normalize | render | (math) | index | emit | startup+other | pages | warnings | files written | files linked | MB written |"
      echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
      for n in $SIZES; do
        [[ -e $TMP/res/done-$n ]] || continue
        for kind in cold warm rebuild edit; do
          f="$TMP/res/ours-$n-$kind-stages"; [[ -s $f ]] || continue
          wall=$(median "$TMP/res/ours-$n-$kind" 1)
          row="| $n | $kind | $(printf '%.2f' "$wall")"
          for c in 1 2 3 4 10 5 6; do
            v=$(median "$f" "$c"); if [[ $v == nan ]]; then row+=" | —"; else row+=" | $(printf '%.2f' "$v")"; fi
          done
          row+=" | $(awk -v w="$wall" -v s="$(median "$f" 1)" 'BEGIN{printf "%.2f", w - s}')"
          row+=" | $(median "$f" 8 | awk '{printf "%d", $1}') | $(median "$f" 9 | awk '{printf "%d", $1}')"
          for c in 11 12; do v=$(median "$f" "$c"); if [[ $v == nan ]]; then row+=" | —"; else row+=" | $(awk -v x="$v" 'BEGIN{printf "%d", x}')"; fi; done
          v=$(median "$f" 13); if [[ $v == nan ]]; then row+=" | — |"; else row+=" | $(awk -v b="$v" 'BEGIN{printf "%.1f", b / 1e6}') |"; fi
          echo "$row"
        done
      done
      echo
    else
      echo "Note: the CLI has no --stats-json flag yet; no per-stage breakdown."
    fi
  fi
  echo "Hugo baseline: full sidebar tree of all pages ('inline': in every page via partialCached; 'shared': written once to /sidebar.html, each page links it, like ours), .TableOfContents on every page, tag pages, sitemap, index.json search data; math is NOT rendered (Hugo $HUGO_VERSION has no goldmark passthrough; \$…\$ stays text)."
} >"$TMP/report.md"
[[ -z $REPORT ]] || cp "$TMP/report.md" "$REPORT"
}


# ---- main loop ---------------------------------------------------------------------------
# ext4 without a journal, the only file system with that cost (a journaled one never waits): /proc/fs/ext4/DEV exists and
# /proc/fs/jbd2/DEV-* does not.
journal_less_ext4() {
  local dev
  dev=$(df --output=source "$1" 2>/dev/null | tail -n 1) || return 1
  dev=$(basename "$(readlink -f "$dev")")
  [[ -d /proc/fs/ext4/$dev ]] && ! compgen -G "/proc/fs/jbd2/$dev-*" >/dev/null
}
if [[ $OUT_FS == disk && -f $DELETE_STAMP ]] && journal_less_ext4 "$OUTROOT"; then
  age=$(( $(date +%s) - $(stat -c %Y "$DELETE_STAMP") ))
  if (( age >= 0 && age < RECENT_DELETE_S )); then
    log "a benchmark deleted its files ${age} s ago: waiting $(( RECENT_DELETE_S - age )) s (ext4 without a journal slows file creation for that long)"
    sleep $(( RECENT_DELETE_S - age ))
  fi
fi
log "sizes: $SIZES; runs: $RUNS (N>=10000: $BIG_RUNS); seed $SEED; hugo $HUGO_VERSION; load $(load)"
LOAD_NOTES=""
for n in $SIZES; do
  runs=$RUNS; warm=$WARMUP
  if (( n >= 10000 )); then runs=$(( BIG_RUNS < RUNS ? BIG_RUNS : RUNS )); warm=0; fi
  log "N=$n: generating corpus"
  "$CORPUSGEN" --notes "$n" --seed "$SEED" --out "$TMP/corpus-$n" ${DISTINCT_MATH:+--distinct-math "$DISTINCT_MATH"} >&2

  # Hugo site: the skeleton plus the corpus; nested folders get an _index.md so they
  # become (nested) sections and show up as a tree in the sidebar.
  cp -r "$ROOT/bench/hugo-site" "$TMP/hugo-$n"
  rm -f "$TMP/hugo-$n/content/.gitkeep"
  cp -r "$TMP/corpus-$n/." "$TMP/hugo-$n/content/"
  find "$TMP/hugo-$n/content" -mindepth 1 -type d | while read -r d; do
    printf -- '---\ntitle: "%s"\n---\n' "$(basename "$d")" >"$d/_index.md"
  done

  load_before=$(load)
  variants=$HUGO_VARIANTS; (( n >= 10000 )) && variants=$BIG_HUGO_VARIANTS
  ours_ok=0; [[ -z $OURS_STATUS ]] && ours_ok=1

  # Warm-up (untimed): disk cache, and the first-run costs of each tool.
  for ((i = 1; i <= warm; i++)); do
    for v in $variants; do run_hugo "$n" "$v" warmup "w$i"; done
    if [[ $ours_ok == 1 ]]; then
      rm -rf "$TMP/cache-warmup"
      run_ours "$n" warmup "$TMP/cache-warmup" "w$i" || ours_ok=0
      rm -rf "$TMP/cache-warmup"
    fi
  done
  # Timed runs, interleaved (Hugo, ours, Hugo, ours, …) so that load from other processes on
  # a shared machine hits both tools alike. Ours cold: a fresh, empty math cache every run.
  for ((i = 1; i <= runs; i++)); do
    for v in $variants; do
      log "N=$n hugo ($v sidebar) run $i/$runs"; run_hugo "$n" "$v" run "$i"
    done
    if [[ $ours_ok == 1 ]]; then
      log "N=$n ours cold run $i/$runs"
      rm -rf "$TMP/cache-$n"
      run_ours "$n" cold "$TMP/cache-$n" "$i" || ours_ok=0
    fi
  done
  # Ours warm: keep the cache the last cold run filled; fresh output dir each time.
  if [[ $ours_ok == 1 && $HAS_CACHE == 1 ]]; then
    for ((i = 1; i <= runs && ours_ok; i++)); do
      log "N=$n ours warm run $i/$runs"
      run_ours "$n" warm "$TMP/cache-$n" "$i" || ours_ok=0
    done
  fi
  # Ours rebuilding over the output of the build before (what a user does): nothing changed, then one note
  # changed per run. Unchanged files are hard-linked from the previous output instead of written.
  if [[ $ours_ok == 1 && $HAS_CACHE == 1 ]]; then
    run_ours "$n" prime "$TMP/cache-$n" p || ours_ok=0
    for ((i = 1; i <= runs && ours_ok; i++)); do
      log "N=$n ours rebuild (nothing changed) run $i/$runs"
      run_ours "$n" rebuild "$TMP/cache-$n" "$i" || ours_ok=0
    done
    for ((i = 1; i <= runs && ours_ok; i++)); do
      log "N=$n ours rebuild (one note changed) run $i/$runs"
      run_ours "$n" edit "$TMP/cache-$n" "$i" || ours_ok=0
    done
  fi
  rm -rf "$TMP/cache-$n"
  [[ -n $OURS_STATUS || $ours_ok == 1 ]] || echo "failed" >"$TMP/res/ours-$n-failed"
  LOAD_NOTES+="N=$n: load avg $load_before → $(load); "
  rm -rf "$TMP/hugo-$n" "$TMP/corpus-$n"
  touch "$TMP/res/done-$n"
  write_report   # after every N, so a long run that is stopped still leaves its tables
done

cat "$TMP/report.md"
[[ -z $REPORT ]] || log "report written to $REPORT"
