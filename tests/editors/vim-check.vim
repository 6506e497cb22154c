" vim-check.vim - editors/vim in (Neo)vim, headless: run by tests/run-editors.sh as
"   nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/vim' \
"        --cmd 'let g:expect = "E.tsv" | let g:result = "R.txt"' -S tests/editors/vim-check.vim
" For each file of E.tsv (tests/editors/expect.py's spans) it opens the file
" as a user would (filetype plugin and syntax on, nothing else), checks the
" filetype, the syntax and the ftplugin's settings, and that every span has
" its highlight group at its first and last character: keyword Keyword,
" string String, comment Comment, number Number (or Constant, a date's),
" pasted Error; and a word with digits in it none of Number, Constant,
" String, Special (a unit's).
" Writes one line per failure, then "checked N", to R.txt; quits.
filetype plugin on
syntax on

let s:want = {'keyword': ['Keyword'], 'string': ['String'], 'comment': ['Comment'],
      \ 'number': ['Number', 'Constant'], 'pasted': ['Error']}
" what a kind must not be: a bare word with digits (指标2) no number, no string
let s:never = {'word': ['Number', 'Constant', 'String', 'Special']}
let s:out = []
let s:checked = 0
let s:spans = {}
for s:row in readfile(g:expect)
  let s:f = split(s:row, "\t", 1)
  if !has_key(s:spans, s:f[0])
    let s:spans[s:f[0]] = []
  endif
  call add(s:spans[s:f[0]], s:f)
endfor

" The item's group and the group it links to (goalKeyword, Keyword): the
" colour scheme links Keyword on to Statement, which says nothing of ours.
function! s:group(line, col) abort
  let l:name = synIDattr(synID(a:line, a:col, 0), 'name')
  let l:link = matchstr(execute('highlight ' . (l:name ==# '' ? 'Normal' : l:name)), 'links to \zs\w\+')
  return l:link ==# '' ? l:name : l:link
endfunction

for [s:file, s:rows] in items(s:spans)
  execute 'edit ' . fnameescape(s:file)
  if &filetype !=# 'goal'
    call add(s:out, s:file . ': filetype is "' . &filetype . '", not goal')
  endif
  if get(b:, 'current_syntax', '') !=# 'goal'
    call add(s:out, s:file . ': syntax goal not loaded')
  endif
  if &commentstring !=# '# %s' || &formatprg !~# '^goalc fmt'
    call add(s:out, s:file . ': ftplugin not loaded (commentstring "' . &commentstring
          \ . '", formatprg "' . &formatprg . '")')
  endif
  for s:r in s:rows
    let [s:kind, s:line, s:start, s:end] = [s:r[1], str2nr(s:r[2]), str2nr(s:r[3]), str2nr(s:r[4])]
    " the last character's first byte
    let s:text = getline(s:line)
    let s:last = s:start + byteidx(s:text[s:start - 1 : s:end - 2], strchars(s:text[s:start - 1 : s:end - 2]) - 1)
    for s:col in [s:start, s:last]
      let s:g = s:group(s:line, s:col)
      let s:checked += 1
      if has_key(s:never, s:kind) ? index(s:never[s:kind], s:g) >= 0 : index(s:want[s:kind], s:g) < 0
        call add(s:out, printf('%s:%d:%d: %s "%s" is highlighted "%s"', s:file, s:line, s:col,
              \ s:kind, s:r[7], s:g))
        break
      endif
    endfor
  endfor
  bwipeout!
endfor
call add(s:out, 'checked ' . s:checked)
call writefile(s:out, g:result)
qall!
