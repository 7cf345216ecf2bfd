/*
 * ramfs file data: untyped pages (frame/vm.h) found through a two-level
 * table.
 *
 * A missing page is a hole and reads as zeroes; pages are allocated
 * (zeroed) on first write. The table owns one reference per page, so a
 * later mmap can map the same pages with page_get. Data is only ever
 * copied in and out (uio_copy_page_*), never reached by pointer.
 * Callers hold the inode's lock.
 */
#include <frame/alloc.h>
#include <frame/vm.h>
#include "ramfs.h"

struct page *ramfs_chunk(struct ramfs_node *n, uint64_t idx, bool alloc)
{
	uint64_t top = idx / RAMFS_LEAF_SLOTS, low = idx % RAMFS_LEAF_SLOTS;
	if (top >= RAMFS_ROOT_SLOTS)
		return NULL;
	if (!n->data) {
		if (!alloc)
			return NULL;
		n->data = NEW(struct ramfs_data);
		if (!n->data)
			return NULL;
	}
	struct ramfs_leaf *leaf = n->data->leaf[top];
	if (!leaf) {
		if (!alloc)
			return NULL;
		leaf = NEW(struct ramfs_leaf);
		if (!leaf)
			return NULL;
		n->data->leaf[top] = leaf;
	}
	if (!leaf->chunk[low] && alloc)
		leaf->chunk[low] = page_alloc();
	return leaf->chunk[low];
}

void ramfs_data_truncate(struct ramfs_node *n, uint64_t size)
{
	if (!n->data)
		return;
	uint64_t keep = ALIGN_UP(size, (uint64_t)RAMFS_CHUNK_SIZE) / RAMFS_CHUNK_SIZE; /* pages still (partly) inside */
	for (size_t t = (size_t)(keep / RAMFS_LEAF_SLOTS); t < RAMFS_ROOT_SLOTS; t++) {
		struct ramfs_leaf *leaf = n->data->leaf[t];
		if (!leaf)
			continue;
		bool empty = true;
		for (size_t l = 0; l < RAMFS_LEAF_SLOTS; l++) {
			uint64_t idx = (uint64_t)t * RAMFS_LEAF_SLOTS + l;
			if (idx >= keep && leaf->chunk[l]) {
				page_put(leaf->chunk[l]);
				leaf->chunk[l] = NULL;
			}
			if (leaf->chunk[l])
				empty = false;
		}
		if (empty) {
			FREE(leaf);
			n->data->leaf[t] = NULL;
		}
	}
	/* The straddling page keeps stale bytes past the new end: zero them so a later extension reads zeroes. */
	size_t off = (size_t)(size % RAMFS_CHUNK_SIZE);
	if (off) {
		struct page *pg = ramfs_chunk(n, size / RAMFS_CHUNK_SIZE, false);
		if (pg)
			page_zero(pg, off, RAMFS_CHUNK_SIZE - off);
	}
}

void ramfs_data_free(struct ramfs_node *n)
{
	ramfs_data_truncate(n, 0);
	if (n->data)
		FREE(n->data);
}

uint64_t ramfs_data_chunks(struct ramfs_node *n)
{
	uint64_t count = 0;
	if (!n->data)
		return 0;
	for (size_t t = 0; t < RAMFS_ROOT_SLOTS; t++) {
		struct ramfs_leaf *leaf = n->data->leaf[t];
		if (!leaf)
			continue;
		for (size_t l = 0; l < RAMFS_LEAF_SLOTS; l++)
			if (leaf->chunk[l])
				count += 1;
	}
	return count;
}
