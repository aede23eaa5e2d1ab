#include "autograd/memory.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <array>
#include <bit>

// Under AddressSanitizer a cached block is poisoned, so that a use after free is still
// reported although the block never went back to the heap, and so is the tail of a block
// beyond the bytes asked for, so that an overflow into it is reported too.
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define DROPOUT_LAB_POISON(block, bytes) ASAN_POISON_MEMORY_REGION(block, bytes)
#define DROPOUT_LAB_UNPOISON(block, bytes) ASAN_UNPOISON_MEMORY_REGION(block, bytes)
#else
#define DROPOUT_LAB_POISON(block, bytes) ((void)(block), (void)(bytes))
#define DROPOUT_LAB_UNPOISON(block, bytes) ((void)(block), (void)(bytes))
#endif

namespace autograd::buffer_pool {

namespace {

// The malloc tuning (see memory.hpp), run when the library is loaded. In this file, which every
// program using Array links, so that it cannot be left out of a static link.
#if defined(__GLIBC__)
const bool malloc_tuned = [] {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // keep up to 256 MiB of freed heap
  mallopt(M_MMAP_MAX, 0);  // serve every block from the heap (glibc caps the mmap threshold at
                           // 32 MiB, below a 4096×1024 array)
  return true;
}();
#endif

constexpr unsigned kMinShift = 6;   // smallest class: 64 bytes, one cache line
constexpr unsigned kMaxShift = 22;  // largest class: 4 MiB
constexpr std::size_t kClasses = kMaxShift - kMinShift + 1;
constexpr std::size_t kMaxPooledBytes = std::size_t{1} << kMaxShift;
// Cache-line aligned, which also suits AVX loads of a block's doubles.
constexpr std::align_val_t kAlignment{64};

// A cached block holds the link to the next cached block of its class in its first bytes.
struct FreeBlock {
  FreeBlock* next;
};

// Class c holds blocks of 64·2^c bytes: the smallest class that fits `bytes`.
unsigned size_class(std::size_t bytes) {
  if (bytes <= (std::size_t{1} << kMinShift)) return 0;
  return static_cast<unsigned>(std::bit_width(bytes - 1)) - kMinShift;
}

std::size_t class_bytes(unsigned size_class) {
  return std::size_t{1} << (size_class + kMinShift);
}

struct Cache {
  std::array<FreeBlock*, kClasses> heads{};
  Statistics statistics;

  Cache() = default;
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;
  ~Cache();
};

thread_local Cache cache;
// Set when the thread's cache has been destroyed (at thread exit): blocks freed after that, by
// the destructors of other thread-local or static objects, go straight to the heap. A plain
// bool has no destructor, so it can still be read then.
thread_local bool cache_destroyed = false;

Cache::~Cache() {
  for (unsigned c = 0; c < kClasses; ++c) {
    while (FreeBlock* block = heads[c]) {
      DROPOUT_LAB_UNPOISON(block, class_bytes(c));
      heads[c] = block->next;
      ::operator delete(block, kAlignment);
    }
  }
  cache_destroyed = true;
}

}  // namespace

void* allocate(std::size_t bytes) {
  if (bytes > kMaxPooledBytes) return ::operator new(bytes, kAlignment);
  const unsigned c = size_class(bytes);
  void* block = nullptr;
  if (!cache_destroyed) {
    Cache& local = cache;
    if (FreeBlock* cached = local.heads[c]) {
      DROPOUT_LAB_UNPOISON(cached, class_bytes(c));
      local.heads[c] = cached->next;
      local.statistics.cached_blocks -= 1;
      local.statistics.cached_bytes -= class_bytes(c);
      local.statistics.hits += 1;
      block = cached;
    } else {
      local.statistics.misses += 1;
    }
  }
  if (block == nullptr) block = ::operator new(class_bytes(c), kAlignment);
  DROPOUT_LAB_POISON(static_cast<char*>(block) + bytes, class_bytes(c) - bytes);
  return block;
}

void deallocate(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes > kMaxPooledBytes) {
    ::operator delete(block, kAlignment);
    return;
  }
  const unsigned c = size_class(bytes);
  DROPOUT_LAB_UNPOISON(block, class_bytes(c));  // the tail poisoned by allocate
  if (cache_destroyed) {
    ::operator delete(block, kAlignment);
    return;
  }
  Cache& local = cache;
  if (local.statistics.cached_bytes + class_bytes(c) > kMaxCachedBytes) {
    ::operator delete(block, kAlignment);
    return;
  }
  auto* free_block = static_cast<FreeBlock*>(block);
  free_block->next = local.heads[c];
  local.heads[c] = free_block;
  local.statistics.cached_blocks += 1;
  local.statistics.cached_bytes += class_bytes(c);
  DROPOUT_LAB_POISON(block, class_bytes(c));
}

Statistics statistics() {
  if (cache_destroyed) return {};
  return cache.statistics;
}

}  // namespace autograd::buffer_pool
