# Trellis — build, run and test. See README.md; `make help` lists the targets.

BUILD    := build
CLANG    := clang-19
LD       := ld.lld-19
NM       := llvm-nm-19
OBJDUMP  := llvm-objdump-19
ADDR2LINE := llvm-addr2line-19
QEMU     := qemu-system-x86_64

KERNEL   := $(BUILD)/trellis.elf
# The same kernel plus the ktest runner and every test: make ktest boots it.
TEST_KERNEL := $(BUILD)/trellis-test.elf

# ---- flags ---------------------------------------------------------------

COMMON_CFLAGS := --target=x86_64-unknown-none-elf -std=gnu11 -ffreestanding -fno-builtin -nostdinc \
	-Iframe/include -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-pic -fno-pie \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-common -fno-asynchronous-unwind-tables \
	-fsanitize=kcfi -g -O2 -Wall -Wextra -Werror -Wvla -Wno-unused-parameter -Wframe-larger-than=2048

# The framework: trusted C, with its private headers.
FRAME_CFLAGS := $(COMMON_CFLAGS) -Iframe

# The services: the hardened build of DESIGN.md §1 rule 12.
SERVICE_CFLAGS := $(COMMON_CFLAGS) -Ikernel \
	-fsanitize=bounds,signed-integer-overflow,shift,integer-divide-by-zero,bool,unreachable \
	-fsanitize-trap=all -fstrict-flex-arrays=3 -ftrivial-auto-var-init=zero \
	-fstack-protector-strong -mstack-protector-guard=global \
	-Werror=incompatible-pointer-types -Werror=int-conversion -Werror=uninitialized

ASFLAGS := --target=x86_64-unknown-none-elf -Iframe -g
LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack --no-pie

# ---- sources (found by walking the tree) ---------------------------------

# Test code (the ktest runner and its helpers in frame/ktest/, every
# *_test.c and *_testlib.c) goes into the test image only; the production
# image links frame/boot/no_tests.c in its place.
ALL_FRAME_C := $(shell find frame -name '*.c' | sort)
FRAME_TEST_C := $(filter frame/ktest/% %_test.c %_testlib.c,$(ALL_FRAME_C))
FRAME_C   := $(filter-out $(FRAME_TEST_C),$(ALL_FRAME_C))
FRAME_S   := $(filter-out frame/console/ksyms_empty.S,$(shell find frame -name '*.S' | sort))
ALL_KERNEL_C := $(sort $(shell find kernel -name '*.c' 2>/dev/null) kernel/vdso/vdso_image.c)
KERNEL_TEST_C := $(filter %_test.c %_testlib.c,$(ALL_KERNEL_C))
KERNEL_C  := $(filter-out $(KERNEL_TEST_C),$(ALL_KERNEL_C))
FRAME_OBJ := $(FRAME_C:%.c=$(BUILD)/%.o) $(FRAME_S:%.S=$(BUILD)/%.o)
KERNEL_OBJ := $(KERNEL_C:%.c=$(BUILD)/%.o)
TEST_OBJ  := $(FRAME_TEST_C:%.c=$(BUILD)/%.o) $(KERNEL_TEST_C:%.c=$(BUILD)/%.o)
OBJS      := $(FRAME_OBJ) $(KERNEL_OBJ)
TEST_OBJS := $(filter-out $(BUILD)/frame/boot/no_tests.o,$(OBJS)) $(TEST_OBJ)

.PHONY: all deps run test ktest image-check safecheck gate-escapes tcb api-compile-test fmt fmt-check clean help compile_commands.json syscall-doc syscall-doc-check include-cycles
all: $(KERNEL) $(TEST_KERNEL) $(BUILD)/compile_commands.json

help:
	@echo "make run     boot Trellis in QEMU (serial console; Ctrl-A X quits)"
	@echo "make test    every test: safe-C checker, ktests, conformance"
	@echo "make ktest   only the in-kernel unit tests (on build/trellis-test.elf)"
	@echo "make test-conformance  the conformance suite on Trellis"
	@echo "make shell-test        the busybox shell checks on Trellis"
	@echo "make test-linux        the conformance suite on Debian's Linux in QEMU (must pass)"
	@echo "make shell-test-linux  the busybox shell checks on Debian's Linux"
	@echo "make tcb     framework share of the code"
	@echo "make bench   microbenchmarks on Trellis and Debian's Linux, side by side (MODE=icount|wall)"
	@echo "make fmt     clang-format the tree"

# Installs missing Debian packages (no-op when all are there).
deps:
	@./scripts/install-deps.sh

$(BUILD)/frame/%.o: frame/%.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CLANG) $(FRAME_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/frame/%.o: frame/%.S Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CLANG) $(ASFLAGS) -MMD -MP -c $< -o $@

