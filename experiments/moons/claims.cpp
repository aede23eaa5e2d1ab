#include "experiments/moons/claims.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "experiments/common/output.hpp"

namespace moons {

namespace {

using experiments::Check;
using experiments::Claim;
using experiments::Outcome;
using experiments::rounded;
using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Paired mean_and_se(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  if (values.empty()) return {kNaN, kNaN};
  double mean = 0;
  for (const double v : values) mean += v / n;
  double squares = 0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  const double se = values.size() > 1 ? std::sqrt(squares / (n - 1) / n) : kNaN;
  return {mean, se};
}

std::string percent_of(std::size_t count, std::size_t total) {
  return std::to_string(count) + " of " + std::to_string(total);
}

std::string pm(const json& block, int digits = 4) {
  return rounded(block["mean"].get<double>(), digits) + " ± " +
         rounded(block["std"].get<double>(), 2);
}

// The index of the grid value 0.5, or the grid's size when it is not on it.
std::size_t index_of_half(const DropSweep& sweep) {
  for (std::size_t k = 0; k < sweep.drop_probs.size(); ++k) {
    if (std::abs(sweep.drop_probs[k] - 0.5) < 1e-12) return k;
  }
  return sweep.drop_probs.size();
}

Paired paired_of(const json& block) {
  return {block["mean"].get<double>(), block["se_mean"].get<double>()};
}

std::string z_text(const Paired& p) {
  const double z = p.z();
  return std::isfinite(z) ? rounded(z, 3) : std::string("—");
}

}  // namespace

double Paired::z() const {
  return mean / se;
}

Paired paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t s = 0; s < a.size() && s < b.size(); ++s) d.push_back(b[s] - a[s]);
  return mean_and_se(d);
}

Paired loss_slope(const DropSweep& sweep) {
  const std::size_t values = sweep.drop_probs.size();
  if (values < 2 || sweep.loss_per_seed.empty()) return {kNaN, kNaN};
  const std::size_t seeds = sweep.loss_per_seed.front().size();
  double x_mean = 0;
  for (const double x : sweep.drop_probs) x_mean += x / values;
  double sxx = 0;
  for (const double x : sweep.drop_probs) sxx += (x - x_mean) * (x - x_mean);
  std::vector<double> slopes;
  for (std::size_t s = 0; s < seeds; ++s) {
    double sxy = 0;
    for (std::size_t k = 0; k < values; ++k) {
      sxy += (sweep.drop_probs[k] - x_mean) * sweep.loss_per_seed[k][s];
    }
    slopes.push_back(sxy / sxx);
  }
  return mean_and_se(slopes);
}

Paired loss_beyond_half(const DropSweep& sweep) {
  const std::size_t half = index_of_half(sweep);
  if (half + 1 >= sweep.drop_probs.size()) return {kNaN, kNaN};
  return paired(sweep.loss_per_seed[half], sweep.loss_per_seed.back());
}

double half_over_others_min_z(const DropSweep& sweep) {
  const std::size_t half = index_of_half(sweep);
  if (half >= sweep.drop_probs.size() || sweep.drop_probs.size() < 2) return kNaN;
  double smallest = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < sweep.drop_probs.size(); ++k) {
    if (k == half) continue;
    const double z = paired(sweep.loss_per_seed[k], sweep.loss_per_seed[half]).z();
    if (std::isnan(z)) return kNaN;
    smallest = std::min(smallest, z);
  }
  return smallest;
}

Claim same_accuracy_claim(const ReplayFacts& replay, const CorrectedFacts& corrected,
                          std::string measured) {
  std::vector<Check> checks = {
      experiments::equal_to("replay.seed0_accuracy_difference",
                            replay.acc_dropout - replay.acc_weight_decay, 0),
      experiments::abs_above("corrected.dropout_minus_weight_decay_z",
                             corrected.dropout_minus_weight_decay.z(), kSignificantZ)};
  const bool replay_equal = experiments::passed(checks, "replay.seed0_accuracy_difference");
  const bool corrected_differ =
      experiments::passed(checks, "corrected.dropout_minus_weight_decay_z");
  Outcome outcome;
  if (replay_equal && corrected_differ) {
    outcome = {"an artefact of the bugs",
               "the replay's two accuracies are equal, and once the bugs are fixed the models "
               "differ by " +
                   rounded(corrected.dropout_minus_weight_decay.mean, 3) +
                   " (z = " + z_text(corrected.dropout_minus_weight_decay) + ")"};
  } else if (corrected_differ) {
    outcome = {"not reproduced",
               "even the replay's two accuracies differ, and the corrected "
               "models differ significantly"};
  } else {
    outcome = {"equal within noise after correction",
               "the corrected models' difference is within " + rounded(kSignificantZ, 2) +
                   " standard errors (z = " + z_text(corrected.dropout_minus_weight_decay) + ")"};
  }
  return experiments::measured_claim(
      "moons.same_accuracy", "To no surprise, both models have exactly the same accuracy score.",
      std::move(measured), checks, outcome);
}

