// DataLoader: mini-batches over a dataset, one pass per epoch, like torch.utils.data.DataLoader
// with drop_last=False.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/dataset.hpp"

namespace datasets {

// One mini-batch: X (b, d) and y (b), b = batch_size except possibly for the last batch.
struct Batch {
  autograd::Array X;
  autograd::Array y;
};

// Iterates over `data` in batches of `batch_size` rows; the last batch holds the remainder
// (PyTorch's drop_last=False). Each call of begin(), i.e. each range-for, is one epoch. Without
// shuffle every epoch visits rows 0, 1, …, n−1; with shuffle each epoch draws a fresh
// permutation from one autograd::Generator seeded with `seed` in the constructor, so epochs
// differ from each other and two loaders built with the same seed yield the same sequence.
//
//   datasets::DataLoader loader(train, 32, /*shuffle=*/true, /*seed=*/0);
//   for (int epoch = 0; epoch < 10; ++epoch)
//     for (const datasets::Batch& batch : loader) { ... }
//
// The loader keeps its own copy of the dataset, so it may outlive the argument. An iterator
// keeps the epoch's order and refills one Batch in place, so a batch costs only the copy of
// its rows; the Batch an iterator refers to changes when the iterator advances (copy it to
// keep it).
class DataLoader {
 public:
  // Throws std::invalid_argument for batch_size == 0 or a malformed dataset.
  DataLoader(const Dataset& data, std::size_t batch_size, bool shuffle = false,
             std::uint64_t seed = 0);

  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Batch;
    using difference_type = std::ptrdiff_t;
    using pointer = const Batch*;
    using reference = const Batch&;

    Iterator() = default;
    const Batch& operator*() const { return batch_; }
    const Batch* operator->() const { return &batch_; }
    Iterator& operator++();
    void operator++(int) { ++*this; }
    // Iterators compare by batch position only, which is all a range-for needs.
    friend bool operator==(const Iterator& a, const Iterator& b) {
      return a.batch_index_ == b.batch_index_;
    }

   private:
    friend class DataLoader;
    Iterator(const DataLoader* loader, std::shared_ptr<const std::vector<std::size_t>> order,
             std::size_t batch_index);
    void load_batch();

    const DataLoader* loader_ = nullptr;
    std::shared_ptr<const std::vector<std::size_t>> order_;  // this epoch's row order
    std::size_t batch_index_ = 0;
    Batch batch_;
  };

  Iterator begin();  // starts a new epoch (draws the next permutation when shuffling)
  Iterator end() const;

  std::size_t num_batches() const;  // ceil(n / batch_size)
  std::size_t batch_size() const { return batch_size_; }
  std::size_t size() const { return data_.size(); }  // rows per epoch
  const Dataset& dataset() const { return data_; }

 private:
  Dataset data_;
  std::size_t batch_size_;
  bool shuffle_;
  autograd::Generator generator_;
  // 0, 1, …, n−1, built once and shared by every unshuffled epoch.
  std::shared_ptr<const std::vector<std::size_t>> identity_order_;
};

}  // namespace datasets
