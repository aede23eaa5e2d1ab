#include "datasets/data_loader.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <stdexcept>

namespace datasets {

DataLoader::DataLoader(const Dataset& data, std::size_t batch_size, bool shuffle,
                       std::uint64_t seed)
    : data_(data), batch_size_(batch_size), shuffle_(shuffle), generator_(seed) {
  if (batch_size == 0) {
    throw std::invalid_argument("DataLoader: batch_size must be positive, got batch_size = 0");
  }
  check_dataset(data_, "DataLoader");
  if (!shuffle_) {
    auto order = std::make_shared<std::vector<std::size_t>>(data_.size());
    std::iota(order->begin(), order->end(), std::size_t{0});
    identity_order_ = std::move(order);
  }
}

std::size_t DataLoader::num_batches() const {
  return (data_.size() + batch_size_ - 1) / batch_size_;
}

DataLoader::Iterator DataLoader::begin() {
  // The order lives as long as the epoch's iterators, so a nested or overlapping pass (which
  // starts an epoch of its own) cannot reorder rows under an iterator already in use.
  std::shared_ptr<const std::vector<std::size_t>> order =
      shuffle_ ? std::make_shared<const std::vector<std::size_t>>(
                     autograd::permutation(data_.size(), generator_))
               : identity_order_;
  return Iterator(this, std::move(order), 0);
}

DataLoader::Iterator DataLoader::end() const {
  return Iterator(nullptr, nullptr, num_batches());
}

DataLoader::Iterator::Iterator(const DataLoader* loader,
                               std::shared_ptr<const std::vector<std::size_t>> order,
                               std::size_t batch_index)
    : loader_(loader), order_(std::move(order)), batch_index_(batch_index) {
  if (loader_ != nullptr) load_batch();
}

DataLoader::Iterator& DataLoader::Iterator::operator++() {
  ++batch_index_;
  load_batch();
  return *this;
}

void DataLoader::Iterator::load_batch() {
  if (batch_index_ >= loader_->num_batches()) return;  // past the end: nothing to load
  const std::size_t first = batch_index_ * loader_->batch_size_;
  const std::size_t count = std::min(loader_->batch_size_, order_->size() - first);
  const std::span<const std::size_t> rows(order_->data() + first, count);
  gather_rows(loader_->data_.X, rows, batch_.X);
  gather_rows(loader_->data_.y, rows, batch_.y);
}

}  // namespace datasets
