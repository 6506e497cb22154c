-- editors/vim/lsp.lua - Neovim (0.7 and later): goalc's language server for .goal files.
--
-- Put this file in ~/.config/nvim/plugin/ (or `:luafile` it from your
-- init.lua).  It needs `goalc` on $PATH; set vim.g.goalc_command to run
-- another one, vim.g.goalc_lsp_args for its options ({'--lang', 'zh'}).
-- Every buffer of filetype goal is attached to one server per project
-- root (the directory with .git, else the file's own).  docs/lsp.md.

-- .goal is filetype goal (editors/vim/ftdetect says so too; 0.7's filetype.lua is opt-in).
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.goal',
  command = 'setfiletype goal',
})

local clients = {} -- root directory -> client id

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return dir
end

local function attach(buf)
  local root = root_of(vim.api.nvim_buf_get_name(buf))
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    local cmd = { vim.g.goalc_command or 'goalc', 'lsp' }
    for _, a in ipairs(vim.g.goalc_lsp_args or {}) do
      table.insert(cmd, a)
    end
    id = vim.lsp.start_client({
      name = 'goalc',
      cmd = cmd,
      root_dir = root,
      on_attach = function(_, b)
        vim.api.nvim_buf_set_option(b, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
        local opts = { buffer = b }
        vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
        vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
        vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
        vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
        vim.keymap.set('n', '<leader>f', function()
          vim.lsp.buf.formatting_sync(nil, 2000)
        end, opts)
      end,
    })
    clients[root] = id
  end
  if id ~= nil then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'goal',
  callback = function(args)
    attach(args.buf)
  end,
})