Claim evidence_claim(const ReplayFacts& replay, std::string argument) {
  // The counts behind the argument are shown; the verdict is the argument's (an accuracy says
  // nothing about the expected losses the theorem is about).
  std::vector<Check> checks = {
      experiments::equal_to("replay.weight_decay_constant_seeds",
                            double(replay.weight_decay_constant_seeds), double(replay.seeds)),
      experiments::equal_to("replay.dropout_constant_seeds", double(replay.dropout_constant_seeds),
                            double(replay.seeds))};
  const bool constant = experiments::all_passed(checks);
  return experiments::reasoning_claim(
      "moons.further_evidence", "This serves as further evidence the theorem holds.",
      std::move(argument),
      {"no evidence", constant ? "both replayed models are constant predictors on every seed, so "
                                 "their accuracy is a class share whatever they learnt; and the "
                                 "theorem is about linear regression with input dropout"
                               : "two equal accuracies say nothing about the expected losses "
                                 "the theorem is about, which concerns linear regression with "
                                 "input dropout, not an MLP with hidden dropout"},
      checks);
}

Claim default_p_claim(const ReplayFacts& replay, const CorrectedFacts& corrected,
                      std::string argument) {
  std::vector<Check> checks = {
      experiments::below("replay_without_bugs.equal_accuracy_seeds",
                         double(replay.equal_accuracy_seeds_without_bugs), double(replay.seeds)),
      experiments::abs_above("corrected.dropout_minus_weight_decay_z",
                             corrected.dropout_minus_weight_decay.z(), kSignificantZ)};
  Outcome outcome;
  if (experiments::all_passed(checks)) {
    outcome = {"wrong",
               "the identical numbers come from the bugs, not from p: without them the "
               "accuracies differ on " +
                   std::to_string(replay.seeds - replay.equal_accuracy_seeds_without_bugs) +
                   " of " + std::to_string(replay.seeds) + " seeds"};
  } else {
    outcome = {"unsupported",
               "the equality does not come from p: nn.Dropout's p is a drop "
               "probability, unrelated to weight_decay's 0.2"};
  }
  return experiments::reasoning_claim(
      "moons.nn_dropout_default",
      "p = 0.5 is the default setting of nn.Dropout, which is why we saw exactly the same "
      "results in Table 1.",
      std::move(argument), outcome, checks);
}

Claim p_half_claim(const DropSweep& sweep, std::string measured) {
  const Paired slope = loss_slope(sweep);
  const Paired beyond = loss_beyond_half(sweep);
  std::vector<Check> checks = {
      experiments::at_least("drop_prob.loss_slope_z", slope.z(), kSignificantZ),
      experiments::at_least("drop_prob.loss_at_largest_minus_at_half_z", beyond.z(), kSignificantZ),
      experiments::at_least("drop_prob.loss_at_half_minus_others_min_z",
                            half_over_others_min_z(sweep), kSignificantZ)};
  Outcome outcome;
  if (experiments::passed(checks, "drop_prob.loss_slope_z") &&
      experiments::passed(checks, "drop_prob.loss_at_largest_minus_at_half_z")) {
    outcome = {"wrong",
               "regularisation grows with the drop probability, past 0.5 too: the "
               "eval-mode training loss rises by " +
                   rounded(slope.mean, 3) + " per unit of drop probability (z = " + z_text(slope) +
                   "), and is higher at " + rounded(sweep.drop_probs.back(), 2) +
                   " than at 0.5 by " + rounded(beyond.mean, 3) + " (z = " + z_text(beyond) + ")"};
  } else if (experiments::passed(checks, "drop_prob.loss_at_half_minus_others_min_z")) {
    outcome = {"holds",
               "the eval-mode training loss is highest at 0.5, significantly above "
               "every other drop probability of the grid"};
  } else {
    outcome = experiments::not_confirmed(
        checks, "over these seeds the trend is not clear in either direction");
  }
  return experiments::measured_claim(
      "moons.p_half_regularises_most",
      "The highest level of regularization of dropout will be reached at p = 0.5, as this "
      "maximises our parabola",
      std::move(measured), checks, outcome);
}

