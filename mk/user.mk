# mk/user.mk - user space: the initramfs (Debian busybox-static + the
# conformance suite) and the Linux reference runs.
# Included by the top-level Makefile, which defines BUILD; standalone:
#   make -f mk/user.mk BUILD=build initramfs
#
# Targets:
#   $(BUILD)/initramfs.cpio   newc archive: busybox, /init, /etc, /test
#   initramfs                 the same, by name
#   conformance               the test binaries only ($(CONF_OUT))
#   linux-kernel              Debian's cloud kernel, unpacked under $(BUILD)/linux
#   test-linux                the conformance suite booted on that kernel in QEMU
#   shell-test-linux          the interactive shell checks on that kernel
#   test-conformance          the conformance suite on $(KERNEL) (Trellis), when KERNEL is set
#   shell-test                the interactive shell checks on $(KERNEL), when KERNEL is set
#   conformance-host          the suite run directly on the build host (no VM; the
#                             tty cases need the console free, so expect them to fail)
# Variables: BUILD, MUSL_CC, CONF_CFLAGS, TEST_TIMEOUT (seconds for one QEMU run),
# LINUX_APPEND (extra kernel arguments for the Linux runs), TRELLIS_APPEND.

BUILD ?= build
MUSL_CC ?= musl-gcc
CONF_CFLAGS ?= -static -O2 -g -std=gnu11 -Wall -Werror
CONF_SRC := test/conformance
CONF_OUT := $(BUILD)/user/test
CONF_SUBSYS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard $(CONF_SRC)/*/*.c)))))
CONF_BINS := $(CONF_SUBSYS:%=$(CONF_OUT)/bin/%) $(CONF_OUT)/helper $(CONF_OUT)/run-tests
BUSYBOX_BIN := $(BUILD)/busybox/busybox
TEST_TIMEOUT ?= 900
LINUX_APPEND ?= quiet panic=-1
TRELLIS_APPEND ?=

.PHONY: initramfs conformance linux-kernel test-linux shell-test-linux conformance-host

initramfs: $(BUILD)/initramfs.cpio
conformance: $(CONF_BINS)

# One binary per subsystem: its .c files plus the harness.
define conf_subsys
$(CONF_OUT)/bin/$(1): $(wildcard $(CONF_SRC)/$(1)/*.c) $(wildcard $(CONF_SRC)/$(1)/*.h) \
		$(CONF_SRC)/harness.c $(CONF_SRC)/harness.h mk/user.mk
	@mkdir -p $$(dir $$@)
	@echo "  MUSL    $$@"
	@$(MUSL_CC) $(CONF_CFLAGS) -I$(CONF_SRC) -o $$@ $(CONF_SRC)/harness.c $(wildcard $(CONF_SRC)/$(1)/*.c)
endef
$(foreach s,$(CONF_SUBSYS),$(eval $(call conf_subsys,$(s))))

$(CONF_OUT)/helper $(CONF_OUT)/run-tests: $(CONF_OUT)/%: $(CONF_SRC)/%.c mk/user.mk
	@mkdir -p $(dir $@)
	@echo "  MUSL    $@"
	@$(MUSL_CC) $(CONF_CFLAGS) -o $@ $<

# Debian's busybox-static, from its .deb (downloaded once, cached in $(BUILD)).
$(BUSYBOX_BIN): scripts/busybox-static.sh
	@mkdir -p $(dir $@)
	@echo "  FETCH   busybox-static"
	@scripts/busybox-static.sh $(BUILD)/busybox $@

$(BUILD)/initramfs.cpio: $(BUSYBOX_BIN) $(CONF_BINS) user/mkinitramfs.sh \
		$(shell find user/rootfs -type f 2>/dev/null)
	@echo "  CPIO    $@"
	@user/mkinitramfs.sh $@ $(BUILD)/user/rootfs $(BUSYBOX_BIN) $(CONF_OUT)

linux-kernel:
	@scripts/linux-kernel.sh $(BUILD)/linux

# The suite on Debian's Linux: every case must pass there.
test-linux: $(BUILD)/initramfs.cpio
	@k=$$(scripts/linux-kernel.sh $(BUILD)/linux) && \
	CONF_LOG=$(BUILD)/conformance-linux.log TIMEOUT=$(TEST_TIMEOUT) \
		test/run-conformance.sh $$k $(BUILD)/initramfs.cpio $(LINUX_APPEND)

shell-test-linux: $(BUILD)/initramfs.cpio
	@k=$$(scripts/linux-kernel.sh $(BUILD)/linux) && \
	SHELL_LOG=$(BUILD)/shell-test-linux.log test/shell-test.exp $$k $(BUILD)/initramfs.cpio $(LINUX_APPEND)

# The same on Trellis (the top-level Makefile defines KERNEL and builds it).
ifdef KERNEL
.PHONY: test-conformance shell-test
test-conformance: $(KERNEL) $(BUILD)/initramfs.cpio
	@CONF_LOG=$(BUILD)/conformance.log TIMEOUT=$(TEST_TIMEOUT) \
		test/run-conformance.sh $(KERNEL) $(BUILD)/initramfs.cpio $(TRELLIS_APPEND)

shell-test: $(KERNEL) $(BUILD)/initramfs.cpio
	@SHELL_LOG=$(BUILD)/shell-test.log test/shell-test.exp $(KERNEL) $(BUILD)/initramfs.cpio $(TRELLIS_APPEND)
endif

conformance-host: $(CONF_BINS)
	@$(CONF_OUT)/run-tests -d $(CONF_OUT)/bin
