#!/usr/bin/env bash
# Builds a folder of real notes (someone else's collection) with this project and measures the result.
#   bench/real-notes.sh DIR [--max-width-pages N] [--keep]
# The site is written to a fresh scratch folder under /tmp (deleted at the end unless --keep); DIR is only read.
# Prints the build summary and one JSON object (see bench/real-notes.mjs): `$` in the source vs `$` left in
# visible text, formulas rendered, KaTeX errors, broken internal links, [toc] left, duplicate sidebar entries,
# pages with skipped heading levels, pages wider than 360 px (Chromium at /usr/bin/chromium).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[[ $# -ge 1 && -d "$1" ]] || { echo "usage: bench/real-notes.sh DIR [--max-width-pages N] [--keep]" >&2; exit 2; }
src="$(cd "$1" && pwd)"; shift
maxw=60; keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --max-width-pages) maxw="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
scratch="$(mktemp -d /tmp/real-notes-XXXXXX)"
cleanup() { if [[ $keep == 0 ]]; then rm -rf -- "$scratch"; else echo "kept $scratch" >&2; fi; }
trap cleanup EXIT
dotnet build "$repo/Site.csproj" -v q -nologo >/dev/null
[[ -d "$repo/theme/node_modules/playwright-core" ]] || (cd "$repo/theme" && npm ci --silent)
# The build writes its link registry (.kbsite/links.tsv) into its input: build a copy, so DIR is really only read.
mkdir -p "$scratch/in" && cp -a "$src/." "$scratch/in/"
"$repo/bin/Debug/net10.0/Site" --input "$scratch/in" --output "$scratch/out" --no-cache --theme "$repo/theme" -q \
  >"$scratch/build.log" 2>&1 || true
tail -n 1 "$scratch/build.log"
echo "warnings by kind:"
grep -oE 'warning: [a-z ]+' "$scratch/build.log" | sort | uniq -c | sort -rn | head -12 || true
node "$repo/bench/real-notes.mjs" --site "$scratch/out" --source "$src" --theme "$repo/theme" --max-width-pages "$maxw"
