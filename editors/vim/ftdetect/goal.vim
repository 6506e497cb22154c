" editors/vim/ftdetect/goal.vim - *.goal files are goal tables (goalc).
autocmd BufNewFile,BufRead *.goal setfiletype goal
