// section.md, the moons part of results/REPORT.md, and the console lines: prose around the
// typed summary's numbers, one function per part of the section.
#include "experiments/moons/report.hpp"

#include <optional>

#include <fmt/format.h>

#include "experiments/common/markdown.hpp"
#include "experiments/moons/claims.hpp"

namespace moons {

using namespace fmt::literals;

namespace {

std::string architecture(const MlpShape& shape) {
  return fmt::format("{}-{}-1", shape.inputs, fmt::join(shape.hidden, "-"));
}

std::string introduction(const Summary& s) {
  const Config& c = s.config;
  const std::string data =
      s.from_file() ? fmt::format("the data of `{}`", c.data_file)
                    : fmt::format("`make_moons({}, noise={:.4g})` (noise chosen by us, `--noise`)",
                                  c.n_samples, c.noise);
  return fmt::format(
      "## The two moons: the post's Table 1, replayed and corrected (`experiments/moons`)\n\n"
      "The post trains an MLP with `SGD(lr=0.001, weight_decay=0.2)` and the same MLP with "
      "`nn.Dropout()` and `SGD(lr=0.001)` on scikit-learn's two moons, both with "
      "`BCEWithLogitsLoss`, 200 epochs of batch-1 steps over a `TensorDataset` (in order, no "
      "shuffling), and reports 0.487879 for both. It prints neither the noise of `make_moons` "
      "nor the architecture, nor the data size and the split: 1000 points with 33% for testing "
      "are inferred from 0.487879 (see below), not read from the post. The replay runs in "
      "float64, where the post ran PyTorch's default float32; the bugs make both replayed models "
      "constant predictors whatever the precision, and `experiments/moons/pytorch_moons.py` "
      "(float32) gives the point-for-point comparison (README). Here: {data} split "
      "{n_train}/{n_test} (test_size {test_size:.4g}), an MLP {architecture} with ReLU (dropout "
      "after each hidden ReLU; `--hidden`), {epochs} epochs, lr {lr:.4g}, weight decay "
      "{wd:.4g}, drop probability {drop:.4g}. Every number is over {seeds} seeds (each seed "
      "draws its own data, split, initialisation and dropout masks; the models of one seed "
      "share data and initial weights, so their differences are paired). The binomial standard "
      "error of one accuracy on {n_test} test points is about {se:.2g} (√(a(1−a)/{n_test}) at "
      "the dropout model's mean a).\n\n",
      "data"_a = data, "n_train"_a = s.n_train, "n_test"_a = s.n_test, "test_size"_a = c.test_size,
      "architecture"_a = architecture(c.shape), "epochs"_a = c.epochs, "lr"_a = c.lr,
      "wd"_a = c.weight_decay, "drop"_a = c.drop_prob, "seeds"_a = c.seeds,
      "se"_a = s.corrected.dropout.test.se_binomial);
}

std::string claims_part(const std::vector<experiments::Claim>& claims) {
  return fmt::format(
             "### The post's claims\n\nEach measured verdict is chosen by the checks listed with "
             "it (differences between models are called real beyond {:.2g} standard errors, "
             "paired over seeds); rows marked *argued* rest on an argument from the post's code "
             "or from what an accuracy can show, with the counts behind it.\n\n",
             kSignificantZ) +
         experiments::claims_table(claims);
}

// The best value of a sweep, and the first from which every seed is a constant predictor.
struct SweepFacts {
  double best_value = 0, best_mean = -1;
  std::optional<double> first_collapse;
};

SweepFacts sweep_facts(const std::vector<SweepPoint>& sweep, std::size_t seeds) {
  SweepFacts facts;
  for (const SweepPoint& p : sweep) {
    if (p.test_accuracy.mean > facts.best_mean) {
      facts.best_mean = p.test_accuracy.mean;
      facts.best_value = p.value;
    }
    if (!facts.first_collapse && p.constant_predictor_seeds == seeds) {
      facts.first_collapse = p.value;
    }
  }
  return facts;
}

std::string weight_decay_strength(const Summary& s, const SweepFacts& wd) {
  const CorrectedModel& model = s.corrected.weight_decay;
  std::string md = "**Weight decay.** ";
  md += wd.best_value == 0
            ? fmt::format("No weight decay on the grid beats none (test accuracy {:.4g}). ",
                          wd.best_mean)
            : fmt::format(
                  "The best weight decay on the grid is {:.4g} (test accuracy {:.4g}, "
                  "against {:.4g} without). ",
                  wd.best_value, wd.best_mean, s.sweep.weight_decay.front().test_accuracy.mean);
  md += wd.first_collapse
            ? fmt::format(
                  "From weight decay {:.4g} on, every seed's network collapses to a "
                  "constant predictor (its weights decay to about zero and it outputs one "
                  "label), so its accuracy is the class share. ",
                  *wd.first_collapse)
            : "No weight decay on the grid collapses every seed to a constant predictor. ";
  return md + fmt::format(
                  "The post's {:.4g} gives {} over the comparison's {} seeds (a constant "
                  "predictor on {}): with batch-1 SGD the penalty (wd/2)·‖θ‖² is applied at every "
                  "one of the {} steps of an epoch, against the gradient of one example.\n\n",
                  s.config.weight_decay, plus_minus(model.test), s.config.seeds,
                  count_of(model.constant_predictor_seeds, s.config.seeds), s.n_train);
}

std::string dropout_strength(const Summary& s, const SweepFacts& drop, const SweepFacts& wd) {
  const SweepPoint& largest = s.sweep.drop_prob.back();
  std::string md = fmt::format(
      "**Dropout.** {} (test accuracy {:.4g}); at {:.4g} the accuracy is {:.4g}. ",
      drop.best_value == 0
          ? "No drop probability on the grid beats none"
          : fmt::format("The best drop probability on the grid is {:.4g}", drop.best_value),
      drop.best_mean, largest.value, largest.test_accuracy.mean);
  if (drop.first_collapse) {
    md += fmt::format("From drop probability {:.4g} on, every seed gives a constant predictor.",
                      *drop.first_collapse);
  } else {
    md +=
        "No drop probability on the grid collapses the network to a constant predictor: "
        "dropout degrades the fit gradually";
    md += wd.first_collapse ? ", while weight decay, past a point, removes it altogether." : ".";
  }
  return md + "\n\n";
}

std::string strength_part(const Summary& s, const Figures& figures) {
  if (s.sweep.weight_decay.empty() || s.sweep.drop_prob.empty()) return "";
  const SweepFacts wd = sweep_facts(s.sweep.weight_decay, s.sweep.seeds);
  const SweepFacts drop = sweep_facts(s.sweep.drop_prob, s.sweep.seeds);
  return fmt::format(
             "### Regularisation strength\n\nEach point is the test accuracy over {} seeds (the "
             "first of the comparison's {}; fewer, and a coarse grid, to keep the default run "
             "near a minute: `--sweep-seeds` raises it) with the post's training budget; the "
             "dashed vertical line is the post's setting.\n\n",
             s.sweep.seeds, s.config.seeds) +
         figures.sweep_weight_decay + figures.sweep_drop_prob + weight_decay_strength(s, wd) +
         dropout_strength(s, drop, wd);
}

std::string for_a_student(const Summary& s) {
  const Replay& r = s.replay;
  const Corrected& c = s.corrected;
  const std::size_t seeds = s.config.seeds;
  const std::string collapse =
      c.weight_decay.constant_predictor_seeds == seeds
          ? "is so strong that the network collapses to a constant predictor on every seed, "
            "scoring"
          : fmt::format("is a constant predictor on {} seeds and scores",
                        count_of(c.weight_decay.constant_predictor_seeds, seeds));
  return fmt::format(
      "### For a student\n\n"
      "Two equal accuracies (0.487879 in the post; {wd_replay:.6g} and {dropout_replay:.6g} in "
      "our replay of seed 0) look like agreement between dropout and L2, but an accuracy near "
      "one half on a balanced problem is the first thing to distrust: it is what a model that "
      "always says the same label scores. Counting the predicted labels shows it at once (the "
      "replay predicts label 1 on {wd_ones} and {dropout_ones} of {n_test} points). Two bugs "
      "produce it: the dropout model is never trained (its loop steps the other model's "
      "optimizer), and raw logits are thresholded at 0.5 as if they were probabilities. "
      "Corrected, the dropout model reaches {dropout}, close to the unregularised {none} and to "
      "the Bayes limit {bayes:.4g}, while `weight_decay = {wd:.4g}` {collapse} {weight_decay}. "
      "Weight decay and dropout are different regularisers with different strength scales; the "
      "dropout–ridge identity (the theorem section) holds for linear regression in expectation, "
      "and says nothing about which value of one matches which value of the other in a network. "
      "Before reading meaning into a number, put it on a scale: here, the class share (≈ 0.5), "
      "a logistic regression ({logistic:.4g}) and the Bayes accuracy ({bayes:.4g}).\n\n",
      "wd_replay"_a = r.acc_weight_decay, "dropout_replay"_a = r.acc_dropout,
      "wd_ones"_a = r.predicted_ones_weight_decay, "dropout_ones"_a = r.predicted_ones_dropout,
      "n_test"_a = s.n_test, "dropout"_a = plus_minus(c.dropout.test),
      "none"_a = plus_minus(c.none.test), "bayes"_a = s.bayes.integral.accuracy,
      "wd"_a = s.config.weight_decay, "collapse"_a = collapse,
      "weight_decay"_a = plus_minus(c.weight_decay.test), "logistic"_a = s.logistic.test.mean);
}

}  // namespace

std::string section(const Summary& summary, const std::vector<experiments::Claim>& claims,
                    const Figures& figures) {
  return introduction(summary) + table_1(summary) + scale(summary) +
         where_0487879_comes_from(summary) + what_each_bug_does(summary) + claims_part(claims) +
         strength_part(summary, figures) + "### Figures\n\n" + figures.decision_boundaries +
         figures.loss_curves + for_a_student(summary);
}

std::string console_lines(const Summary& s) {
  const Replay& r = s.replay;
  const Corrected& c = s.corrected;
  return fmt::format(
      "moons: replay (seed 0; bugs: wrong optimizer {wrong_optimizer}, logit threshold "
      "{logit_threshold})\n"
      "  test split: {zeros} of {n_test} points have label 0 (share {zero_share:.6g}), {ones} "
      "label 1 (share {one_share:.6g})\n"
      "  weight-decay model: accuracy {wd_acc:.6g}, predicts label 1 on {wd_ones} of {n_test} "
      "points\n"
      "  dropout model:      accuracy {dropout_acc:.6g}, predicts label 1 on {dropout_ones} of "
      "{n_test} points\n"
      "  the post's 0.487879 = {correct}/330 if its test split had 330 points (inferred: only "
      "multiples of 330 give it); {constant}\n"
      "moons: corrected, over {seeds} seeds: weight decay {weight_decay}, dropout {dropout}, "
      "none {none}; logistic {logistic:.4g}, Bayes {bayes:.4g}\n",
      "wrong_optimizer"_a = r.bugs.wrong_optimizer, "logit_threshold"_a = r.bugs.logit_threshold,
      "zeros"_a = r.label_0_count, "n_test"_a = r.n_test, "zero_share"_a = r.label_0_share,
      "ones"_a = r.label_1_count, "one_share"_a = r.label_1_share, "wd_acc"_a = r.acc_weight_decay,
      "wd_ones"_a = r.predicted_ones_weight_decay, "dropout_acc"_a = r.acc_dropout,
      "dropout_ones"_a = r.predicted_ones_dropout, "correct"_a = r.post_correct_of_330,
      "constant"_a = r.both_constant()
                         ? "both replayed models are constant predictors, as the post's would be"
                         : "the replayed models are not both constant predictors here",
      "seeds"_a = s.config.seeds, "weight_decay"_a = plus_minus(c.weight_decay.test),
      "dropout"_a = plus_minus(c.dropout.test), "none"_a = plus_minus(c.none.test),
      "logistic"_a = s.logistic.test.mean, "bayes"_a = s.bayes.integral.accuracy);
}

}  // namespace moons
