// The per-thread buffer cache behind Array and Node (autograd/memory.hpp): reuse, size
// classes, alignment, the cap and frees from another thread. (That a training step takes
// nothing from the heap is checked in tests/nn/test_steady_state.cpp.) Given code: no
// exercise tag.
#include <cstdint>
#include <thread>
#include <vector>

#include "autograd/memory.hpp"
#include "test_helpers.hpp"

namespace pool = autograd::buffer_pool;

TEST_CASE("buffer pool hands a freed block back to the next request of its size class",
          "[autograd][buffer_pool]") {
  void* first = pool::allocate(8 * 64);
  pool::deallocate(first, 8 * 64);
  const pool::Statistics before = pool::statistics();
  void* second = pool::allocate(8 * 60);  // 480 bytes: the same 512-byte class
  REQUIRE(second == first);
  REQUIRE(pool::statistics().hits == before.hits + 1);
  void* other_class = pool::allocate(8 * 65);  // 520 bytes: the next class, a new block
  REQUIRE(other_class != first);
  pool::deallocate(second, 8 * 60);
  pool::deallocate(other_class, 8 * 65);
}

TEST_CASE("buffer pool blocks are 64-byte aligned, from 1 byte to beyond the largest class",
          "[autograd][buffer_pool]") {
  for (std::size_t bytes : {std::size_t{1}, std::size_t{64}, std::size_t{100}, std::size_t{5} << 20,
                            std::size_t{9} << 20}) {
    void* block = pool::allocate(bytes);
    INFO(bytes << " bytes");
    REQUIRE(reinterpret_cast<std::uintptr_t>(block) % 64 == 0);
    static_cast<char*>(block)[bytes - 1] = 1;  // the whole request is usable
    pool::deallocate(block, bytes);
  }
}

TEST_CASE("buffer pool keeps at most kMaxCachedBytes per thread", "[autograd][buffer_pool]") {
  constexpr std::size_t block_bytes = std::size_t{1} << 20;
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < pool::kMaxCachedBytes / block_bytes + 8; ++i) {
    blocks.push_back(pool::allocate(block_bytes));
  }
  for (void* block : blocks) pool::deallocate(block, block_bytes);
  REQUIRE(pool::statistics().cached_bytes <= pool::kMaxCachedBytes);
}

TEST_CASE("buffer pool accepts a block freed on another thread than the one that made it",
          "[autograd][buffer_pool]") {
  autograd::Array made_here = xt::ones<double>({1000});
  std::thread other([moved = std::move(made_here)]() mutable {
    const autograd::Array made_there = moved * 2.0;
    REQUIRE(made_there(999) == 2.0);
    moved = autograd::Array();  // frees this thread's block into the other thread's cache
  });
  other.join();  // the other thread's cache goes back to the heap as it exits (see LSan build)
  SUCCEED();
}
