// The engine's memory plumbing, all in one place: a per-thread cache of freed memory blocks,
// the allocator that draws from it, and (memory.cpp) the tuning of glibc's malloc that keeps
// freed memory in the process. Measurements: benchmarks/README.md, "Why the kernels look as
// they do".
//
// Why a cache: every op allocates its result and every backward its gradients, and all of them are
// freed a step later. At the blog's sizes (batch 1, 64 hidden units) the arithmetic of a
// training step is about a microsecond, and glibc's malloc/free of the ~40 blocks a step makes
// cost as much again (a 32 KiB gradient is too big for glibc's per-thread cache, so it goes
// through the locked, coalescing path). A step frees blocks of exactly the sizes the next step
// asks for, so keeping them on a per-thread free list by size makes allocation a pointer pop,
// as PyTorch's CPU caching allocator does.
//
// Blocks are grouped in power-of-two size classes from 64 bytes to 4 MiB; bigger requests go
// straight to operator new. A thread keeps at most kMaxCachedBytes; beyond that a freed block
// returns to the heap. A block may be freed on another thread than the one that allocated it
// (it then joins the freeing thread's cache). A thread's cache is returned to the heap when the
// thread exits.
//
// Why the malloc tuning: blocks above 4 MiB (large batches) bypass the cache, and glibc by
// default returns the top of a freed heap to the kernel and mmaps big blocks afresh each time,
// so every step would fault those pages in again. memory.cpp sets, once at start-up, a 256 MiB
// trim threshold and no mmap (mallopt), as PyTorch's caching allocators keep memory too.
#pragma once

#include <cstddef>
#include <new>

namespace autograd {

namespace buffer_pool {

constexpr std::size_t kMaxCachedBytes = std::size_t{64} << 20;  // per thread

void* allocate(std::size_t bytes);
void deallocate(void* block, std::size_t bytes) noexcept;

// What the calling thread's cache holds now (for tests and benchmarks).
struct Statistics {
  std::size_t cached_blocks = 0;
  std::size_t cached_bytes = 0;
  std::size_t hits = 0;    // allocations served from the cache
  std::size_t misses = 0;  // allocations that went to the heap
};
Statistics statistics();

}  // namespace buffer_pool

// A standard allocator over the pool: the allocator of Array (see tensor.hpp). Stateless, so
// any two compare equal and containers can swap and move buffers freely.
template <class T>
struct PoolAllocator {
  using value_type = T;

  PoolAllocator() noexcept = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(buffer_pool::allocate(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { buffer_pool::deallocate(p, n * sizeof(T)); }

  friend bool operator==(const PoolAllocator&, const PoolAllocator&) noexcept { return true; }
  friend bool operator!=(const PoolAllocator&, const PoolAllocator&) noexcept { return false; }
};

}  // namespace autograd
