#include "benchmarks/workloads.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>

#include <cblas.h>  // the bare-dgemm reference: OpenBLAS's CBLAS, the library the engine links

#include <xtensor/xadapt.hpp>
#include <xtensor/xview.hpp>

#include "autograd/autograd.hpp"
#include "autograd/kernels.hpp"
#include "benchmarks/timing.hpp"
#include "datasets/datasets.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/dropout_ridge/gaussian_design.hpp"
#include "experiments/dropout_ridge/marginalised.hpp"
#include "experiments/dropout_ridge/montecarlo.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"

namespace bench {

using autograd::Array;
using autograd::Tensor;
using nlohmann::json;

namespace {

// Stages of derive_seed(seed, stage): one independent stream per random choice.
enum Stage : std::uint64_t {
  kMcDesign = dropout_ridge::GaussianDesign::kSeedStage,  // as experiments/theorem draws it
  kMoonsData = 1,
  kMoonsSplit = 2,
  kBlogInit = 3,
  kLargeData = 4,
  kLargeInit = 5,
  kMcMasks = 6,
  kDgemmBuffers = 7,
};

constexpr double kMicro = 1e6;
constexpr double kGiga = 1e9;
constexpr double kMega = 1e6;

// The post's MLP: 2-hidden-hidden-1 with ReLU, and nn.Dropout(drop_prob) after each hidden
// ReLU when with_dropout.
std::shared_ptr<nn::Sequential> make_mlp(std::size_t inputs, std::size_t hidden, bool with_dropout,
                                         double drop_prob) {
  std::vector<std::shared_ptr<nn::Module>> layers;
  layers.push_back(std::make_shared<nn::Linear>(inputs, hidden));
  layers.push_back(std::make_shared<nn::ReLU>());
  if (with_dropout) layers.push_back(std::make_shared<nn::Dropout>(drop_prob));
  layers.push_back(std::make_shared<nn::Linear>(hidden, hidden));
  layers.push_back(std::make_shared<nn::ReLU>());
  if (with_dropout) layers.push_back(std::make_shared<nn::Dropout>(drop_prob));
  layers.push_back(std::make_shared<nn::Linear>(hidden, 1));
  return std::make_shared<nn::Sequential>(std::move(layers));
}

// The moons training points, each as its own (1, 2) input and (1, 1) label, built once, as a
// DataLoader with batch size 1 would hand them out.
struct Samples {
  std::vector<Tensor> inputs;
  std::vector<Tensor> labels;
};

Samples moons_training_samples(const Workload& workload) {
  const datasets::Dataset data =
      datasets::make_moons(workload.moons_samples, workload.moons_noise,
                           experiments::derive_seed(workload.seed, kMoonsData));
  const datasets::Dataset train =
      datasets::train_test_split(data, workload.test_size,
                                 experiments::derive_seed(workload.seed, kMoonsSplit))
          .first;
  Samples samples;
  const std::size_t n = train.X.shape()[0];
  for (std::size_t i = 0; i < n; ++i) {
    samples.inputs.emplace_back(Array(xt::view(train.X, xt::range(i, i + 1), xt::all())));
    Array label = Array::from_shape({1, 1});
    label(0, 0) = train.y(i);
    samples.labels.emplace_back(std::move(label));
  }
  return samples;
}

// SGD at batch size 1 through the training points in order, epoch after epoch, as the post's
// `for i, data in enumerate(trainloader)` loop (which also reads loss.item() every step).
class BatchOneTrainer {
 public:
  BatchOneTrainer(const Workload& workload, bool with_dropout)
      : samples_(moons_training_samples(workload)) {
    autograd::manual_seed(experiments::derive_seed(workload.seed, kBlogInit));
    model_ = make_mlp(2, workload.hidden, with_dropout, workload.drop_prob);
    sgd_ =
        std::make_unique<optim::SGD>(model_->parameters(), workload.lr, /*momentum=*/0.0,
                                     /*dampening=*/0.0, with_dropout ? 0.0 : workload.weight_decay);
  }

  std::size_t samples() const { return samples_.inputs.size(); }

