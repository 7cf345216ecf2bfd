# Benchmarks: the same initramfs on Trellis and on Debian's Linux, in the same
# QEMU. Included by the top-level Makefile; relies on BUILD, KERNEL, QEMU and
# the $(KERNEL) target defined there. See docs/performance.md.
#
#   make bench              MODE=icount (default): one boot per kernel, guest ns = instructions
#   make bench MODE=wall    wall-clock TCG: kernels alternated, BOOTS (5) boots each, medians
#   make bench-mem          smallest -m with which each kernel reaches /init
#   make bench-report       the table, results.json and ratios.png again from the last runs
#   make bench-initramfs    only build $(BUILD)/bench/initramfs.cpio

MODE       ?= icount
BOOTS      ?=
BENCH_JOBS ?=
BENCH_DIR  := $(BUILD)/bench
BENCH_CC   := musl-gcc
BENCH_CFLAGS := -static -O2 -Wall -Wextra
BENCH_SRC  := bench/main.c $(wildcard bench/b_*.c)
BENCH_RUN  := python3 bench/run.py
LINUX_DIR  := $(BUILD)/linux

.PHONY: bench bench-run bench-mem bench-report bench-initramfs bench-linux

$(BENCH_DIR)/trellis-bench: $(BENCH_SRC) bench/bench.h mk/bench.mk
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRC)

$(BENCH_DIR)/bench-helper: bench/helper.c mk/bench.mk
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $<

# newc archives built without root: no device nodes in them (trellis-bench
# makes /dev/console, /dev/null and /dev/zero itself where they are missing).
# The boot-only variant adds /bootonly, which makes /init power off at once.
$(BENCH_DIR)/initramfs.cpio $(BENCH_DIR)/initramfs-bootonly.cpio: $(BENCH_DIR)/trellis-bench $(BENCH_DIR)/bench-helper
	@echo "  CPIO    $(BENCH_DIR)/initramfs.cpio $(BENCH_DIR)/initramfs-bootonly.cpio"
	@rm -rf $(BENCH_DIR)/root $(BENCH_DIR)/root-bootonly
	@mkdir -p $(BENCH_DIR)/root
	@cp $(BENCH_DIR)/trellis-bench $(BENCH_DIR)/root/init
	@cp $(BENCH_DIR)/bench-helper $(BENCH_DIR)/root/bench-helper
	@cp -a $(BENCH_DIR)/root $(BENCH_DIR)/root-bootonly
	@touch $(BENCH_DIR)/root-bootonly/bootonly
	@cd $(BENCH_DIR)/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../initramfs.cpio
	@cd $(BENCH_DIR)/root-bootonly && find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../initramfs-bootonly.cpio

bench-initramfs: $(BENCH_DIR)/initramfs.cpio

# Debian's linux-image-cloud-amd64, unpacked (not installed) under $(LINUX_DIR).
bench-linux:
	@scripts/linux-kernel.sh $(LINUX_DIR) > /dev/null

bench: bench-run
	@$(MAKE) --no-print-directory bench-mem-if-missing
	@$(BENCH_RUN) report --out $(BENCH_DIR)

bench-run: deps $(KERNEL) $(BENCH_DIR)/initramfs.cpio bench-linux
	@$(BENCH_RUN) bench --out $(BENCH_DIR) --mode $(MODE) --qemu $(QEMU) \
		--trellis $(KERNEL) --linux "$$(scripts/linux-kernel.sh $(LINUX_DIR))" \
		--initrd $(BENCH_DIR)/initramfs.cpio $(if $(BOOTS),--boots $(BOOTS)) $(if $(BENCH_JOBS),--jobs $(BENCH_JOBS))

# The memory probe takes a few minutes; `make bench` runs it once and keeps the
# result (mem.json) until `make bench-mem` is run again or the kernel changes.
.PHONY: bench-mem-if-missing
bench-mem-if-missing: $(BENCH_DIR)/mem.json

$(BENCH_DIR)/mem.json: $(KERNEL) $(BENCH_DIR)/initramfs-bootonly.cpio
	@$(MAKE) --no-print-directory bench-mem-run

.PHONY: bench-mem-run
bench-mem-run: deps $(KERNEL) $(BENCH_DIR)/initramfs-bootonly.cpio bench-linux
	@$(BENCH_RUN) mem --out $(BENCH_DIR) --mode $(MODE) --qemu $(QEMU) --timeout 120 \
		--trellis $(KERNEL) --linux "$$(scripts/linux-kernel.sh $(LINUX_DIR))" \
		--initrd $(BENCH_DIR)/initramfs-bootonly.cpio

bench-mem: bench-mem-run
	@$(BENCH_RUN) report --out $(BENCH_DIR)

bench-report:
	@$(BENCH_RUN) report --out $(BENCH_DIR)
