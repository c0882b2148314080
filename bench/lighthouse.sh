#!/usr/bin/env bash
# Lighthouse 12 (mobile, the default form factor) on the pages a reader meets: the home page, the note
# page with the most formulas, a topic page and a share page, served with gzip like a real host.
#
#   bench/lighthouse.sh [--input DIR] [--site DIR] [--port 8787] [--report FILE]
#
# --input DIR  builds DIR (default: the repo's input/) into a scratch folder under /tmp with
#              --site-url http://127.0.0.1:PORT first; --site DIR uses an already built site instead.
# Needs Node 20 and Debian's Chromium (/usr/bin/chromium, or CHROME_PATH); installs lighthouse@12.2.3
# into bench/lighthouse/node_modules on first use.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE="$ROOT/bench/lighthouse"
INPUT="$ROOT/input"; SITE=""; PORT=8787; REPORT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --input) INPUT=$(cd "$2" && pwd); shift 2;;
    --site) SITE=$(cd "$2" && pwd); shift 2;;
    --port) PORT="$2"; shift 2;;
    --report) REPORT="$2"; shift 2;;
    *) echo "unknown argument $1" >&2; exit 64;;
  esac
done
CHROME=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME" ] || { echo "Chromium not found at $CHROME (apt-get install -y chromium, or set CHROME_PATH)" >&2; exit 2; }
[ -x "$HERE/node_modules/.bin/lighthouse" ] || (cd "$HERE" && npm install --no-audit --no-fund >/dev/null)

SCRATCH=$(mktemp -d /tmp/kb-lighthouse-XXXXXX)
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf -- "$SCRATCH"; }
trap cleanup EXIT
if [ -z "$SITE" ]; then
  SITE="$SCRATCH/site"
  dotnet run --project "$ROOT/Site.csproj" -c Release -- build --input "$INPUT" --output "$SITE" \
    --site-url "http://127.0.0.1:$PORT" --no-cache --quiet >"$SCRATCH/build.log" 2>&1 || { cat "$SCRATCH/build.log"; exit 2; }
fi
node "$HERE/serve.mjs" "$SITE" "$PORT" >"$SCRATCH/serve.log" 2>&1 & SERVER=$!
sleep 0.5

# Pages: home; the note page with the most rendered formulas; the first topic page; the first share page.
note=$(grep -c 'class="katex"' -r "$SITE" --include=index.html 2>/dev/null | grep -v '/s/\|/tags/\|/topics/' | sort -t: -k2 -n | tail -1 | cut -d: -f1)
topic=$(find "$SITE/topics" -mindepth 2 -name index.html 2>/dev/null | sort | awk 'NR==1')
share=$(find "$SITE/s" -name '*.html' 2>/dev/null | sort | awk 'NR==1')
pages=("$SITE/index.html" "$note" "$topic" "$share")
names=(home "note (most formulas)" topic share)

row() { node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = r.categories, a = r.audits;
  const pct = k => Math.round(c[k].score * 100);
  const kb = Math.round((a["total-byte-weight"].numericValue || 0) / 1024);
  const reqs = (a["network-requests"].details?.items || []).length;
  const dom = a["dom-size"].numericValue;
  process.stdout.write(`| ${process.argv[2]} | ${process.argv[3]} | ${pct("performance")} | ${pct("accessibility")} | ${pct("best-practices")} | ${pct("seo")} | ${kb} KB | ${reqs} | ${dom} |\n`);
  const failed = Object.values(a).filter(x => x.score !== null && x.score < 1 && x.scoreDisplayMode === "binary").map(x => x.id);
  if (failed.length) process.stderr.write(`  ${process.argv[2]}: failed audits: ${failed.join(", ")}\n`);
' "$1" "$2" "$3"; }

out="| page | path | performance | accessibility | best practices | SEO | transferred | requests | DOM elements |
|---|---|---|---|---|---|---|---|---|
"
for i in "${!pages[@]}"; do
  f=${pages[$i]}; [ -n "$f" ] && [ -f "$f" ] || { echo "no ${names[$i]} page in $SITE" >&2; continue; }
  rel=${f#"$SITE"}; rel=${rel%index.html}
  "$HERE/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$rel" --quiet --output=json --output-path="$SCRATCH/lh-$i.json" \
    --chrome-path="$CHROME" --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$SCRATCH/lh-$i.log" \
    || { echo "lighthouse failed on $rel:" >&2; tail -5 "$SCRATCH/lh-$i.log" >&2; continue; }
  out+=$(row "$SCRATCH/lh-$i.json" "${names[$i]}" "$rel")$'\n'
done
header="Lighthouse 12.2.3, mobile, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), site $(basename "$SITE"), gzip"
printf '%s\n\n%s' "$header" "$out"
[ -z "$REPORT" ] || printf '%s\n\n%s' "$header" "$out" >"$REPORT"