  // Runs `steps` steps and returns their mean loss.
  double run(std::size_t steps) {
    double running_loss = 0;
    for (std::size_t s = 0; s < steps; ++s) {
      sgd_->zero_grad();
      Tensor loss = bce_((*model_)(samples_.inputs[next_]), samples_.labels[next_]);
      loss.backward();
      sgd_->step();
      running_loss += loss.item();
      next_ = (next_ + 1) % samples_.inputs.size();
    }
    return running_loss / static_cast<double>(steps);
  }

 private:
  Samples samples_;
  std::shared_ptr<nn::Sequential> model_;
  std::unique_ptr<optim::SGD> sgd_;
  nn::BCEWithLogitsLoss bce_;
  std::size_t next_ = 0;
};

// Appends figure(seconds) of each repetition, from its CPU and from its wall time.
template <class F>
void add_figures(Measurement& m, const std::vector<RepetitionTime>& times, F figure) {
  for (const RepetitionTime& t : times) {
    m.values.push_back(figure(t.cpu_seconds));
    m.wall_values.push_back(figure(t.wall_seconds));
  }
}

// 6 flops per multiply-add of a 2-hidden-hidden-1 MLP, per sample.
double mlp_flops_per_sample(std::size_t hidden) {
  const double h = static_cast<double>(hidden);
  return 6.0 * (2.0 * h + h * h + h * 1.0);
}

}  // namespace

double Workload::large_step_flops() const {
  return mlp_flops_per_sample(large_hidden) * static_cast<double>(large_batch);
}
double Workload::blog_step_flops() const {
  return mlp_flops_per_sample(hidden);
}

Workload make_workload(bool quick, std::uint64_t seed) {
  Workload w;
  w.seed = seed;
  w.quick = quick;
  if (quick) {  // a smoke test of every path, in seconds; its numbers mean little
    w.step_warmup_steps = 50;
    w.step_steps_per_rep = 200;
    w.step_repetitions = 3;
    w.moons_epochs = 2;
    w.moons_repetitions_ours = 1;
    w.large_batch = 256;
    w.large_hidden = 256;
    w.large_repetitions = 3;
    w.mc_draws_per_rep = 4'000;
    w.mc_repetitions = 3;
  }
  // PyTorch gets the chunk monte_carlo_loss stacks per forward pass, so both run the same shapes.
  w.mc_chunk_draws =
      dropout_ridge::stacked_draws(w.mc_draws_per_rep, w.mc_rows, w.mc_column_scales.size());
  return w;
}

json to_json(const Workload& w) {
  return {{"seed", w.seed},
          {"quick", w.quick},
          {"moons_samples", w.moons_samples},
          {"moons_noise", w.moons_noise},
          {"test_size", w.test_size},
          {"hidden", w.hidden},
          {"lr", w.lr},
          {"weight_decay", w.weight_decay},
          {"drop_prob", w.drop_prob},
          {"step_warmup_steps", w.step_warmup_steps},
          {"step_steps_per_rep", w.step_steps_per_rep},
          {"step_repetitions", w.step_repetitions},
          {"moons_epochs", w.moons_epochs},
          {"moons_repetitions_ours", w.moons_repetitions_ours},
          {"moons_repetitions_pytorch", w.moons_repetitions_pytorch},
          {"large_batch", w.large_batch},
          {"large_hidden", w.large_hidden},
          {"large_warmup_steps", w.large_warmup_steps},
          {"large_repetitions", w.large_repetitions},
          {"large_step_flops", w.large_step_flops()},
          {"blog_step_flops", w.blog_step_flops()},
          {"mc_rows", w.mc_rows},
          {"mc_column_scales", w.mc_column_scales},
          {"mc_true_weights", w.mc_true_weights},
          {"mc_noise", w.mc_noise},
          {"mc_retain_prob", w.mc_retain_prob},
          {"mc_chunk_draws", w.mc_chunk_draws},
          {"mc_draws_per_rep", w.mc_draws_per_rep},
          {"mc_warmup_reps", w.mc_warmup_reps},
          {"mc_repetitions", w.mc_repetitions}};
}

Measurement measure_step_batch1(const Workload& workload, bool with_dropout) {
  BatchOneTrainer trainer(workload, with_dropout);
  trainer.run(workload.step_warmup_steps);
  double last_mean_loss = 0;
  const auto times = time_repetitions(0, workload.step_repetitions, [&] {
    last_mean_loss = trainer.run(workload.step_steps_per_rep);
  });
  Measurement m;
  m.unit = "us/step";
  m.extra = {{"last_rep_mean_loss", last_mean_loss}, {"training_points", trainer.samples()}};
  add_figures(m, times, [&](double seconds) {
    return seconds / static_cast<double>(workload.step_steps_per_rep) * kMicro;
  });
  return m;
}

namespace {
// The blog model's parameters as plain vectors, and the step as loops (see workloads.hpp).
class BareStep {
 public:
  explicit BareStep(const nn::Sequential& model, double lr, double weight_decay)
      : lr_(lr), weight_decay_(weight_decay) {
    for (const Tensor& p : model.parameters()) {
      params_.emplace_back(p.value().begin(), p.value().end());
      grads_.emplace_back(p.size());
    }
    hidden_ = params_[1].size();
    h1_.resize(hidden_), a1_.resize(hidden_), h2_.resize(hidden_), a2_.resize(hidden_);
    d1_.resize(hidden_), d2_.resize(hidden_);
  }

