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

# Checks every .c and .h under kernel/ (found by walking the tree); all files
# are checked, then it fails if any had a finding or did not parse.
.PHONY: safecheck safec-test
safecheck: $(SAFEC)
	@if [ ! -d $(SAFEC_SERVICE_ROOT) ] || [ -z "$$(find $(SAFEC_SERVICE_ROOT) -name '*.[ch]' -print -quit)" ]; then \
		echo "safecheck: no service sources under $(SAFEC_SERVICE_ROOT)/, nothing to check"; \
	else \
		bad=0; n=0; \
		for f in $$(find $(SAFEC_SERVICE_ROOT) -name '*.[ch]' | sort); do \
			n=$$((n + 1)); \
			case $$f in *.h) hdr=-Wno-unused-function;; *) hdr=;; esac; \
			$(SAFEC) --rules $(SAFEC_RULES) --trusted $(SAFEC_TRUSTED) \
				--service-root $(SAFEC_SERVICE_ROOT) -- $(SERVICE_CFLAGS) $$hdr $$f || bad=$$((bad + 1)); \
		done; \
		echo "safecheck: $$n files checked, $$bad with findings or errors"; \
		[ $$bad -eq 0 ]; \
	fi

safec-test: $(SAFEC)
	tools/safec/tests/run.sh $(SAFEC)
	tools/safec/tests/run-escapes.sh $(SAFEC) $(SERVICE_CFLAGS)
