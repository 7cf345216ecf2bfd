# mk/safec.mk - the safe-subset checker (tools/safec): build, run, test.
# Included by the top-level Makefile, which defines BUILD, CLANG and
# SERVICE_CFLAGS first; the defaults below let it run standalone:
#   make -f mk/safec.mk safec-test
#   make -f mk/safec.mk safecheck

BUILD ?= build
CLANG ?= clang-19
SERVICE_CFLAGS ?= --target=x86_64-unknown-none-elf -ffreestanding -nostdinc \
	-std=gnu17 -Iframe/include -Ikernel

SAFEC_LLVM ?= /usr/lib/llvm-19
SAFEC := $(BUILD)/tools/safec
SAFEC_SRCS := $(wildcard tools/safec/*.c)
SAFEC_HDRS := $(wildcard tools/safec/*.h)
SAFEC_RULES := frame/safec.rules
SAFEC_TRUSTED := frame/include
SAFEC_SERVICE_ROOT := kernel

$(SAFEC): $(SAFEC_SRCS) $(SAFEC_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) -O2 -g -Wall -Wextra -I$(SAFEC_LLVM)/include -o $@ $(SAFEC_SRCS) \
		-L$(SAFEC_LLVM)/lib -lclang-19 -Wl,-rpath,$(SAFEC_LLVM)/lib

# The gate, per file with stamps: each .c and .h under kernel/ is checked on
# its own into $(BUILD)/safec/<path>.facts (its findings fail the rule; the
# facts are what R12-odr needs across files), with a dependency file listing
# every header it read, so a change rechecks only the files it can affect.
# Then one merge over all facts (and the framework's public headers) checks
# one definition per type, symbol and cache key across the services and
# writes $(BUILD)/.safecheck, on which every service object depends.
SAFEC_DIR := $(BUILD)/safec
SAFEC_SOURCES = $(sort $(shell find $(SAFEC_SERVICE_ROOT) -name '*.[ch]' 2>/dev/null) \
	$(SAFEC_EXTRA_SOURCES))
SAFEC_FACTS = $(SAFEC_SOURCES:%=$(SAFEC_DIR)/%.facts)
SAFEC_API := $(SAFEC_DIR)/frame-api.facts
SAFEC_CHECK = $(SAFEC) --rules $(SAFEC_RULES) --trusted $(SAFEC_TRUSTED) \
	--service-root $(SAFEC_SERVICE_ROOT)
SAFEC_MERGE = $(SAFEC) --merge --rules $(SAFEC_RULES) $(SAFEC_API) $(SAFEC_FACTS)
# flags live in the Makefile: a change there rechecks everything
SAFEC_GATE_DEPS := $(SAFEC) $(SAFEC_RULES) mk/safec.mk $(wildcard Makefile)

# A failed check leaves no facts behind, so it is retried next time, and no
# kernel image: a refused service never sits next to a bootable old build.
define safec_unit
	@mkdir -p $(dir $@)
	@echo "  SAFEC   $<"
	@$(SAFEC_CHECK) --facts $@ --deps $(@:.facts=.d) -- $(SERVICE_CFLAGS) $(1) $< || \
		{ rm -f $@ $(KERNEL); exit 1; }
endef

$(SAFEC_DIR)/%.c.facts: %.c $(SAFEC_GATE_DEPS)
	$(call safec_unit,)

$(SAFEC_DIR)/%.h.facts: %.h $(SAFEC_GATE_DEPS)
	$(call safec_unit,-Wno-unused-function)

# The framework's tags and symbols: one unit that includes every public header.
$(SAFEC_DIR)/frame-api.c: $(wildcard $(SAFEC_TRUSTED)/frame/*.h) mk/safec.mk
	@mkdir -p $(dir $@)
	@for h in $(sort $(notdir $(wildcard $(SAFEC_TRUSTED)/frame/*.h))); do \
		echo "#include <frame/$$h>"; done > $@

$(SAFEC_API): $(SAFEC_DIR)/frame-api.c $(SAFEC_GATE_DEPS)
	$(call safec_unit,)

$(BUILD)/.safecheck: $(SAFEC_FACTS) $(SAFEC_API)
	@echo "  SAFEC   --merge ($(words $(SAFEC_FACTS)) files)"
	@$(SAFEC_MERGE) || { rm -f $@ $(KERNEL); exit 1; }
	@touch $@

# Checks every file that changed (-k: all of them, even after a finding),
# then merges all; fails if any file had a finding or did not parse.
.PHONY: safecheck safec-test
safecheck: $(SAFEC)
	@if [ -z "$(SAFEC_SOURCES)" ]; then \
		echo "safecheck: no service sources under $(SAFEC_SERVICE_ROOT)/, nothing to check"; \
	else \
		$(MAKE) --no-print-directory -k $(SAFEC_FACTS) $(SAFEC_API) || \
			{ echo "safecheck: findings or errors above"; exit 1; }; \
		$(SAFEC_MERGE) && touch $(BUILD)/.safecheck && \
		echo "safecheck: $(words $(SAFEC_FACTS)) files checked, one definition each"; \
	fi

safec-test: $(SAFEC)
	tools/safec/tests/run.sh $(SAFEC)
	tools/safec/tests/run-odr.sh $(SAFEC)
	tools/safec/tests/run-escapes.sh $(SAFEC) $(SERVICE_CFLAGS)