# A service object needs its own file checked (its facts) and the merge over
# all files clean; the merge is order-only so a change to one service file
# recompiles only the objects that file affects.
$(BUILD)/kernel/%.o: kernel/%.c Makefile $(BUILD)/safec/kernel/%.c.facts | $(BUILD)/.safecheck
	@mkdir -p $(dir $@)
	@echo "  CC [S]  $<"
	@$(CLANG) $(SERVICE_CFLAGS) -MMD -MP -c $< -o $@

# The services may only call what the framework exports: every undefined
# symbol of a service object must be defined by the framework *and* named in
# its public headers (or be one the compiler itself emits calls to).
# The export lists cover the framework's production and test objects; the
# production link itself refuses a service object that needs a test one.
FRAME_ALL_OBJ := $(FRAME_OBJ) $(FRAME_TEST_C:%.c=$(BUILD)/%.o)

$(BUILD)/frame-exports.txt: $(FRAME_ALL_OBJ) $(shell find frame/include -name '*.h')
	@tools/frame-exports.sh $(NM) $(FRAME_ALL_OBJ) > $@

$(BUILD)/frame-test-exports.txt: $(FRAME_ALL_OBJ) frame/include/frame/ktest.h tools/frame-test-exports.sh
	@tools/frame-test-exports.sh $(NM) $(FRAME_ALL_OBJ) > $@

$(BUILD)/.exportcheck: $(KERNEL_OBJ) $(KERNEL_TEST_C:%.c=$(BUILD)/%.o) $(BUILD)/frame-exports.txt $(BUILD)/frame-test-exports.txt tools/check-exports.sh
	@tools/check-exports.sh $(NM) $(BUILD)/frame-exports.txt $(BUILD)/frame-test-exports.txt $(KERNEL_OBJ) $(KERNEL_TEST_C:%.c=$(BUILD)/%.o)
	@touch $@

# Each image takes two links: the second embeds the static-object table (.ksyms,
# last in the image, so nothing else moves) generated from the first.
# $(call link_image,NAME,OBJECTS) makes $(BUILD)/NAME.elf.
define link_image
$(BUILD)/$(1).pass1.elf: $(2) $(BUILD)/frame/console/ksyms_empty.o frame/arch/x86_64/linker.ld $(BUILD)/.exportcheck
	@echo "  LD      $$@"
	@$(LD) $(LDFLAGS) -T frame/arch/x86_64/linker.ld -o $$@ $(2) $(BUILD)/frame/console/ksyms_empty.o

$(BUILD)/$(1).ksyms.S: $(BUILD)/$(1).pass1.elf tools/gen-ksyms.sh
	@tools/gen-ksyms.sh $$< $(NM) > $$@

$(BUILD)/$(1).ksyms.o: $(BUILD)/$(1).ksyms.S
	@$(CLANG) $(ASFLAGS) -c $$< -o $$@

$(BUILD)/$(1).elf: $(BUILD)/$(1).pass1.elf $(BUILD)/$(1).ksyms.o
	@echo "  LD      $$@"
	@$(LD) $(LDFLAGS) -T frame/arch/x86_64/linker.ld -o $$@ $(2) $(BUILD)/$(1).ksyms.o
	@$(NM) $(BUILD)/$(1).pass1.elf | grep -v -E ' (kdata|__kernel_end)' | awk '{print $$$$1, $$$$3}' | sort > $(BUILD)/$(1).syms1.txt
	@$(NM) $$@ | grep -v -E ' (kdata|__kernel_end)' | awk '{print $$$$1, $$$$3}' | sort > $(BUILD)/$(1).syms2.txt
	@cmp -s $(BUILD)/$(1).syms1.txt $(BUILD)/$(1).syms2.txt || \
		{ echo "ksyms: the second link of $(1) moved symbols"; exit 1; }
endef
$(eval $(call link_image,trellis,$(OBJS)))
$(eval $(call link_image,trellis-test,$(TEST_OBJS)))

# The production image carries no test code: no ktest symbol (each KTEST
# body is a ktest_fn_* symbol), no test hook but the empty ones. The test
# image is checked to have them, so the check cannot pass vacuously.
image-check: $(KERNEL) $(TEST_KERNEL) tools/check-no-tests.sh
	@tools/check-no-tests.sh $(NM) $(KERNEL) $(TEST_KERNEL) $(TEST_OBJ)

$(BUILD)/compile_commands.json: Makefile
	@mkdir -p $(BUILD)
	@{ echo '['; \
	  for f in $(ALL_FRAME_C); do echo "{\"directory\":\"$(CURDIR)\",\"file\":\"$$f\",\"command\":\"$(CLANG) $(FRAME_CFLAGS) -c $$f\"},"; done; \
	  for f in $(ALL_KERNEL_C); do echo "{\"directory\":\"$(CURDIR)\",\"file\":\"$$f\",\"command\":\"$(CLANG) $(SERVICE_CFLAGS) -c $$f\"},"; done; \
	  echo '{}]'; } | sed 's/},\n{}]/}]/' > $@
	@cp $@ compile_commands.json

