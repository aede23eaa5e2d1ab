// The parts of section.md about the replay: the post's Table 1 beside ours, where 0.487879
// comes from, and what each of the post's two bugs does.
#include <algorithm>

#include <fmt/format.h>

#include "experiments/common/markdown.hpp"
#include "experiments/moons/claims.hpp"
#include "experiments/moons/report.hpp"

namespace moons {

using namespace fmt::literals;

namespace {

std::string bugs_text(Bugs bugs) {
  if (bugs.wrong_optimizer && bugs.logit_threshold) return "both bugs, as the post's code";
  if (bugs.wrong_optimizer) return "wrong optimizer only";
  if (bugs.logit_threshold) return "logit threshold only";
  return "neither (the corrected code)";
}

std::string bug_table(const Summary& s) {
  const std::size_t seeds = s.config.seeds;
  std::vector<std::vector<std::string>> rows;
  for (const BugCase& c : s.replay.by_bug) {  // neither, threshold only, optimizer only, both
    rows.push_back({bugs_text(c.bugs), plus_minus(c.weight_decay),
                    count_of(c.weight_decay_constant_seeds, seeds) + " seeds",
                    plus_minus(c.dropout), count_of(c.dropout_constant_seeds, seeds) + " seeds"});
  }
  return "### What each bug does\n\n" +
         experiments::markdown_table({"bugs in the code", "weight-decay model: accuracy",
                                      "constant on", "dropout model: accuracy", "constant on"},
                                     rows);
}

}  // namespace

std::string table_1(const Summary& s) {
  const Replay& r = s.replay;
  const Corrected& c = s.corrected;
  const auto replayed = [&](double accuracy, std::size_t ones) {
    return fmt::format("{:.6g} (predicts label 1 on {} of {})", accuracy, ones, s.n_test);
  };
  const std::string post = fmt::format("{:.6g}", kPostAccuracy);
  std::vector<std::vector<std::string>> rows = {
      {fmt::format("MLP, weight decay {:.4g}", s.config.weight_decay), post,
       replayed(r.acc_weight_decay, r.predicted_ones_weight_decay),
       plus_minus(r.over_seeds.weight_decay), plus_minus(c.weight_decay.test)},
      {fmt::format("MLP (Dropout {:.4g})", s.config.drop_prob), post,
       replayed(r.acc_dropout, r.predicted_ones_dropout), plus_minus(r.over_seeds.dropout),
       plus_minus(c.dropout.test)},
      {"MLP, no regulariser", "—", "—", "—", plus_minus(c.none.test)},
      {"logistic regression", "—", "—", "—", plus_minus(s.logistic.test)}};
  if (s.bayes.test_accuracy) {
    rows.push_back({"Bayes classifier (knows the densities)", "—", "—", "—",
                    plus_minus(*s.bayes.test_accuracy)});
  }
  const std::size_t seeds = s.config.seeds;
  return "### Table 1, beside the replay and the corrected run\n\n" +
         experiments::markdown_table(
             {"model", "post (Table 1)", fmt::format("replay, seed 0 ({})", bugs_text(r.bugs)),
              fmt::format("replay, mean ± std over {} seeds", seeds),
              fmt::format("corrected, mean ± std over {} seeds", seeds)},
             rows) +
         "\n";
}

std::string scale(const Summary& s) {
  const BayesSummary& b = s.bayes;
  if (s.from_file()) {
    return fmt::format(
        "**Scale.** The Bayes accuracy {:.6g} is that of make_moons at noise {:.4g} (`--noise`); "
        "whether it applies to the given file depends on how the file was made.\n\n",
        b.integral.accuracy, s.config.noise);
  }
  return fmt::format(
      "**Scale.** The Bayes accuracy of these moons (noise {:.4g}, the best any classifier can "
      "do) is {:.6g}, by numerical integration (grid step {:.3g}, {} Gauss–Legendre nodes along "
      "each arc); halving the step and doubling the nodes gives {:.6g} (difference {:.2g}; the "
      "densities integrate to {:.10g}). A constant predictor scores the share of one class, "
      "about 0.5.\n\n",
      s.config.noise, b.integral.accuracy, b.integral.step, b.integral.t_nodes,
      b.half_step.accuracy, b.half_step.accuracy - b.integral.accuracy, b.integral.total_mass);
}

std::string where_0487879_comes_from(const Summary& s) {
  const Replay& r = s.replay;
  const BugCase& post = r.with(true, true);
  const std::size_t seeds = s.config.seeds;
  std::string md = fmt::format(
      "### Where 0.487879 comes from\n\n"
      "0.487879 = {correct}/330 (= {fraction:.6g}), if the post's test split had 330 points: the "
      "post prints neither its data size nor its split, but among test-set sizes up to 3000 "
      "only multiples of 330 give 0.487879 to six digits (`config.inferred`), so 1000 points "
      "with test_size 0.33 is our inference. It is the accuracy of a predictor that says the "
      "same label for every point, on a test split in which that label has {correct} of the 330 "
      "points. In our replay (seed 0) the test split has {zeros} points of label 0 (share "
      "{zero_share:.6g}) and {ones} of label 1; the weight-decay model predicts label 1 on "
      "{wd_ones} and the dropout model on {dropout_ones} of the {n_test} points, so they score "
      "{wd_acc:.6g} and {dropout_acc:.6g}{both_constant}. Over {seeds} seeds of the replay, the "
      "weight-decay model is a constant predictor on {wd_constant} seeds, the dropout model on "
      "{dropout_constant}, both predict the same single label on {same_label}, and the two "
      "accuracies are exactly equal on {equal}.",
      "correct"_a = r.post_correct_of_330,
      "fraction"_a = static_cast<double>(r.post_correct_of_330) / kPostTestSize,
      "zeros"_a = r.label_0_count, "zero_share"_a = r.label_0_share, "ones"_a = r.label_1_count,
      "wd_ones"_a = r.predicted_ones_weight_decay, "dropout_ones"_a = r.predicted_ones_dropout,
      "n_test"_a = s.n_test, "wd_acc"_a = r.acc_weight_decay, "dropout_acc"_a = r.acc_dropout,
      "both_constant"_a = r.both_constant() ? ", both constant predictors" : "", "seeds"_a = seeds,
      "wd_constant"_a = count_of(post.weight_decay_constant_seeds, seeds),
      "dropout_constant"_a = count_of(post.dropout_constant_seeds, seeds),
      "same_label"_a = count_of(post.both_constant_same_class_seeds, seeds),
      "equal"_a = count_of(post.equal_accuracy_seeds, seeds));
  if (post.weight_decay_constant_seeds == seeds && post.dropout_constant_seeds == seeds) {
    md +=
        " Our split's share is not 161/330 because our random numbers are not NumPy's; the "
        "mechanism is the same: on every seed both replayed models are constant predictors.";
  } else {
    md += fmt::format(
        " The replayed models are not constant on every seed here, so the post's mechanism (two "
        "constant predictors scoring a class share) explains only {} of them at most.",
        count_of(std::min(post.weight_decay_constant_seeds, post.dropout_constant_seeds), seeds));
  }
  if (!s.from_file()) {
    const CorrectedModel& w = s.corrected.weight_decay;
    md += fmt::format(
        " Why below one half: make_moons gives exactly half the points to each label, so the "
        "label that is the majority of the training split is the minority of the test split. "
        "The corrected weight-decay model is a constant predictor on {} seeds, on the training "
        "majority label on {}, and below 0.5 on {}.",
        count_of(w.constant_predictor_seeds, seeds),
        count_of(w.constant_on_train_majority_seeds, seeds), count_of(w.below_half_seeds, seeds));
  }
  return md + "\n\n";
}

std::string what_each_bug_does(const Summary& s) {
  const SecondLoop& loop = s.replay.second_loop;
  const auto& distance = loop.weight_decay_distance_to_fixed_point;
  const std::string mechanisms = fmt::format(
      "\n**The wrong optimizer.** The second loop calls `optimizer_dropout.zero_grad()`, "
      "back-propagates the dropout model's loss into the dropout model's gradients, then calls "
      "`optimizer.step()`: the *weight-decay model's* optimizer, whose gradients were last "
      "written by the final step of the first loop and are never zeroed again. So the dropout "
      "model is never updated (largest change of any of its weights from initialisation: "
      "{dropout_change:.3g}), and the weight-decay model takes {steps} more steps "
      "θ ← θ − lr·(g_stale + wd·θ) with the same stale gradient g_stale. That iteration "
      "converges to θ* = −g_stale/wd with factor (1 − lr·wd) per step, {decay:.3g} over the "
      "loop; at the end the weights are {fixed_point} (they moved by up to {wd_change:.3g}). θ* "
      "is built from one example's gradient, which is rank one in every layer and, when the "
      "weights are small, carried mostly by the output bias, ∂L/∂b = σ(z) − y: the network's "
      "output is then nearly the constant −(σ(z) − y)/wd, whose sign is that of the last "
      "training example's label minus its prediction. On seed 0 that example has label "
      "{last_label}, and the weight-decay model's logits on the {n_test} test points end in "
      "[{wd_low:.4g}, {wd_high:.4g}].\n\n"
      "**The logit threshold.** `binarize(outputs)` compares raw logits with 0.5, i.e. it asks "
      "for σ(z) ≥ σ(0.5) ≈ 0.62 instead of σ(z) > 0.5. On a trained model this moves the "
      "boundary a little (compare the first two rows). The untrained dropout model's logits on "
      "the test points lie in [{dropout_low:.3g}, {dropout_high:.3g}] on seed 0, and all below "
      "0.5 on {below} seeds: there the post's threshold turns a random network, which would "
      "still split the plane somewhere at σ(z) = 0.5, into the constant label 0.\n\n",
      "dropout_change"_a = loop.dropout_max_abs_change_from_init, "steps"_a = loop.steps,
      "decay"_a = loop.decay_factor,
      "fixed_point"_a = distance ? fmt::format("within {:.2g} of θ*", *distance)
                                 : "not at a fixed point (weight decay 0 has none)",
      "wd_change"_a = loop.weight_decay_model_max_abs_change,
      "last_label"_a = static_cast<int>(loop.last_training_label), "n_test"_a = s.n_test,
      "wd_low"_a = loop.weight_decay_logit_min, "wd_high"_a = loop.weight_decay_logit_max,
      "dropout_low"_a = loop.dropout_logit_min, "dropout_high"_a = loop.dropout_logit_max,
      "below"_a = count_of(loop.dropout_all_logits_below_half_seeds, s.config.seeds));
  return bug_table(s) + mechanisms;
}

}  // namespace moons
