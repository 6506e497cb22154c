# mk/dist.mk - goalc as one file for each desktop (docs/dist.md).
#
#   make dist        dist/goalc-VERSION-linux-x86_64        (static, gcc)
#                    dist/goalc-VERSION-linux-arm64         (static, aarch64-linux-gnu-gcc)
#                    dist/goalc-VERSION-windows-x86_64.exe  (static, mingw-w64)
#                    dist/goalc-VERSION-web.html            (the web page, make web)
#                    dist/SHA256SUMS
#   make check-dist  every example and tests/golden input compiled by each
#                    binary (ARM64 under qemu-aarch64, Windows under wine)
#                    against the native build, byte for byte
#                    (tests/run-dist.sh)
#
# Each binary is the ordinary build in a tree of its own
# (build/dist/TARGET), with another compiler, the platform layer of its OS
# family, and the libraries built as static archives from Debian's sources
# by scripts/third-party.sh.  The version is the VERSION file's.

.PHONY: dist check-dist dist-deps

GOALC_RELEASE := $(shell cat VERSION 2>/dev/null)
DIST ?= dist
DIST_LIBS := -lxlsxwriter -lzip -lexpat -lsqlite3 -lutf8proc -lcjson -lz
DIST_TARGETS := linux-x86_64 linux-arm64 windows-x86_64

dist_cc_linux-x86_64 := gcc
dist_cc_linux-arm64 := aarch64-linux-gnu-gcc
dist_cc_windows-x86_64 := x86_64-w64-mingw32-gcc
dist_ar_linux-x86_64 := ar
dist_ar_linux-arm64 := aarch64-linux-gnu-ar
dist_ar_windows-x86_64 := x86_64-w64-mingw32-ar
dist_platform_linux-x86_64 := posix
dist_platform_linux-arm64 := posix
dist_platform_windows-x86_64 := windows
dist_exe_windows-x86_64 := .exe
# Windows: printf formats as glibc's (%zu, %g…), the Win32 API of Windows 7 on.
dist_cflags_windows-x86_64 := -D__USE_MINGW_ANSI_STDIO=1 -D_WIN32_WINNT=0x0601
dist_libs_linux-x86_64 := -lm -lpthread
dist_libs_linux-arm64 := -lm -lpthread
dist_libs_windows-x86_64 := -lshell32

DIST_FILES := $(foreach t,$(DIST_TARGETS),$(DIST)/goalc-$(GOALC_RELEASE)-$(t)$(dist_exe_$(t)))
# The fourth: goalc for any desktop with a browser, one HTML file (mk/web.mk).
DIST_PAGE := $(DIST)/goalc-$(GOALC_RELEASE)-web.html

dist: $(DIST)/SHA256SUMS

dist-deps:
	@sh scripts/install-deps.sh dist

# No build path in a binary (assert texts, __FILE__): the checkout's own
# prefix is mapped away, as scripts/third-party.sh maps the libraries'.
DIST_PREFIX_MAP := -ffile-prefix-map=$(CURDIR)/=

# One rule per target: its libraries, then goalc in its own tree, static.
# The tree's .flags holds the flags it was compiled with: other flags
# compile it again (make tracks files, not flags).
define dist_rule
dist_all_cflags_$(1) := -O2 -DGOALC_VERSION='"$(GOALC_RELEASE)"' -DUTF8PROC_STATIC -DXML_STATIC \
    $(DIST_PREFIX_MAP) $(dist_cflags_$(1)) -Ibuild/third-party/$(1)/include
$(DIST)/goalc-$(GOALC_RELEASE)-$(1)$(dist_exe_$(1)): dist-deps FORCE
	@sh scripts/third-party.sh $(1) >/dev/null
	@rm -f build/dist/$(1)/goalc$(dist_exe_$(1)) # relinked: the libraries may be new
	@flags='$$(subst ','\'',$$(dist_all_cflags_$(1)))'; \
	    if [ "$$$$(cat build/dist/$(1)/.flags 2>/dev/null)" != "$$$$flags" ]; then \
	        rm -rf build/dist/$(1) && mkdir -p build/dist/$(1) && printf '%s\n' "$$$$flags" >build/dist/$(1)/.flags; \
	    fi
	@$(MAKE) --no-print-directory BUILD=build/dist/$(1) CC=$(dist_cc_$(1)) AR=$(dist_ar_$(1)) \
	    PLATFORM=$(dist_platform_$(1)) \
	    CFLAGS='$$(subst ','\'',$$(dist_all_cflags_$(1)))' \
	    LDFLAGS="-static -s -Lbuild/third-party/$(1)/lib" \
	    LDLIBS="$(DIST_LIBS) $(dist_libs_$(1))" build/dist/$(1)/goalc
	@mkdir -p $(DIST)
	cp build/dist/$(1)/goalc$(dist_exe_$(1)) $$@
endef
$(foreach t,$(DIST_TARGETS),$(eval $(call dist_rule,$(t))))

$(DIST_PAGE): $(BUILD)/web/index.html
	@mkdir -p $(DIST)
	cp $< $@

$(DIST)/SHA256SUMS: $(DIST_FILES) $(DIST_PAGE)
	cd $(DIST) && sha256sum $(notdir $(DIST_FILES) $(DIST_PAGE)) >SHA256SUMS
	@ls -l $(DIST_FILES) $(DIST_PAGE)

check-dist: dist $(GOALC)
	@cd $(DIST) && sha256sum --quiet -c SHA256SUMS && echo "dist: SHA256SUMS verified"
	@sh tests/run-dist.sh $(GOALC) $(DIST_FILES) $(DIST_PAGE)

.PHONY: FORCE
FORCE:

clean: clean-dist
.PHONY: clean-dist
clean-dist:
	rm -rf $(DIST)