  // One SGD step on input x (two features) with label y; returns the loss.
  double step(const double* x, double y) {
    const int H = static_cast<int>(hidden_);
    const double* W1 = params_[0].data();
    const double* b1 = params_[1].data();
    const double* W2 = params_[2].data();
    const double* b2 = params_[3].data();
    const double* W3 = params_[4].data();
    const double b3 = params_[5][0];
    // Forward: h1 = W1·x + b1, a1 = relu(h1), h2 = W2·a1 + b2, a2 = relu(h2), z = W3·a2 + b3.
    for (int i = 0; i < H; ++i) {
      h1_[i] = W1[2 * i] * x[0] + W1[2 * i + 1] * x[1] + b1[i];
      a1_[i] = h1_[i] <= 0 ? 0.0 : h1_[i];
    }
    cblas_dgemv(CblasRowMajor, CblasNoTrans, H, H, 1.0, W2, H, a1_.data(), 1, 0.0, h2_.data(), 1);
    double z = b3;
    for (int i = 0; i < H; ++i) {
      h2_[i] += b2[i];
      a2_[i] = h2_[i] <= 0 ? 0.0 : h2_[i];
      z += W3[i] * a2_[i];
    }
    // ℓ = (1 − y)·z + softplus(−z); dℓ/dz = σ(z) − y.
    const double loss = (1 - y) * z + autograd::kernels::softplus(-z);
    const double g = autograd::kernels::sigmoid(z) - y;
    // Backward: each layer's dW = δ·inputᵀ, db = δ, and δ of the layer below through relu.
    grads_[5][0] = g;
    for (int i = 0; i < H; ++i) {
      grads_[4][i] = g * a2_[i];
      d2_[i] = h2_[i] > 0 ? g * W3[i] : 0.0;
      grads_[3][i] = d2_[i];
    }
    for (int i = 0; i < H; ++i) {
      double* __restrict row = grads_[2].data() + static_cast<std::size_t>(i) * hidden_;
      for (int j = 0; j < H; ++j) row[j] = d2_[i] * a1_[j];
    }
    cblas_dgemv(CblasRowMajor, CblasTrans, H, H, 1.0, W2, H, d2_.data(), 1, 0.0, d1_.data(), 1);
    for (int i = 0; i < H; ++i) {
      d1_[i] = h1_[i] > 0 ? d1_[i] : 0.0;
      grads_[1][i] = d1_[i];
      grads_[0][2 * i] = d1_[i] * x[0];
      grads_[0][2 * i + 1] = d1_[i] * x[1];
    }
    // SGD with weight decay, as optim::SGD: θ −= lr·(g + wd·θ).
    for (std::size_t p = 0; p < params_.size(); ++p) {
      double* __restrict theta = params_[p].data();
      const double* __restrict grad = grads_[p].data();
      for (std::size_t k = 0; k < params_[p].size(); ++k) {
        theta[k] -= lr_ * (grad[k] + weight_decay_ * theta[k]);
      }
    }
    return loss;
  }

