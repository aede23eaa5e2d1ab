#include "experiments/moons/training.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "autograd/grad_mode.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/parallel.hpp"
#include "nn/losses.hpp"

namespace moons {

std::vector<std::size_t> parse_hidden(const std::string& text) {
  std::vector<std::size_t> widths;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::size_t width = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + comma;
    const auto [end, error] = std::from_chars(first, last, width);
    if (first == last || error != std::errc() || end != last || width == 0) {
      throw std::invalid_argument(
          "hidden layer widths must be positive integers separated by "
          "commas (e.g. \"64,64\"), got \"" +
          text + "\"");
    }
    widths.push_back(width);
    start = comma + 1;
  }
  return widths;
}

std::string hidden_to_string(const std::vector<std::size_t>& hidden) {
  return fmt::format("{}", fmt::join(hidden, ","));
}

namespace {
std::string non_finite_message(const std::string& model, std::size_t step, std::size_t epoch,
                               double last_finite_loss, double loss) {
  // {:g}: the loss as a stream prints it (6 significant digits, nan, inf); the last finite one
  // exactly, to reproduce.
  const std::string last = std::isnan(last_finite_loss) ? "none (the first step failed)"
                                                        : experiments::exact(last_finite_loss);
  return fmt::format(
      "non-finite training loss ({:g}) in model '{}' at step {} (epoch {}); the last finite loss "
      "was {}. Lower --lr, or pass --allow-non-finite to train on regardless",
      loss, model, step, epoch, last);
}
}  // namespace

NonFiniteLoss::NonFiniteLoss(const std::string& model, std::size_t step_, std::size_t epoch_,
                             double last_finite_loss_, double loss)
    : std::runtime_error(non_finite_message(model, step_, epoch_, last_finite_loss_, loss)),
      step(step_),
      epoch(epoch_),
      last_finite_loss(last_finite_loss_) {}

std::vector<double> post_training_loop(nn::Module& model, optim::SGD& zeroed, optim::SGD& stepped,
                                       const Rows& rows, std::size_t epochs,
                                       const std::string& model_name, const LoopControl& control) {
  const nn::BCEWithLogitsLoss criterion;  // mean over the batch's one element
  std::vector<double> epoch_loss;
  epoch_loss.reserve(epochs);
  double last_finite_loss = std::nan("");
  std::size_t step = 0;
  model.train();
  for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
    control.before_epoch();
    double running_loss = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ++step;
      zeroed.zero_grad();
      Tensor loss = criterion(model(rows.inputs[i]), rows.labels[i]);
      loss.backward();
      stepped.step();
      const double value = loss.item();
      if (!std::isfinite(value)) {
        if (control.stop_on_non_finite) {
          throw NonFiniteLoss(model_name, step, epoch, last_finite_loss, value);
        }
      } else {
        last_finite_loss = value;
      }
      running_loss += value;
    }
    epoch_loss.push_back(running_loss / static_cast<double>(rows.size()));
    control.after_epoch(rows.size());
  }
  return epoch_loss;
}

double mean_bce(const Array& logit_values, const Array& labels) {
  const nn::BCEWithLogitsLoss criterion;
  autograd::NoGradGuard no_grad;
  return criterion(Tensor(logit_values), Tensor(labels)).item();
}

double parameter_norm_by_array(const std::vector<Array>& parameters) {
  double squares = 0;
  for (const Array& parameter : parameters) squares += xt::sum(parameter * parameter)();
  return std::sqrt(squares);
}

}  // namespace moons
