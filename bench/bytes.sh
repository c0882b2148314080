#!/usr/bin/env bash
# Output bytes by kind for a generated corpus, and the compressed weight of one note page with all its requests.
#
#   bench/bytes.sh [--notes 1000] [--seed 42] [--site-url https://notes.example.org] [--keep]
#
# Generates --notes real-size notes (bench/CorpusGen, profile real), builds them with the Release build into a
# scratch folder under /tmp (no cache), and runs bench/bytes.mjs on the output (Chromium: /usr/bin/chromium or
# CHROME_PATH; playwright-core from theme/node_modules). --keep leaves the scratch folder and prints its path.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NOTES=1000; SEED=42; SITE_URL="https://notes.example.org"; KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --notes) NOTES="$2"; shift 2;;
    --seed) SEED="$2"; shift 2;;
    --site-url) SITE_URL="$2"; shift 2;;
    --keep) KEEP=1; shift;;
    *) echo "unknown argument $1" >&2; exit 64;;
  esac
done
SCRATCH=$(mktemp -d /tmp/kb-bytes-XXXXXX)
cleanup() { if [ -z "$KEEP" ]; then rm -rf -- "$SCRATCH"; else echo "kept $SCRATCH" >&2; fi; }
trap cleanup EXIT
dotnet build "$ROOT/Site.csproj" -c Release -nologo -v q >/dev/null
dotnet run --project "$ROOT/bench/CorpusGen" -c Release -- --notes "$NOTES" --seed "$SEED" --out "$SCRATCH/in" >/dev/null
dotnet "$ROOT/bin/Release/net10.0/Site.dll" -i "$SCRATCH/in" -o "$SCRATCH/out" --theme "$ROOT/theme" --no-cache --site-url "$SITE_URL" -q
echo "Output bytes, $NOTES generated notes (seed $SEED, --site-url $SITE_URL), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo
node "$ROOT/bench/bytes.mjs" "$SCRATCH/out" --theme "$ROOT/theme"