 private:
  double lr_, weight_decay_;
  std::size_t hidden_ = 0;
  std::vector<std::vector<double>> params_, grads_;  // W1, b1, W2, b2, W3, b3
  std::vector<double> h1_, a1_, h2_, a2_, d1_, d2_;
};

// The step of step_batch1_dropout written out by hand: BareStep with nn::Dropout(drop_prob)
// after each hidden ReLU and no weight decay. The masks come from the library generator, drawn
// as autograd::bernoulli_mask draws them (one draw per unit, first layer's 64 then the
// second's), so a run started from the same seed sees the engine's masks, not just masks of
// the same law; and each product keeps the engine's order, (x·m)·scale.
class BareDropoutStep {
 public:
  BareDropoutStep(const nn::Sequential& model, double lr, double drop_prob)
      : lr_(lr),
        scale_(1.0 / (1.0 - drop_prob)),
        // As bernoulli_mask(shape, 1 − p): u < ceil((1 − p)·2^53) for u = gen() >> 11.
        keep_threshold_(static_cast<std::uint64_t>(std::ceil((1.0 - drop_prob) * 0x1.0p53))) {
    for (const Tensor& p : model.parameters()) {
      params_.emplace_back(p.value().begin(), p.value().end());
      grads_.emplace_back(p.size());
    }
    hidden_ = params_[1].size();
    for (auto* v : {&h1_, &o1_, &m1_, &h2_, &o2_, &m2_, &d1_, &d2_}) v->resize(hidden_);
  }

  // One SGD step on input x (two features) with label y, masks from gen; returns the loss.
  double step(const double* x, double y, autograd::Generator& gen) {
    const int H = static_cast<int>(hidden_);
    const double* W1 = params_[0].data();
    const double* b1 = params_[1].data();
    const double* W2 = params_[2].data();
    const double* b2 = params_[3].data();
    const double* W3 = params_[4].data();
    const double b3 = params_[5][0];
    // 1 when u < threshold, else 0: u − threshold wraps around to set bit 63 exactly then.
    auto keep = [&] { return static_cast<double>(((gen() >> 11) - keep_threshold_) >> 63); };
    // Forward: o1 = relu(W1·x + b1)·m1·s, o2 = relu(W2·o1 + b2)·m2·s, z = W3·o2 + b3.
    for (int i = 0; i < H; ++i) {
      h1_[i] = W1[2 * i] * x[0] + W1[2 * i + 1] * x[1] + b1[i];
      m1_[i] = keep();
      o1_[i] = (h1_[i] <= 0 ? 0.0 : h1_[i]) * m1_[i] * scale_;
    }
    cblas_dgemv(CblasRowMajor, CblasNoTrans, H, H, 1.0, W2, H, o1_.data(), 1, 0.0, h2_.data(), 1);
    double z = b3;
    for (int i = 0; i < H; ++i) {
      h2_[i] += b2[i];
      m2_[i] = keep();
      o2_[i] = (h2_[i] <= 0 ? 0.0 : h2_[i]) * m2_[i] * scale_;
      z += W3[i] * o2_[i];
    }
    // ℓ = (1 − y)·z + softplus(−z); dℓ/dz = σ(z) − y.
    const double loss = (1 - y) * z + autograd::kernels::softplus(-z);
    const double g = autograd::kernels::sigmoid(z) - y;
    // Backward: dW = δ·inputᵀ, db = δ; δ of the layer below through the mask (·m·s), then relu.
    grads_[5][0] = g;
    for (int i = 0; i < H; ++i) {
      grads_[4][i] = g * o2_[i];
      d2_[i] = h2_[i] > 0 ? g * W3[i] * m2_[i] * scale_ : 0.0;
      grads_[3][i] = d2_[i];
    }
    for (int i = 0; i < H; ++i) {
      double* __restrict row = grads_[2].data() + static_cast<std::size_t>(i) * hidden_;
      for (int j = 0; j < H; ++j) row[j] = d2_[i] * o1_[j];
    }
    cblas_dgemv(CblasRowMajor, CblasTrans, H, H, 1.0, W2, H, d2_.data(), 1, 0.0, d1_.data(), 1);
    for (int i = 0; i < H; ++i) {
      d1_[i] = h1_[i] > 0 ? d1_[i] * m1_[i] * scale_ : 0.0;
      grads_[1][i] = d1_[i];
      grads_[0][2 * i] = d1_[i] * x[0];
      grads_[0][2 * i + 1] = d1_[i] * x[1];
    }
    // SGD without weight decay, as optim::SGD then: θ −= lr·g.
    for (std::size_t p = 0; p < params_.size(); ++p) {
      double* __restrict theta = params_[p].data();
      const double* __restrict grad = grads_[p].data();
      for (std::size_t k = 0; k < params_[p].size(); ++k) theta[k] -= lr_ * grad[k];
    }
    return loss;
  }

