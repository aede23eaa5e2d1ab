#include "experiments/moons/claims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

namespace moons {

using experiments::Check;
using experiments::Claim;
using experiments::kNaN;
using experiments::MeanSe;
using experiments::Outcome;

std::string plus_minus(const SeedStats& stats) {
  return fmt::format("{:.4g} ± {:.2g}", stats.mean, stats.sd);
}

std::string count_of(std::size_t count, std::size_t total) {
  return fmt::format("{} of {}", count, total);
}

std::string z_text(double z) {
  return std::isfinite(z) ? fmt::format("{:.3g}", z) : "—";
}

namespace {

MeanSe paired(const SeedStats& difference) {
  return {difference.mean, difference.se};
}

// Paired differences of per-seed numbers, b − a.
MeanSe paired(const std::vector<double>& a, const std::vector<double>& b) {
  return experiments::mean_se(experiments::paired_differences(b, a));
}

// The index of the grid value 0.5, or the grid's size when it is not on it.
std::size_t index_of_half(const std::vector<SweepPoint>& sweep) {
  for (std::size_t k = 0; k < sweep.size(); ++k) {
    if (std::abs(sweep[k].value - 0.5) < 1e-12) return k;
  }
  return sweep.size();
}

}  // namespace

MeanSe loss_slope(const std::vector<SweepPoint>& sweep) {
  if (sweep.size() < 2) return {kNaN, kNaN};
  std::vector<double> x;
  for (const SweepPoint& point : sweep) x.push_back(point.value);
  // Σ(x − x̄)·y / Σ(x − x̄)², seed by seed: the grid is the same for every seed. Written out
  // rather than experiments::fit_line, whose Sxy is Σ(x − x̄)(y − ȳ): the same slope in exact
  // arithmetic, but it moves drop_prob.loss_slope_z in the last bits (seed 0: 19.10922092653776
  // → …777), and the summary's numbers were made with this order; fit_line needs 3 points.
  const double x_mean = experiments::mean(x);
  double sxx = 0;
  for (const double value : x) sxx += (value - x_mean) * (value - x_mean);
  std::vector<double> slopes;
  for (std::size_t s = 0; s < sweep.front().train_loss_eval_mode_per_seed.size(); ++s) {
    double sxy = 0;
    for (std::size_t k = 0; k < sweep.size(); ++k) {
      sxy += (x[k] - x_mean) * sweep[k].train_loss_eval_mode_per_seed[s];
    }
    slopes.push_back(sxy / sxx);
  }
  return experiments::mean_se(slopes);
}

MeanSe loss_beyond_half(const std::vector<SweepPoint>& sweep) {
  const std::size_t half = index_of_half(sweep);
  if (half + 1 >= sweep.size()) return {kNaN, kNaN};
  return paired(sweep[half].train_loss_eval_mode_per_seed,
                sweep.back().train_loss_eval_mode_per_seed);
}

double half_over_others_min_z(const std::vector<SweepPoint>& sweep) {
  const std::size_t half = index_of_half(sweep);
  if (half >= sweep.size() || sweep.size() < 2) return kNaN;
  double smallest = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < sweep.size(); ++k) {
    if (k == half) continue;
    const double z =
        paired(sweep[k].train_loss_eval_mode_per_seed, sweep[half].train_loss_eval_mode_per_seed)
            .z();
    if (std::isnan(z)) return kNaN;
    smallest = std::min(smallest, z);
  }
  return smallest;
}

Claim inferred_split_claim(const std::vector<int>& denominators) {
  const bool all_multiples =
      !denominators.empty() && std::all_of(denominators.begin(), denominators.end(),
                                           [](int n) { return n % kPostTestSize == 0; });
  std::vector<Check> checks = {
      experiments::is_true("every_denominator_up_to_3000_is_a_multiple_of_330", all_multiples),
      experiments::at_least("denominators_found", double(denominators.size()), 1)};
  const Outcome outcome =
      experiments::all_passed(checks)
          ? Outcome{"inferred, not printed",
                    fmt::format("the post prints neither the data size nor the split; among "
                                "test-set sizes up to 3000 only multiples of 330 ({}) give "
                                "0.487879 to six digits, and 1000 points with test_size 0.33 "
                                "(ceil(0.33·1000) = 330 test points) is the simplest split that "
                                "does: our inference, not the post's statement",
                                fmt::join(denominators, ", "))}
          : experiments::not_confirmed(checks, "the inference of a 330-point test split fails");
  return experiments::measured_claim(
      "moons.table1_split", "Table 1: MLP 0.487879, MLP (Dropout) 0.487879",
      "the test-set sizes n ≤ 3000 for which some k/n rounds to 0.487879", checks, outcome);
}

