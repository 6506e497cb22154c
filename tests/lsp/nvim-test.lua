-- nvim-test.lua - Neovim headless, set up with editors/vim/lsp.lua only
-- (tests/run-lsp.sh sources it, with build/ first on $PATH), drives goalc lsp
-- through its built-in client: diagnostics of a file with an error, completion
-- of a level-2 category and of a unit, hover on a unit, formatting, going
-- to a project's department and to the project an indicator's 项目 names.  Writes one line per check to $NVIM_TEST_LOG
-- and exits 1 (:cquit) on a failure.
local log = assert(io.open(os.getenv('NVIM_TEST_LOG'), 'w'))
local work = os.getenv('NVIM_TEST_DIR')
local failures = 0

local function check(cond, what)
  log:write((cond and 'ok   ' or 'FAIL ') .. what .. '\n')
  log:flush()
  if not cond then
    failures = failures + 1
  end
end

local function finish()
  log:write(string.format('nvim: %d failure(s)\n', failures))
  log:close()
  if failures > 0 then
    vim.cmd('cquit 1')
  end
  vim.cmd('qall!')
end

local function client_of(buf)
  local ok = vim.wait(10000, function()
    return #vim.lsp.buf_get_clients(buf) > 0 and vim.lsp.buf_get_clients(buf)[1].initialized
  end, 20)
  return ok
end

-- Places the cursor on the nth (default 1st) match of a literal pattern; moves `delta` characters on.
local function cursor_at(pattern, delta, nth)
  vim.fn.cursor(1, 1)
  local flags = 'cW'
  for _ = 1, (nth or 1) do
    vim.fn.search('\\V' .. pattern, flags)
    flags = 'W'
  end
  if delta and delta > 0 then
    vim.cmd('normal! ' .. delta .. 'l')
  end
end

local function request(buf, method, params)
  local r = vim.lsp.buf_request_sync(buf, method, params, 10000)
  for _, v in pairs(r or {}) do
    if v.result ~= nil then
      return v.result
    end
  end
  return nil
end

local ok, err = pcall(function()
  -- Diagnostics of a file with an error.
  vim.cmd('edit ' .. work .. '/broken.goal')
  local broken = vim.api.nvim_get_current_buf()
  check(vim.bo.filetype == 'goal', 'filetype goal from lsp.lua')
  check(client_of(broken), 'goalc lsp attached')
  local got = vim.wait(10000, function()
    return #vim.diagnostic.get(broken) > 0
  end, 20)
  local d = vim.diagnostic.get(broken)[1]
  check(got and d.code == 'E0130' and d.lnum == 2, 'E0130 under line 3')
  check(d and d.message:find('did you mean', 1, true) ~= nil, 'with its suggestion')

  -- The sample.
  vim.cmd('edit ' .. work .. '/sample.goal')
  local buf = vim.api.nvim_get_current_buf()
  check(client_of(buf), 'attached to the sample')

  -- A level-2 category: a new line in 产出指标, then completion there.
  cursor_at('数量指标')
  vim.cmd('normal! O')
  local row = vim.api.nvim_win_get_cursor(0)[1]
  vim.api.nvim_buf_set_lines(buf, row - 1, row, false, { '            质' })
  vim.api.nvim_win_set_cursor(0, { row, #'            质' })
  local items = request(buf, 'textDocument/completion', vim.lsp.util.make_position_params())
  items = items and (items.items or items) or {}
  local labels = {}
  for _, i in ipairs(items) do
    labels[i.label] = true
  end
  check(labels['质量指标'] and labels['时效指标'] and not labels['社会效益指标'],
    'completes a level-2 category of 产出指标')
  vim.api.nvim_buf_set_lines(buf, row - 1, row, false, {})

  -- A unit after a number.
  cursor_at('200 ', 4)
  items = request(buf, 'textDocument/completion', vim.lsp.util.make_position_params())
  items = items and (items.items or items) or {}
  local unit
  for _, i in ipairs(items) do
    if i.label == '人次' then
      unit = i
    end
  end
  check(unit ~= nil and unit.kind == 11 and unit.detail ~= nil, 'completes a unit, with its dimension')

  -- Hover on a unit.
  cursor_at('万人', 1)
  local h = request(buf, 'textDocument/hover', vim.lsp.util.make_position_params())
  local text = h and h.contents and (h.contents.value or h.contents) or ''
  check(type(text) == 'string' and text:find('1 万人 = 10000 人', 1, true) ~= nil, 'hover on 万人: ' .. tostring(text):gsub('\n', ' '))

  -- Formatting: the buffer becomes what goalc fmt writes.
  vim.lsp.buf.formatting_sync(nil, 10000)
  local want = vim.fn.systemlist({ 'goalc', 'fmt', work .. '/sample.goal' })
  local have = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(vim.deep_equal(want, have), 'formatting gives goalc fmt\'s text')

  -- Go to the department a project names.
  cursor_at('部门 "示例卫生健康局"', 5, 2)
  local from = vim.api.nvim_win_get_cursor(0)[1]
  vim.lsp.buf.definition()
  local jumped = vim.wait(10000, function()
    return vim.api.nvim_win_get_cursor(0)[1] ~= from
  end, 20)
  local line = vim.api.nvim_get_current_line()
  check(jumped and line:find('^部门 "示例卫生健康局" {') ~= nil, 'definition jumps to the department: ' .. line)

  -- Go to the project an indicator's 项目 names.
  cursor_at('项目 "示例项目"', 5)
  from = vim.api.nvim_win_get_cursor(0)[1]
  vim.lsp.buf.definition()
  jumped = vim.wait(10000, function()
    return vim.api.nvim_win_get_cursor(0)[1] ~= from
  end, 20)
  line = vim.api.nvim_get_current_line()
  check(jumped and line:find('^项目 "示例项目" {') ~= nil, 'definition jumps to the project: ' .. line)
end)
check(ok, 'no Lua error: ' .. tostring(err))
finish()