 private:
  double lr_, scale_;
  std::uint64_t keep_threshold_;
  std::size_t hidden_ = 0;
  std::vector<std::vector<double>> params_, grads_;  // W1, b1, W2, b2, W3, b3
  // Pre-activations h, masks m and the dropped-out activations o = relu(h)·m·s per layer.
  std::vector<double> h1_, o1_, m1_, h2_, o2_, m2_, d1_, d2_;
};

// Times a hand-written step (`step(x, y)` returns the loss) on the engine's points, as
// measure_step_batch1 times the engine, and checks that its mean loss equals the engine's on
// the same steps (relative 1e-9): it throws otherwise, since it would not be the same
// computation. The caller has seeded the library generator and built the step from the
// engine's initial weights, as BatchOneTrainer does.
template <class Step>
Measurement time_hand_written_step(const Workload& workload, const Samples& samples,
                                   bool with_dropout, Step&& step) {
  std::size_t next = 0;
  auto run = [&](std::size_t steps) {
    double total = 0;
    for (std::size_t s = 0; s < steps; ++s) {
      total += step(samples.inputs[next].value().data(), samples.labels[next].item());
      next = (next + 1) % samples.inputs.size();
    }
    return total / static_cast<double>(steps);
  };
  run(workload.step_warmup_steps);
  double last_mean_loss = 0;
  const auto times = time_repetitions(0, workload.step_repetitions,
                                      [&] { last_mean_loss = run(workload.step_steps_per_rep); });
  // The same computation as the engine's row: same weights, points, order (and masks), so the
  // same losses up to rounding.
  BatchOneTrainer engine(workload, with_dropout);
  engine.run(workload.step_warmup_steps);
  double engine_mean_loss = 0;
  for (std::size_t r = 0; r < workload.step_repetitions; ++r) {
    engine_mean_loss = engine.run(workload.step_steps_per_rep);
  }
  if (!(std::abs(engine_mean_loss - last_mean_loss) <= 1e-9 * std::abs(engine_mean_loss))) {
    throw std::logic_error(std::string(with_dropout ? "bare dropout step" : "bare step") +
                           ": mean loss " + std::to_string(last_mean_loss) +
                           " differs from the engine's " + std::to_string(engine_mean_loss) +
                           ": not the same computation");
  }
  Measurement m;
  m.unit = "us/step";
  m.extra = {{"last_rep_mean_loss", last_mean_loss}};
  add_figures(m, times, [&](double seconds) {
    return seconds / static_cast<double>(workload.step_steps_per_rep) * kMicro;
  });
  return m;
}
}  // namespace

Measurement measure_bare_step(const Workload& workload) {
  const Samples samples = moons_training_samples(workload);
  autograd::manual_seed(experiments::derive_seed(workload.seed, kBlogInit));
  const auto model = make_mlp(2, workload.hidden, /*with_dropout=*/false, 0.0);
  BareStep bare(*model, workload.lr, workload.weight_decay);
  return time_hand_written_step(workload, samples, /*with_dropout=*/false,
                                [&](const double* x, double y) { return bare.step(x, y); });
}

Measurement measure_bare_dropout_step(const Workload& workload) {
  const Samples samples = moons_training_samples(workload);
  // The engine's initial weights, and the generator where the engine's first mask draw finds it.
  autograd::manual_seed(experiments::derive_seed(workload.seed, kBlogInit));
  const auto model = make_mlp(2, workload.hidden, /*with_dropout=*/true, workload.drop_prob);
  BareDropoutStep bare(*model, workload.lr, workload.drop_prob);
  autograd::Generator& gen = autograd::generator();
  return time_hand_written_step(workload, samples, /*with_dropout=*/true,
                                [&](const double* x, double y) { return bare.step(x, y, gen); });
}

// Outside any anonymous namespace and never inlined, so that a profiler can be told to count
// inside it only: callgrind's --toggle-collect='*profiled_steps*' (benchmarks/callgrind_steps.sh).
[[gnu::noinline]] double profiled_steps(const std::function<double(std::size_t)>& run,
                                        std::size_t steps) {
  return run(steps);
}

double run_steps_for_profile(const Workload& workload, const std::string& step, std::size_t steps) {
  if (step == "engine" || step == "engine_dropout") {
    BatchOneTrainer trainer(workload, step == "engine_dropout");
    trainer.run(workload.step_warmup_steps);
    return profiled_steps([&](std::size_t n) { return trainer.run(n); }, steps);
  }
  if (step != "bare" && step != "bare_dropout") {
    throw std::invalid_argument("run_steps_for_profile: no step named '" + step +
                                "' (engine, engine_dropout, bare, bare_dropout)");
  }
  const bool with_dropout = step == "bare_dropout";
  const Samples samples = moons_training_samples(workload);
  autograd::manual_seed(experiments::derive_seed(workload.seed, kBlogInit));
  const auto model = make_mlp(2, workload.hidden, with_dropout, workload.drop_prob);
  BareStep bare(*model, workload.lr, workload.weight_decay);
  BareDropoutStep bare_dropout(*model, workload.lr, workload.drop_prob);
  autograd::Generator& gen = autograd::generator();
  std::size_t next = 0;
  auto run = [&](std::size_t n) {
    double total = 0;
    for (std::size_t s = 0; s < n; ++s) {
      const double* x = samples.inputs[next].value().data();
      const double y = samples.labels[next].item();
      total += with_dropout ? bare_dropout.step(x, y, gen) : bare.step(x, y);
      next = (next + 1) % samples.inputs.size();
    }
    return total / static_cast<double>(n);
  };
  run(workload.step_warmup_steps);
  return profiled_steps(run, steps);
}

json train_moons_model(const Workload& workload, std::size_t epochs) {
  BatchOneTrainer trainer(workload, /*with_dropout=*/false);
  double last_epoch_mean_loss = 0;
  const RepetitionTime time = time_repetitions(0, 1, [&] {
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
      last_epoch_mean_loss = trainer.run(trainer.samples());
    }
  })[0];
  return {{"wall_seconds", time.wall_seconds},
          {"cpu_seconds", time.cpu_seconds},
          {"epochs", epochs},
          {"steps", epochs * trainer.samples()},
          {"last_epoch_mean_loss", last_epoch_mean_loss}};
}

