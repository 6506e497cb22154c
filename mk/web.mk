# mk/web.mk - goalc in the browser (docs/web.md).
#
#   make web            the page: $(BUILD)/web/index.html, one file that works
#                       from file:// or any static server, offline.  libgoalc
#                       and compiler/web/ compiled to WebAssembly by emcc
#                       (emscripten) against the libraries of
#                       scripts/third-party.sh wasm; the editor (CodeMirror)
#                       bundled by esbuild from web/package-lock.json (npm ci)
#   make check-browser  also runs tests/browser/run-web.sh: the page in
#                       headless Chromium (puppeteer-core, the system
#                       chromium), screenshots in $(BUILD)/browser-web/
#   make bench          also times the page compiling a 100 KB table
#                       (bench/web.mjs)
#
# Work files: $(BUILD)/wasm (objects, goalc.js, goalc.wasm) and
# $(BUILD)/web-node (node_modules, the page's sources and generated parts).

.PHONY: web web-deps check-browser-web bench-web

WASM := $(BUILD)/wasm
WEB_NODE := $(BUILD)/web-node
WEB_OUT := $(BUILD)/web
WASM_TP := $(BUILD)/third-party/wasm
WEB_STAMP := $(BUILD)/.web-deps-ok
# The libraries' headers are -isystem: libzip's uses clang's nullability extension.
# Debian's emscripten runs its JavaScript optimizer (acorn) with whatever
# node is first on PATH; Debian keeps acorn in /usr/share/nodejs.
EMCC := NODE_PATH=/usr/share/nodejs$${NODE_PATH:+:$$NODE_PATH} emcc
# -ffile-prefix-map: no build path in the page (mk/dist.mk, scripts/third-party.sh).
EMCC_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -O2 -ffile-prefix-map=$(CURDIR)/= -MMD -MP -Icompiler -I$(BUILD) \
               -isystem $(WASM_TP)/include
# libgoalc without the language server (goalc lsp is the command's, not the page's).
WASM_OBJS := $(patsubst compiler/%.c,$(WASM)/%.o,$(filter-out compiler/lsp/%,$(CORE_SRCS))) $(WASM)/web/web_api.o $(WASM)/lexer.o \
             $(WASM)/parser.o $(WASM)/stdlib_files.o
WASM_LIBS := $(addprefix $(WASM_TP)/lib/,libxlsxwriter.a libzip.a libexpat.a libsqlite3.a \
             libutf8proc.a libz.a)
WEB_EXPORTS := _web_compile,_web_diagnostics,_web_diagnostics_length,_web_output,_web_output_length,_malloc,_free
WEB_SRCS := $(wildcard web/src/*.js) web/index.html web/build.mjs

web-deps: $(WEB_STAMP)
$(WEB_STAMP): scripts/install-deps.sh
	@mkdir -p $(BUILD)
	@sh scripts/install-deps.sh web
	@touch $@

# The script does nothing when its libraries are there (its own .done).
$(WASM_TP)/.done: | $(WEB_STAMP)
	sh scripts/third-party.sh wasm

$(WASM)/%.o: compiler/%.c $(BUILD)/parser.h $(BUILD)/lexer.h | $(WASM_TP)/.done $(WEB_STAMP)
	@mkdir -p $(dir $@)
	$(EMCC) $(EMCC_CFLAGS) $(WARN) -c -o $@ $<
$(WASM)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h | $(WEB_STAMP)
	@mkdir -p $(WASM)
	$(EMCC) $(EMCC_CFLAGS) -Wno-unused-function -c -o $@ $<
$(WASM)/parser.o: $(BUILD)/parser.c $(BUILD)/parser.h $(BUILD)/lexer.h | $(WEB_STAMP)
	@mkdir -p $(WASM)
	$(EMCC) $(EMCC_CFLAGS) -c -o $@ $<
$(WASM)/stdlib_files.o: $(BUILD)/stdlib_files.c | $(WEB_STAMP)
	@mkdir -p $(WASM)
	$(EMCC) $(EMCC_CFLAGS) -c -o $@ $<

# goalc.js (the runtime, a factory createGoalc) and goalc.wasm, which the
# page carries inside itself (file:// cannot fetch it).
$(WASM)/goalc.js $(WASM)/goalc.wasm &: $(WASM_OBJS) | $(WASM_TP)/.done
	$(EMCC) -O2 -o $(WASM)/goalc.js $(WASM_OBJS) $(WASM_LIBS) \
	    -sMODULARIZE=1 -sEXPORT_NAME=createGoalc -sENVIRONMENT=web,node \
	    -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sFILESYSTEM=1 \
	    -sEXPORTED_FUNCTIONS=$(WEB_EXPORTS) -sEXPORTED_RUNTIME_METHODS=FS,UTF8ToString

$(WEB_NODE)/.npm-ok: web/package.json web/package-lock.json | $(WEB_STAMP)
	@mkdir -p $(WEB_NODE)
	cp web/package.json web/package-lock.json $(WEB_NODE)/
	cd $(WEB_NODE) && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# The page: web/ and its generated parts (the keywords, the examples, the
# WebAssembly) bundled into one HTML file.
$(WEB_OUT)/index.html: $(WEB_SRCS) $(WASM)/goalc.js $(WASM)/goalc.wasm $(WEB_NODE)/.npm-ok \
                       compiler/model/keyword.def $(EXAMPLES) scripts/gen-web-keywords.sh
	@mkdir -p $(WEB_NODE)/src $(WEB_OUT)
	cp web/src/*.js web/index.html web/build.mjs $(WEB_NODE)/
	sh scripts/gen-web-keywords.sh compiler/model/keyword.def >$(WEB_NODE)/keywords.js
	cd $(WEB_NODE) && node build.mjs $(abspath $(WASM)) $(abspath $(WEB_OUT)/index.html) \
	    $(abspath $(EXAMPLES))
	@ls -l $@

web: $(WEB_OUT)/index.html

check-browser: check-browser-web
check-browser-web: $(WEB_OUT)/index.html $(GOALC)
	@sh tests/browser/run-web.sh $(GOALC) $(WEB_OUT)/index.html $(BUILD)/browser-web

bench: bench-web
bench-web: $(WEB_OUT)/index.html
	@sh scripts/install-deps.sh browser
	@cd $(WEB_NODE) && node $(abspath bench/web.mjs) $(abspath $(WEB_OUT)/index.html) \
	    $(abspath $(BUILD)/bench-web)

-include $(wildcard $(WASM)/*.d $(WASM)/*/*.d)