Claim not_overfitted_claim(const CorrectedFacts& corrected, std::string measured) {
  const Paired& gap = corrected.generalisation_gap;
  const Paired& dn = corrected.dropout_minus_none;
  std::vector<Check> checks = {
      experiments::below("none.generalisation_gap_minus_2se", gap.mean - 2 * gap.se, 0),
      experiments::below("none.generalisation_gap_minus_one_split_se",
                         gap.mean - corrected.se_one_split, 0),
      experiments::at_most("dropout_minus_none.mean_minus_2se", dn.mean - 2 * dn.se, 0)};
  const bool no_overfit = experiments::passed(checks, "none.generalisation_gap_minus_2se") ||
                          experiments::passed(checks, "none.generalisation_gap_minus_one_split_se");
  const bool dropout_not_better = experiments::passed(checks, "dropout_minus_none.mean_minus_2se");
  Outcome outcome;
  if (no_overfit && dropout_not_better) {
    outcome = {"consistent", "the network does not overfit (training − test accuracy " +
                                 rounded(gap.mean, 3) + ") and dropout does not help"};
  } else if (no_overfit) {
    outcome = {"mixed", "no overfitting, yet dropout helps (by " + rounded(dn.mean, 3) + ")"};
  } else {
    outcome = {"not confirmed",
               "the unregularised network does overfit here (training − test "
               "accuracy " +
                   rounded(gap.mean, 3) + ")"};
  }
  return experiments::measured_claim(
      "moons.not_overfitted",
      "If a network has not yet overfitted, randomly dropping nodes seems like a really bad "
      "idea.",
      std::move(measured), checks, outcome);
}

std::vector<int> denominators_giving(double accuracy, int digits, int largest) {
  const double half_unit = 0.5 * std::pow(10.0, -digits);
  std::vector<int> found;
  for (int n = 1; n <= largest; ++n) {
    const double k = std::round(accuracy * n);
    if (std::abs(k / n - accuracy) <= half_unit) found.push_back(n);
  }
  return found;
}

Claim inferred_split_claim(const std::vector<int>& denominators) {
  bool all_multiples = !denominators.empty();
  for (const int n : denominators) all_multiples &= n % 330 == 0;
  std::string listed;
  for (const int n : denominators) listed += (listed.empty() ? "" : ", ") + std::to_string(n);
  std::vector<Check> checks = {
      experiments::is_true("every_denominator_up_to_3000_is_a_multiple_of_330", all_multiples),
      experiments::at_least("denominators_found", double(denominators.size()), 1)};
  Outcome outcome =
      experiments::all_passed(checks)
          ? Outcome{"inferred, not printed",
                    "the post prints neither the data size nor the split; among test-set sizes "
                    "up to 3000 only multiples of 330 (" +
                        listed +
                        ") give 0.487879 to six digits, and 1000 points with test_size 0.33 "
                        "(ceil(0.33·1000) = 330 test points) is the simplest split that does: "
                        "our inference, not the post's statement"}
          : experiments::not_confirmed(checks, "the inference of a 330-point test split fails");
  return experiments::measured_claim(
      "moons.table1_split", "Table 1: MLP 0.487879, MLP (Dropout) 0.487879",
      "the test-set sizes n ≤ 3000 for which some k/n rounds to 0.487879", checks, outcome);
}