Measurement measure_large_batch(const Workload& workload) {
  const datasets::Dataset data =
      datasets::make_moons(workload.large_batch, workload.moons_noise,
                           experiments::derive_seed(workload.seed, kLargeData));
  const Tensor inputs(data.X);
  const Tensor labels(Array(xt::reshape_view(data.y, {workload.large_batch, std::size_t{1}})));
  autograd::manual_seed(experiments::derive_seed(workload.seed, kLargeInit));
  const auto model = make_mlp(2, workload.large_hidden, /*with_dropout=*/false, 0.0);
  optim::SGD sgd(model->parameters(), workload.lr);
  const nn::BCEWithLogitsLoss bce;
  double loss_value = 0;
  const auto times = time_repetitions(workload.large_warmup_steps, workload.large_repetitions, [&] {
    sgd.zero_grad();
    Tensor loss = bce((*model)(inputs), labels);
    loss.backward();
    sgd.step();
    loss_value = loss.item();
  });
  Measurement m;
  m.unit = "GFLOP/s";
  m.extra = {{"last_loss", loss_value}};
  add_figures(m, times,
              [&](double seconds) { return workload.large_step_flops() / seconds / kGiga; });
  return m;
}

Measurement measure_bare_dgemm(const Workload& workload) {
  const int B = static_cast<int>(workload.large_batch);
  const int H = static_cast<int>(workload.large_hidden);
  constexpr int In = 2;  // the moons' two features
  autograd::Generator gen(experiments::derive_seed(workload.seed, kDgemmBuffers));
  // Values in [-0.5, 0.5): no zeros or subnormals that could take a fast path.
  auto buffer = [&](int rows, int cols) {
    std::vector<double> b(static_cast<std::size_t>(rows) * cols);
    for (double& v : b) v = autograd::uniform(-0.5, 0.5, gen);
    return b;
  };
  const std::vector<double> X = buffer(B, In), W1 = buffer(H, In), W2 = buffer(H, H),
                            W3 = buffer(1, H), grad_out = buffer(B, 1);
  std::vector<double> H1 = buffer(B, H), H2 = buffer(B, H), out = buffer(B, 1),
                      grad_W3 = buffer(1, H), grad_H2 = buffer(B, H), grad_W2 = buffer(H, H),
                      grad_H1 = buffer(B, H), grad_W1 = buffer(H, In);
  // C = op(A)·op(B), row-major; M×K times K×N.
  auto gemm = [](CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int M, int N, int K, const double* A,
                 int lda, const double* Bm, int ldb, double* C, int ldc) {
    cblas_dgemm(CblasRowMajor, ta, tb, M, N, K, 1.0, A, lda, Bm, ldb, 0.0, C, ldc);
  };
  const auto N = CblasNoTrans;
  const auto T = CblasTrans;
  const auto times = time_repetitions(workload.large_warmup_steps, workload.large_repetitions, [&] {
    // Forward: y = x·Wᵀ per layer.
    gemm(N, T, B, H, In, X.data(), In, W1.data(), In, H1.data(), H);
    gemm(N, T, B, H, H, H1.data(), H, W2.data(), H, H2.data(), H);
    gemm(N, T, B, 1, H, H2.data(), H, W3.data(), H, out.data(), 1);
    // Backward: dW = dYᵀ·X_in and dX_in = dY·W, layer by layer; no gradient for the data
    // itself, which neither our engine nor PyTorch computes (it needs none).
    gemm(T, N, 1, H, B, grad_out.data(), 1, H2.data(), H, grad_W3.data(), H);
    gemm(N, N, B, H, 1, grad_out.data(), 1, W3.data(), H, grad_H2.data(), H);
    gemm(T, N, H, H, B, grad_H2.data(), H, H1.data(), H, grad_W2.data(), H);
    gemm(N, N, B, H, H, grad_H2.data(), H, W2.data(), H, grad_H1.data(), H);
    gemm(T, N, H, In, B, grad_H1.data(), H, X.data(), In, grad_W1.data(), In);
  });
  Measurement m;
  m.unit = "GFLOP/s";
  add_figures(m, times,
              [&](double seconds) { return workload.large_step_flops() / seconds / kGiga; });
  return m;
}

