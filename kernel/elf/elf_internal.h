/* Shared between the ELF loader (elf.c) and the initial-stack builder (stack.c). */
#ifndef KERNEL_ELF_ELF_INTERNAL_H
#define KERNEL_ELF_ELF_INTERNAL_H

#include "elf/elf.h"

/*
 * Map the stack VMA and write argc, argv, envp, auxv and the strings into
 * it. img must already hold entry, phdr, phnum and load_bias; fills
 * stack_pointer, stack_top, random, argv and envp.
 */
int exec_build_stack(struct mm *mm, const struct exec_args *args __noescape, struct exec_image *img __noescape,
		     bool exec_stack);

#endif /* KERNEL_ELF_ELF_INTERNAL_H */
