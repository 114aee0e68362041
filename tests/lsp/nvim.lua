-- nvim.lua: Neovim's own LSP client (0.7's API: start_client,
-- buf_attach_client, buf_request_sync) driving plan-lsp on a copy of
-- examples/broken: open a file, wait for its diagnostics, ask hover,
-- definition and completion, fix the fault in the buffer and wait for it to
-- clear. What it
-- got is written to $PLAN_OUT, one line each, paths from the plan set.
--
-- Run: PLAN_LSP=... PLAN_DIR=... PLAN_OUT=... nvim --headless -u NONE -i NONE -n -c 'luafile nvim.lua'
local lsp_bin, root, out_path = vim.env.PLAN_LSP, vim.env.PLAN_DIR, vim.env.PLAN_OUT
local lines = {}
local function say(fmt, ...) table.insert(lines, string.format(fmt, ...)) end
local function rel(uri) return (vim.uri_to_fname(uri):gsub('^' .. vim.pesc(root) .. '/', '')) end

local function run()
  local published = {}
  local client_id = vim.lsp.start_client({
    cmd = { lsp_bin, '--stdio' },
    root_dir = root,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        published[rel(result.uri)] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'plan-lsp did not start')
  local file = 'planer/sn/sock/hemtjanst/arbetsplan-2026.yaml'
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  assert(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20),
    'no diagnostics arrived')
  local client = vim.lsp.get_client_by_id(client_id)
  local caps = client.server_capabilities
  say('server: definition %s, hover %s, completion %s', tostring(caps.definitionProvider),
    tostring(caps.hoverProvider), tostring(caps.completionProvider ~= nil))
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    say('diagnostic %d:%d %s [%s] %s', d.lnum + 1, d.col + 1,
      d.severity == vim.diagnostic.severity.ERROR and 'error' or 'warning',
      d.user_data and d.user_data.lsp and d.user_data.lsp.code or '?', d.message)
  end

  -- On HT-A2's link to SU-2026-2 (line 14), and on the id HT-A2 itself.
  local function at(line, col)
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
  end
  local def = vim.lsp.buf_request_sync(buf, 'textDocument/definition', at(13, 22), 10000)
  local loc = def and def[client_id] and def[client_id].result
  if loc and loc.uri then
    say('definition: %s:%d:%d', rel(loc.uri), loc.range.start.line + 1, loc.range.start.character + 1)
  else
    say('definition: none')
  end
  -- The answer came after every notification sent before it: the whole
  -- set's diagnostics are in.
  local files = vim.tbl_keys(published)
  table.sort(files)
  for _, f in ipairs(files) do say('published %s: %d', f, #published[f]) end
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', at(11, 9), 10000)
  local value = hover and hover[client_id] and hover[client_id].result and
    hover[client_id].result.contents.value or 'none'
  for l in (value .. '\n'):gmatch('(.-)\n') do say('hover| %s', l) end

  -- What may go in HT-A2's contributes_to: the level rules' choice.
  local comp = vim.lsp.buf_request_sync(buf, 'textDocument/completion', at(13, 21), 10000)
  local result = comp and comp[client_id] and comp[client_id].result
  local labels = {}
  for _, item in ipairs(result and (result.items or result) or {}) do
    table.insert(labels, item.label .. ' (' .. (item.labelDetails and item.labelDetails.description or '?') .. ')')
  end
  say('completion: %s', table.concat(labels, ', '))

  -- The fault fixed in the buffer, not saved: the diagnostic goes.
  vim.api.nvim_buf_set_lines(buf, 8, 9, true, { '    contributes_to: [SOCK-1]' })
  assert(vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == 8 then return false end
    end
    return true
  end, 20), 'the fixed fault stayed')
  say('after the fix: %d diagnostics in the buffer', #vim.diagnostic.get(buf))
  for _, d in ipairs(vim.diagnostic.get(buf)) do say('  %d:%d %s', d.lnum + 1, d.col + 1, d.message) end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, err = pcall(run)
if not ok then say('FAILED: %s', tostring(err)) end
vim.fn.writefile(lines, out_path)
vim.cmd(ok and 'qall!' or 'cquit 1')
