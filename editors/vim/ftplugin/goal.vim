" Vim filetype plugin
" Language:    goal (budget performance goal tables, goalc)
"
" Comments are #; gq formats through `goalc fmt -` (the whole file is the
" unit fmt understands: use gggqG); :make runs `goalc check` on the file
" and reads its GNU-style messages into the quickfix list.

if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal iskeyword=@,48-57,_,192-255
setlocal expandtab shiftwidth=4 softtabstop=4
setlocal foldmethod=syntax foldlevel=99
setlocal suffixesadd=.goal
setlocal formatprg=goalc\ fmt\ -
setlocal makeprg=goalc\ check\ %:S
setlocal errorformat=%f:%l:%c:\ %trror[%.%#]:\ %m,%f:%l:%c:\ %tarning[%.%#]:\ %m,%f:%l:%c:\ %tote:\ %m,%-G%.%#

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< iskeyword< expandtab< "
      \ . "shiftwidth< softtabstop< foldmethod< foldlevel< suffixesadd< formatprg< makeprg< errorformat<"