Claim same_accuracy_claim(const Summary& s) {
  const Replay& r = s.replay;
  const Difference& d = s.corrected.dropout_minus_weight_decay;
  const std::string z = z_text(paired(d).z());
  std::vector<Check> checks = {experiments::equal_to("replay.seed0_accuracy_difference",
                                                     r.acc_dropout - r.acc_weight_decay, 0),
                               experiments::abs_above("corrected.dropout_minus_weight_decay_z",
                                                      paired(d).z(), kSignificantZ)};
  const bool replay_equal = experiments::passed(checks, "replay.seed0_accuracy_difference");
  const bool corrected_differ =
      experiments::passed(checks, "corrected.dropout_minus_weight_decay_z");
  Outcome outcome;
  if (replay_equal && corrected_differ) {
    outcome = {"an artefact of the bugs",
               fmt::format("the replay's two accuracies are equal, and once the bugs are fixed "
                           "the models differ by {:.3g} (z = {})",
                           d.mean, z)};
  } else if (corrected_differ) {
    outcome = {"not reproduced",
               "even the replay's two accuracies differ, and the corrected models differ "
               "significantly"};
  } else {
    outcome = {"equal within noise after correction",
               fmt::format("the corrected models' difference is within {:.2g} standard errors "
                           "(z = {})",
                           kSignificantZ, z)};
  }
  const std::string measured = fmt::format(
      "replay, seed 0: {:.6g} and {:.6g}{}; equal on {} replayed seeds. Corrected: dropout − "
      "weight decay = {} (paired over seeds, z = {})",
      r.acc_weight_decay, r.acc_dropout, r.both_constant() ? ", both constant predictors" : "",
      count_of(r.with(true, true).equal_accuracy_seeds, s.config.seeds), plus_minus(d), z);
  return experiments::measured_claim(
      "moons.same_accuracy", "To no surprise, both models have exactly the same accuracy score.",
      measured, checks, outcome);
}

Claim evidence_claim(const Summary& s) {
  // The counts behind the argument are shown; the verdict is the argument's (an accuracy says
  // nothing about the expected losses the theorem is about).
  const BugCase& post = s.replay.with(true, true);
  const double seeds = static_cast<double>(s.config.seeds);
  std::vector<Check> checks = {
      experiments::equal_to("replay.weight_decay_constant_seeds",
                            double(post.weight_decay_constant_seeds), seeds),
      experiments::equal_to("replay.dropout_constant_seeds", double(post.dropout_constant_seeds),
                            seeds)};
  const std::string because =
      experiments::all_passed(checks)
          ? "both replayed models are constant predictors on every seed, so their accuracy is a "
            "class share whatever they learnt; and the theorem is about linear regression with "
            "input dropout"
          : "two equal accuracies say nothing about the expected losses the theorem is about, "
            "which concerns linear regression with input dropout, not an MLP with hidden dropout";
  const std::string argument = fmt::format(
      "the replayed models are constant predictors on {} (weight decay) and {} (dropout) seeds; "
      "a constant predictor's accuracy is the share of its label in the test split, whatever it "
      "learnt; the theorem concerns linear regression with input dropout, not an MLP with "
      "hidden dropout and `weight_decay`",
      count_of(post.weight_decay_constant_seeds, s.config.seeds),
      count_of(post.dropout_constant_seeds, s.config.seeds));
  return experiments::reasoning_claim("moons.further_evidence",
                                      "This serves as further evidence the theorem holds.",
                                      argument, {"no evidence", because}, checks);
}

Claim default_p_claim(const Summary& s) {
  const std::size_t seeds = s.config.seeds;
  const std::size_t equal_without_bugs = s.replay.with(false, false).equal_accuracy_seeds;
  std::vector<Check> checks = {
      experiments::below("replay_without_bugs.equal_accuracy_seeds", double(equal_without_bugs),
                         double(seeds)),
      experiments::abs_above("corrected.dropout_minus_weight_decay_z",
                             paired(s.corrected.dropout_minus_weight_decay).z(), kSignificantZ)};
  const Outcome outcome =
      experiments::all_passed(checks)
          ? Outcome{"wrong", fmt::format("the identical numbers come from the bugs, not from p: "
                                         "without them the accuracies differ on {} seeds",
                                         count_of(seeds - equal_without_bugs, seeds))}
          : Outcome{"unsupported",
                    "the equality does not come from p: nn.Dropout's p is a drop probability, "
                    "unrelated to weight_decay's 0.2"};
  const auto equal_on = [&](bool optimizer, bool threshold) {
    return count_of(s.replay.with(optimizer, threshold).equal_accuracy_seeds, seeds);
  };
  const std::string argument = fmt::format(
      "equal accuracies on {} seeds with both bugs, {} with the wrong optimizer only, {} with "
      "the threshold only, {} with neither; corrected accuracies {} (weight decay {:.4g}) and {} "
      "(dropout {:.4g}); nn.Dropout's p is a drop probability and has no relation to "
      "weight_decay = {:.4g}",
      equal_on(true, true), equal_on(true, false), equal_on(false, true), equal_on(false, false),
      plus_minus(s.corrected.weight_decay.test), s.config.weight_decay,
      plus_minus(s.corrected.dropout.test), s.config.drop_prob, s.config.weight_decay);
  return experiments::reasoning_claim(
      "moons.nn_dropout_default",
      "p = 0.5 is the default setting of nn.Dropout, which is why we saw exactly the same "
      "results in Table 1.",
      argument, outcome, checks);
}

