#!/usr/bin/env bash
# Called by .ci/run before `npm test`. Installs what the end-to-end tests need and NEVER fails CI:
# anything that cannot be installed (no root, apt/npm unreachable) is reported in one line, and the
# e2e tests then skip with their own one-line message.
#   - neovim (apt)                          -> server/test/e2e/nvim.test.ts      (~17 s fresh, 0 s when present)
#   - chromium, libkrb5-dev, Node 24, code-server, puppeteer-core (cached in $CHARTCODER_E2E_HOME)
#                                           -> server/test/e2e/vscode-ui.test.ts (~3.5 min fresh, ~1 s cached)
# The code-server pieces go to $CHARTCODER_E2E_HOME (default ~/.cache/chartcoder-e2e), which the UI test
# reads too; a warm cache makes this step ~1 s. CHARTCODER_E2E_UI=0 skips the code-server part.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
t0=$SECONDS
say() { echo "[e2e ci-setup] $*"; }
apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then say "cannot apt-get install $* (not root or no apt)"; return 1; fi
  local opts=(-o Acquire::Retries=3 -o Acquire::http::Timeout=30)
  if [ -z "$apt_updated" ]; then timeout 300 apt-get "${opts[@]}" update -qq >/dev/null 2>&1 && apt_updated=1 || { say "apt-get update failed"; return 1; }; fi
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get "${opts[@]}" install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { say "apt-get install $* failed"; return 1; }
}

if command -v nvim >/dev/null 2>&1; then say "neovim present: $(nvim --version | head -1)"
else
  s=$SECONDS
  apt_install neovim && say "neovim installed in $((SECONDS - s)) s: $(nvim --version | head -1)" || say "neovim unavailable: Neovim e2e scenarios will skip"
fi

if [ "${CHARTCODER_E2E_UI:-1}" != 0 ]; then
  s=$SECONDS
  home=${CHARTCODER_E2E_HOME:-$HOME/.cache/chartcoder-e2e}
  if timeout 900 bash "$HERE/setup-code-server.sh"; then say "code-server UI install ready in $((SECONDS - s)) s in $home: npm test runs the VS Code UI test"
  else say "code-server UI install unavailable (exit $?) after $((SECONDS - s)) s in $home: the VS Code UI test will skip"; fi
else say "CHARTCODER_E2E_UI=0: no code-server install, the VS Code UI test will skip"
fi
say "done in $((SECONDS - t0)) s"
exit 0