std::vector<Claim> moons_claims(const json& summary) {
  const json& config = summary["config"];
  const json& r = summary["replay"];
  const json& c = summary["corrected"];
  const json& diff = c["differences"];
  const std::size_t seeds = config["seeds"];
  const double wd = config["weight_decay"], drop = config["drop_prob"];
  const auto bug_case = [&](bool wrong_optimizer, bool logit_threshold) -> const json& {
    for (const json& k : r["by_bug"]) {
      if (k["wrong_optimizer"] == wrong_optimizer && k["logit_threshold"] == logit_threshold) {
        return k;
      }
    }
    throw std::logic_error("bug case missing from the summary");
  };
  const json& post_case = bug_case(true, true);
  const json& fixed = bug_case(false, false);
  const json& only_threshold = bug_case(false, true);
  const json& only_optimizer = bug_case(true, false);

  ReplayFacts replay;
  replay.seeds = seeds;
  replay.acc_weight_decay = r["acc_weight_decay"];
  replay.acc_dropout = r["acc_dropout"];
  replay.weight_decay_constant_seeds = post_case["weight_decay_constant_seeds"];
  replay.dropout_constant_seeds = post_case["dropout_constant_seeds"];
  replay.equal_accuracy_seeds = post_case["equal_accuracy_seeds"];
  replay.equal_accuracy_seeds_without_bugs = fixed["equal_accuracy_seeds"];
  CorrectedFacts corrected;
  corrected.dropout_minus_weight_decay = paired_of(diff["dropout_minus_weight_decay"]);
  corrected.dropout_minus_none = paired_of(diff["dropout_minus_none"]);
  corrected.generalisation_gap = paired_of(c["none"]["generalisation_gap"]);
  corrected.se_one_split = c["dropout"]["se_binomial"];
  const bool replay_constant =
      r["weight_decay_constant"].get<bool>() && r["dropout_constant"].get<bool>();

  std::vector<Claim> claims;
  claims.push_back(inferred_split_claim(denominators_giving(0.487879, 6, 3000)));
  {
    std::ostringstream m;
    m << "replay, seed 0: " << rounded(replay.acc_weight_decay, 6) << " and "
      << rounded(replay.acc_dropout, 6) << (replay_constant ? ", both constant predictors" : "")
      << "; equal on " << percent_of(replay.equal_accuracy_seeds, seeds)
      << " replayed seeds. Corrected: dropout − weight decay = "
      << pm(diff["dropout_minus_weight_decay"])
      << " (paired over seeds, z = " << z_text(corrected.dropout_minus_weight_decay) << ")";
    claims.push_back(same_accuracy_claim(replay, corrected, m.str()));
  }
  {
    std::ostringstream m;
    m << "the replayed models are constant predictors on "
      << percent_of(replay.weight_decay_constant_seeds, seeds) << " (weight decay) and "
      << percent_of(replay.dropout_constant_seeds, seeds)
      << " (dropout) seeds; a constant predictor's accuracy is the share of its label in the "
         "test split, whatever it learnt; the theorem concerns linear regression with input "
         "dropout, not an MLP with hidden dropout and `weight_decay`";
    claims.push_back(evidence_claim(replay, m.str()));
  }
  {
    std::ostringstream m;
    m << "equal accuracies on " << percent_of(post_case["equal_accuracy_seeds"], seeds)
      << " seeds with both bugs, " << percent_of(only_optimizer["equal_accuracy_seeds"], seeds)
      << " with the wrong optimizer only, "
      << percent_of(only_threshold["equal_accuracy_seeds"], seeds) << " with the threshold only, "
      << percent_of(fixed["equal_accuracy_seeds"], seeds) << " with neither; corrected accuracies "
      << pm(c["weight_decay"]) << " (weight decay " << rounded(wd) << ") and " << pm(c["dropout"])
      << " (dropout " << rounded(drop) << "); nn.Dropout's p is a drop probability and has no "
      << "relation to weight_decay = " << rounded(wd);
    claims.push_back(default_p_claim(replay, corrected, m.str()));
  }
  const json& sweep = summary["sweep"]["drop_prob"];
  if (!sweep.empty()) {
    DropSweep drop_sweep;
    std::ostringstream losses;
    for (const json& e : sweep) {
      drop_sweep.drop_probs.push_back(e["value"]);
      drop_sweep.loss_per_seed.push_back(
          e["train_loss_eval_mode_per_seed"].get<std::vector<double>>());
      losses << (losses.tellp() > 0 ? ", " : "") << rounded(e["value"].get<double>(), 2) << ": "
             << rounded(e["train_loss_eval_mode_mean"].get<double>(), 3);
    }
    std::ostringstream m;
    m << "how far dropout keeps the trained network from fitting its training set (eval-mode "
         "training loss, mean over "
      << config["sweep_seeds"] << " seeds, by drop probability): " << losses.str()
      << "; trend test over seeds: slope " << rounded(loss_slope(drop_sweep).mean, 3) << " ± "
      << rounded(loss_slope(drop_sweep).se, 2) << " (SE) per unit of drop probability";
    claims.push_back(p_half_claim(drop_sweep, m.str()));
  }
  {
    const json& gap = c["none"]["generalisation_gap"];
    const json& dn = diff["dropout_minus_none"];
    std::ostringstream m;
    m << "without a regulariser, training − test accuracy = " << pm(gap)
      << "; dropout − none (test) = " << pm(dn) << " (z = " << z_text(corrected.dropout_minus_none)
      << ")";
    claims.push_back(not_overfitted_claim(corrected, m.str()));
  }
  return claims;
}

}  // namespace moons
