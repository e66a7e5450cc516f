-- Headless Neovim 0.7+ driver for ChartCoder's end-to-end scenarios (server/test/e2e/nvim.test.ts).
-- The real Neovim LSP client talks to the bundled server; this script only replays a list of steps
-- and reports what the client saw as ONE line of JSON on stdout. Assertions live in the node:test file,
-- so this stays a dumb, reusable driver.
--   E2E_SCRIPT=/abs/steps.json nvim --headless -u NONE -i NONE -n -c 'luafile e2e/nvim-lsp.lua'
-- steps.json: { "cmd": ["node","dist/server.js","--stdio"], "file": "/abs/x.chart", "timeout_ms": 10000,
--   "steps": [ {"op":"diagnostics"},                       -- wait for the next publishDiagnostics
--              {"op":"request","method":"textDocument/hover","line":L,"character":C},
--              {"op":"request","method":"textDocument/completion","line":L,"character":C},
--              {"op":"request","method":"textDocument/documentSymbol"},
--              {"op":"codelens"},                          -- codeLens, resolving lenses without a command
--              {"op":"edit","line":L,"character":C,"end_line":L,"end_character":C,"text":"..."},
--              {"op":"code_action","line":L,"character":C,"title":"substring"}, -- request + apply (edit/command)
--              {"op":"text"} ] }                           -- the buffer text as the client has it
-- Positions are LSP positions (UTF-16). Each step's outcome is appended to "results" in order.
-- (nvim 0.7 has no `-l` and no vim.lsp.start(); vim.lsp.start_client() works on 0.7–0.10.)
local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('E2E_SCRIPT')), '\n'))
local timeout = spec.timeout_ms or 10000
local out = { results = {}, errors = {}, log = {}, messages = {} }
local diag_count = 0
local last_diags = nil

local function finish()
  io.stdout:write(vim.fn.json_encode(out) .. '\n'); io.stdout:flush()
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop(true) end
  vim.wait(500, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd((#out.errors == 0) and 'qall!' or 'cquit 1')
end

local ok, err = pcall(function()
  local file = vim.fn.fnamemodify(spec.file, ':p')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'chart'
  local uri = vim.uri_from_bufnr(bufnr)
  local client_id = vim.lsp.start_client({
    name = 'chartcoder', cmd = spec.cmd, root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = spec.settings or { chartcoder = { diagnostics = { delayMs = 0 } } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, res, ctx, cfg)
        vim.lsp.diagnostic.on_publish_diagnostics(e, res, ctx, cfg)
        if res and res.uri == uri then last_diags = res.diagnostics; diag_count = diag_count + 1 end
      end,
      ['window/logMessage'] = function(_, res) table.insert(out.log, res.message) end,
      -- Neovim's default handler for these opens a modal inputlist(), which blocks a headless client
      -- forever; record them (the tests assert on them) and answer "no action chosen".
      ['window/showMessage'] = function(_, res) table.insert(out.messages, res); return vim.NIL end,
      ['window/showMessageRequest'] = function(_, res) table.insert(out.messages, res); return vim.NIL end,
    },
    on_exit = function(code, signal) out.server_exit = { code = code, signal = signal } end,
  })
  if not client_id then error('start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client
  if not vim.wait(timeout, function()
        client = vim.lsp.get_client_by_id(client_id); return client ~= nil and client.initialized end, 20) then
    error('initialize timed out')
  end
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  out.capabilities = vim.tbl_keys(caps)
  local seen = 0
  local function request(method, params)
    local r, e = client.request_sync(method, params, timeout, bufnr)
    if not r then error(method .. ': ' .. tostring(e)) end
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end
  local function pos(s) return { line = s.line, character = s.character } end
  for i, s in ipairs(spec.steps) do
    local res
    if s.op == 'diagnostics' then
      if not vim.wait(timeout, function() return diag_count > seen end, 10) then error('step ' .. i .. ': no diagnostics published') end
      seen = diag_count; res = last_diags
    elseif s.op == 'request' then
      local params = { textDocument = { uri = uri } }
      if s.line then params.position = pos(s) end
      if s.context then params.context = s.context end
      res = request(s.method, params)
      if res == nil then res = vim.NIL end
    elseif s.op == 'codelens' then
      local lenses = request('textDocument/codeLens', { textDocument = { uri = uri } }) or {}
      for j, l in ipairs(lenses) do
        if not l.command and caps.codeLensProvider and caps.codeLensProvider.resolveProvider then
          lenses[j] = request('codeLens/resolve', l)
        end
      end
      res = lenses
    elseif s.op == 'edit' then
      -- applied through the client's own text-edit machinery, which sends didChange like typing would
      vim.lsp.util.apply_text_edits({ { range = { start = pos(s), ['end'] = { line = s.end_line or s.line,
        character = s.end_character or s.character } }, newText = s.text } }, bufnr, 'utf-16')
      res = true
    elseif s.op == 'code_action' then
      local diags = vim.tbl_filter(function(d) return d.range.start.line <= s.line and d.range['end'].line >= s.line end, last_diags or {})
      local actions = request('textDocument/codeAction', { textDocument = { uri = uri },
        range = { start = pos(s), ['end'] = pos(s) }, context = { diagnostics = diags } }) or {}
      local titles, chosen = {}, nil
      for _, a in ipairs(actions) do
        table.insert(titles, a.title)
        if not chosen and s.title and string.find(a.title, s.title, 1, true) then chosen = a end
      end
      if chosen then
        if not chosen.edit and not chosen.command and caps.codeActionProvider and type(caps.codeActionProvider) == 'table'
            and caps.codeActionProvider.resolveProvider then
          chosen = request('codeAction/resolve', chosen)
        end
        if chosen.edit then vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16') end
        local command = type(chosen.command) == 'table' and chosen.command or nil
        if command then request('workspace/executeCommand', { command = command.command, arguments = command.arguments }) end
      end
      res = { titles = titles, applied = chosen and chosen.title or vim.NIL }
    elseif s.op == 'text' then
      res = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    else
      error('unknown op ' .. tostring(s.op))
    end
    table.insert(out.results, res)
  end
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