Claim p_half_claim(const Summary& s) {
  const std::vector<SweepPoint>& sweep = s.sweep.drop_prob;
  const MeanSe slope = loss_slope(sweep);
  const MeanSe beyond = loss_beyond_half(sweep);
  std::vector<Check> checks = {
      experiments::at_least("drop_prob.loss_slope_z", slope.z(), kSignificantZ),
      experiments::at_least("drop_prob.loss_at_largest_minus_at_half_z", beyond.z(), kSignificantZ),
      experiments::at_least("drop_prob.loss_at_half_minus_others_min_z",
                            half_over_others_min_z(sweep), kSignificantZ)};
  Outcome outcome;
  if (experiments::passed(checks, "drop_prob.loss_slope_z") &&
      experiments::passed(checks, "drop_prob.loss_at_largest_minus_at_half_z")) {
    outcome = {"wrong",
               fmt::format("regularisation grows with the drop probability, past 0.5 too: the "
                           "eval-mode training loss rises by {:.3g} per unit of drop probability "
                           "(z = {}), and is higher at {:.2g} than at 0.5 by {:.3g} (z = {})",
                           slope.mean, z_text(slope.z()), sweep.back().value, beyond.mean,
                           z_text(beyond.z()))};
  } else if (experiments::passed(checks, "drop_prob.loss_at_half_minus_others_min_z")) {
    outcome = {"holds",
               "the eval-mode training loss is highest at 0.5, significantly above every other "
               "drop probability of the grid"};
  } else {
    outcome = experiments::not_confirmed(
        checks, "over these seeds the trend is not clear in either direction");
  }
  std::vector<std::string> losses;
  for (const SweepPoint& point : sweep) {
    losses.push_back(fmt::format("{:.2g}: {:.3g}", point.value, point.train_loss_eval_mode_mean));
  }
  const std::string measured = fmt::format(
      "how far dropout keeps the trained network from fitting its training set (eval-mode "
      "training loss, mean over {} seeds, by drop probability): {}; trend test over seeds: slope "
      "{:.3g} ± {:.2g} (SE) per unit of drop probability",
      s.sweep.seeds, fmt::join(losses, ", "), slope.mean, slope.se);
  return experiments::measured_claim(
      "moons.p_half_regularises_most",
      "The highest level of regularization of dropout will be reached at p = 0.5, as this "
      "maximises our parabola",
      measured, checks, outcome);
}

Claim not_overfitted_claim(const Summary& s) {
  const SeedStats& gap = s.corrected.none.generalisation_gap;
  const Difference& dn = s.corrected.dropout_minus_none;
  std::vector<Check> checks = {
      experiments::below("none.generalisation_gap_minus_2se", gap.mean - 2 * gap.se, 0),
      experiments::below("none.generalisation_gap_minus_one_split_se",
                         gap.mean - s.corrected.dropout.test.se_binomial, 0),
      experiments::at_most("dropout_minus_none.mean_minus_2se", dn.mean - 2 * dn.se, 0)};
  const bool no_overfit = experiments::passed(checks, "none.generalisation_gap_minus_2se") ||
                          experiments::passed(checks, "none.generalisation_gap_minus_one_split_se");
  Outcome outcome;
  if (no_overfit && experiments::passed(checks, "dropout_minus_none.mean_minus_2se")) {
    outcome = {"consistent", fmt::format("the network does not overfit (training − test "
                                         "accuracy {:.3g}) and dropout does not help",
                                         gap.mean)};
  } else if (no_overfit) {
    outcome = {"mixed", fmt::format("no overfitting, yet dropout helps (by {:.3g})", dn.mean)};
  } else {
    outcome = {"not confirmed", fmt::format("the unregularised network does overfit here "
                                            "(training − test accuracy {:.3g})",
                                            gap.mean)};
  }
  const std::string measured = fmt::format(
      "without a regulariser, training − test accuracy = {}; dropout − none (test) = {} (z = {})",
      plus_minus(gap), plus_minus(dn), z_text(paired(dn).z()));
  return experiments::measured_claim(
      "moons.not_overfitted",
      "If a network has not yet overfitted, randomly dropping nodes seems like a really bad "
      "idea.",
      measured, checks, outcome);
}

std::vector<Claim> moons_claims(const Summary& summary) {
  std::vector<Claim> claims = {inferred_split_claim(summary.inferred_test_sizes),
                               same_accuracy_claim(summary), evidence_claim(summary),
                               default_p_claim(summary)};
  if (!summary.sweep.drop_prob.empty()) claims.push_back(p_half_claim(summary));
  claims.push_back(not_overfitted_claim(summary));
  return claims;
}

}  // namespace moons