# ---- the vDSO: user code, built as a tiny shared object and embedded as bytes ----

VDSO_FLAGS := --target=x86_64-unknown-linux-gnu -O2 -fPIC -ffreestanding -fno-stack-protector \
	-fno-asynchronous-unwind-tables -nostdlib -shared -fuse-ld=lld -Wl,-T,user/vdso/vdso.lds \
	-Wl,--version-script=user/vdso/vdso.ver -Wl,--hash-style=both -Wl,-soname=linux-vdso.so.1 \
	-Wl,-z,max-page-size=4096 -Wl,--no-undefined -Wl,-s -Wall -Werror

$(BUILD)/vdso.so: user/vdso/vdso.c user/vdso/vdso.lds user/vdso/vdso.ver Makefile
	@mkdir -p $(dir $@)
	@echo "  VDSO    $@"
	@$(CLANG) $(VDSO_FLAGS) -o $@ user/vdso/vdso.c

# Generated service source: checked and built like the rest of kernel/.
kernel/vdso/vdso_image.c: $(BUILD)/vdso.so tools/bin2c.sh
	@tools/bin2c.sh $< vdso_image > $@

# ---- the safe-C gate -----------------------------------------------------

# $(BUILD)/.safecheck, the stamp every service object depends on, is made
# there: per-file checks, then the whole-kernel one-definition merge.
SAFEC_EXTRA_SOURCES := kernel/vdso/vdso_image.c
include mk/safec.mk
include mk/user.mk
include mk/bench.mk

# ---- run and test --------------------------------------------------------

ACCEL ?= $(shell grep -q -w -E 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ] && echo kvm || echo tcg)
MEM   ?= 256M
QEMU_ACCEL := $(if $(filter kvm,$(ACCEL)),-accel kvm -cpu host,-accel tcg -cpu max)
QEMU_FLAGS := -M q35 $(QEMU_ACCEL) -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

INITRD ?= $(BUILD)/initramfs.cpio
APPEND ?= console=ttyS0

run: deps
	$(MAKE) all $(INITRD)
	$(QEMU) $(QEMU_FLAGS) -nographic -kernel $(KERNEL) -initrd $(INITRD) -append "$(APPEND)"

test-linux shell-test-linux test-conformance shell-test bench bench-mem: deps
.PHONY: test-linux shell-test-linux test-conformance shell-test

ktest: deps
	$(MAKE) all
	KTEST_LOG=$(BUILD)/ktest.log QEMU="$(QEMU) $(QEMU_FLAGS)" test/run-ktest.sh $(TEST_KERNEL)

test: deps
	$(MAKE) all $(BUILD)/initramfs.cpio
	test/run-all.sh

# The build refuses every escape variant of tools/safec/tests/escapes,
# dropped one by one into a scratch copy of the tree.
gate-escapes: all
	test/gate-escapes.sh

tcb:
	@tools/tcb.sh

# Compile-time API checks: service code the framework's macros must refuse.
api-compile-test: $(BUILD)/frame-exports.txt $(BUILD)/frame-test-exports.txt
	@test/bytes-of-field-compile.sh $(CLANG) $(SERVICE_CFLAGS)
	@test/check-exports-test.sh $(NM) $(BUILD)/frame-exports.txt $(BUILD)/frame-test-exports.txt $(CLANG) $(SERVICE_CFLAGS)

# docs/syscalls.md is generated from the syscall table; `make test` checks it is current.
syscall-doc:
	tools/gen-syscall-doc.sh > docs/syscalls.md

syscall-doc-check:
	@if tools/gen-syscall-doc.sh | cmp -s - docs/syscalls.md; then \
		echo "docs/syscalls.md matches the syscall table"; \
	else echo "docs/syscalls.md is stale: run make syscall-doc"; exit 1; fi

# The service subsystems (kernel/<dir>/) include each other without cycles
# (first proving, on a scratch tree, that the check refuses one).
include-cycles:
	@test/include-cycles-test.sh
	@tools/check-include-cycles.sh

FMT_FILES = $(filter-out kernel/vdso/vdso_image.c,$(shell find frame kernel -name '*.[ch]' | sort))

fmt:
	clang-format-19 -i $(FMT_FILES)

# Fails when any file differs from what `make fmt` would make of it.
fmt-check:
	@clang-format-19 --dry-run -Werror $(FMT_FILES) 2>&1 | head -20; \
	if clang-format-19 --dry-run -Werror $(FMT_FILES) >/dev/null 2>&1; then \
		echo "fmt-check: $(words $(FMT_FILES)) files formatted"; \
	else echo "fmt-check: run make fmt"; exit 1; fi

clean:
	rm -rf $(BUILD) compile_commands.json

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