Measurement measure_mc_theorem(const Workload& workload) {
  const Array w = xt::adapt(workload.mc_true_weights, {workload.mc_true_weights.size()});
  const datasets::Dataset design = datasets::make_gaussian_regression(
      workload.mc_rows, workload.mc_column_scales, workload.mc_true_weights, workload.mc_noise,
      experiments::derive_seed(workload.seed, kMcDesign));
  nn::SrivastavaDropout dropout(workload.mc_retain_prob);
  const double expected =
      dropout_ridge::srivastava_expected_loss(design.X, design.y, w, workload.mc_retain_prob);
  autograd::manual_seed(experiments::derive_seed(workload.seed, kMcMasks));
  dropout_ridge::MonteCarloLoss result;
  const auto times = time_repetitions(workload.mc_warmup_reps, workload.mc_repetitions, [&] {
    result = dropout_ridge::monte_carlo_loss(design.X, design.y, w, dropout,
                                             workload.mc_draws_per_rep, expected, "mc_theorem");
  });
  const double entries = static_cast<double>(workload.mc_rows * workload.mc_column_scales.size() *
                                             workload.mc_draws_per_rep);
  Measurement m;
  m.unit = "M mask entries/s";
  m.extra = {{"expected_loss", expected},
             {"last_rep_mean_loss", result.mean},
             {"last_rep_mean_se", result.mean_se}};
  add_figures(m, times, [&](double seconds) { return entries / seconds / kMega; });
  return m;
}

}  // namespace bench
