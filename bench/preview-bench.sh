#!/usr/bin/env bash
# Live-preview benchmark (issue 7): time from saving one note to the reload event, on the sample
# site (input/) and on a generated corpus, plus a warm full rebuild for comparison.
#
#   bench/preview-bench.sh [--notes 1000] [--seed 1] [--edits 15] [--debounce-ms 40] [--json-dir DIR]
#
# Not a test: it prints numbers. Target: median save→reload ≤ 150 ms at 1,000 notes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NOTES=1000; SEED=1; EDITS=15; DEBOUNCE=40; JSON_DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --notes) NOTES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --edits) EDITS=$2; shift 2 ;;
    --debounce-ms) DEBOUNCE=$2; shift 2 ;;
    --json-dir) JSON_DIR=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
ART=${PREVIEW_BENCH_ARTIFACTS:-/tmp/art-preview-bench}
TMP=$(mktemp -d /tmp/preview-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"

echo "building the benchmark (Release)…" >&2
dotnet build bench/preview-bench/PreviewBench.csproj -c Release --artifacts-path "$ART" -v q -nologo >&2
BENCH="$ART/bin/PreviewBench/release/PreviewBench"

CORPUS="$TMP/corpus-$NOTES"
if [[ -f bench/CorpusGen/CorpusGen.csproj ]]; then
  dotnet run --project bench/CorpusGen/CorpusGen.csproj -c Release --artifacts-path "$ART-corpusgen" -- --notes "$NOTES" --seed "$SEED" --out "$CORPUS" >&2
else
  echo "bench/CorpusGen not found: generating simple notes" >&2
  for ((i = 0; i < NOTES; i++)); do
    d="$CORPUS/topic-$((i % 20))"; mkdir -p "$d"
    { printf -- '---\ntitle: Note %d\ntags: [t%d]\n---\n\n' "$i" "$((i % 7))"
      for s in 1 2 3; do printf '## Section %d.%d\n\nText of note %d, section %d. See [next](../topic-%d/note-%d.md).\n\n' "$i" "$s" "$i" "$s" "$(((i + 1) % 20))" "$(((i + 1) % NOTES))"; done
    } > "$d/note-$i.md"
  done
fi

run() {  # run NAME INPUT
  echo; echo "== $1 =="
  local j=()
  [[ -n "$JSON_DIR" ]] && { mkdir -p "$JSON_DIR"; j=(--json "$JSON_DIR/preview-$1.json"); }
  "$BENCH" --input "$2" --edits "$EDITS" --debounce-ms "$DEBOUNCE" "${j[@]}"
}
run sample "$ROOT/input"
run "corpus-$NOTES" "$CORPUS"
