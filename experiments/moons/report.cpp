#include "experiments/moons/report.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/moons/claims.hpp"

namespace moons {

namespace {

using experiments::exact;
using experiments::rounded;
using nlohmann::json;

double num(const json& value) {
  return value.get<double>();
}

// "0.9515 ± 0.0061" (mean ± standard deviation over seeds).
std::string pm(const json& block, int digits = 4) {
  return rounded(num(block["mean"]), digits) + " ± " + rounded(num(block["std"]), 2);
}

std::string percent_of(std::size_t count, std::size_t total) {
  return std::to_string(count) + " of " + std::to_string(total);
}

const json& bug_case(const json& summary, bool wrong_optimizer, bool logit_threshold) {
  for (const json& c : summary["replay"]["by_bug"]) {
    if (c["wrong_optimizer"] == wrong_optimizer && c["logit_threshold"] == logit_threshold) {
      return c;
    }
  }
  throw std::logic_error("bug case missing from the summary");
}

std::string bugs_text(bool wrong_optimizer, bool logit_threshold) {
  if (wrong_optimizer && logit_threshold) return "both bugs, as the post's code";
  if (wrong_optimizer) return "wrong optimizer only";
  if (logit_threshold) return "logit threshold only";
  return "neither (the corrected code)";
}

// ---------------------------------------------------------------- figures

std::string decision_boundary_figure(const json& summary, const experiments::Output& out) {
  const json& c = summary["corrected"];
  const json& post = bug_case(summary, true, true);
  const json& config = summary["config"];
  const double post_level = 1 / (1 + std::exp(-0.5));  // σ(0.5): where the post's z ≥ 0.5 starts
  struct Panel {
    int column;  // in decision_grid.dat
    std::string name;
    std::string title;
    bool post_rule;  // also draw the post's threshold
  };
  const std::vector<Panel> panels = {
      {3, "weight_decay",
       "weight decay " + rounded(num(config["weight_decay"])) + ": test acc " +
           rounded(num(c["weight_decay"]["per_seed"][0])),
       false},
      {4, "dropout",
       "dropout " + rounded(num(config["drop_prob"])) + ": test acc " +
           rounded(num(c["dropout"]["per_seed"][0])),
       false},
      {5, "none", "no regulariser: test acc " + rounded(num(c["none"]["per_seed"][0])), false},
      {6, "logistic",
       "logistic regression: test acc " + rounded(num(summary["logistic"]["per_seed"][0])), false},
      {7, "replay_weight_decay",
       "replay, weight-decay model after loop 2: acc " +
           rounded(num(post["weight_decay"]["per_seed"][0])) + " (post's rule)",
       true},
      {8, "replay_dropout",
       "replay, dropout model (never stepped): acc " +
           rounded(num(post["dropout"]["per_seed"][0])) + " (post's rule)",
       true}};
  std::ostringstream gp;
  gp << "set terminal pngcairo size 1500,980 noenhanced font ',10'\n"
     << "set output '" << out.path("decision_boundaries.png") << "'\n"
     << "set contour base\nunset surface\nset view map\n";
  auto table = [&](int column, double level, const std::string& file) {
    gp << "set cntrparam levels discrete " << exact(level) << "\nset table '" << out.path(file)
       << "'\nsplot '" << out.path("decision_grid.dat") << "' using 1:2:" << column
       << " with lines notitle\nunset table\n";
  };
  table(9, 0.5, "contour_bayes.dat");
  for (const Panel& p : panels) {
    table(p.column, 0.5, "contour_" + p.name + ".dat");
    if (p.post_rule) table(p.column, post_level, "contour_post_" + p.name + ".dat");
  }
  gp << "unset contour\nset surface\n"
     << "set palette defined (0 '#9ecae1', 0.5 '#ffffff', 1 '#fcae91')\n"
     << "set cbrange [0:1]\nunset colorbox\nset autoscale xfix\nset autoscale yfix\n"
     << "set key bottom left box opaque font ',8' samplen 2\n"
     << "set multiplot layout 2,3 title 'Seed 0: P(label 1) = sigmoid(logit) (colour), the "
        "model boundary P = 0.5 (black), the Bayes boundary (green, dashed), and the "
     << config["n_test"] << " test points (dark blue: label 0, dark red: label 1)'\n";
  for (const Panel& p : panels) {
    gp << "set title \"" << p.title << "\"\n"
       << "plot '" << out.path("decision_grid.dat") << "' using 1:2:" << p.column
       << " with image notitle, '" << out.path("contour_" + p.name + ".dat")
       << "' using 1:2 with lines lc 'black' lw 2 title 'model P = 0.5', ";
    if (p.post_rule) {
      gp << "'" << out.path("contour_post_" + p.name + ".dat")
         << "' using 1:2 with lines lc 'black' dt 3 lw 2 title 'post: logit = 0.5', ";
    }
    gp << "'" << out.path("contour_bayes.dat")
       << "' using 1:2 with lines lc 'dark-green' dt 2 lw 2 title 'Bayes', '"
       << out.path("test_points_seed0.dat")
       << "' using 1:2 with points pt 7 ps 0.7 lc 'white' notitle, '' using 1:($3 == 0 ? $2 : "
          "1/0) with points pt 7 ps 0.45 lc rgb '#08306b' notitle, '' using 1:($3 == 1 ? $2 : "
          "1/0) with points pt 7 ps 0.45 lc rgb '#a50f15' notitle\n";
  }
  gp << "unset multiplot\n";
  if (!out.plot("decision_boundaries.png", gp.str())) return "";
  const json& second = summary["replay"]["second_loop"];
  std::string caption =
      "![decision boundaries](" + out.link("decision_boundaries.png") +
      ")\n\n*Decision boundaries on seed 0.* Colour is σ(logit); black the model's σ = 0.5 "
      "line (absent where a model never crosses it), green dashed the Bayes boundary (far from "
      "the arcs it separates regions that hold almost no data). In the two replay panels a "
      "dotted line would mark the post's threshold, logit = 0.5";
  if (num(second["dropout_logit_range"][1]) < 0.5 &&
      num(second["weight_decay_logit_range"][1]) < 0.5) {
    caption += ": neither replayed model reaches it anywhere on the test points";
  }
  return caption + ".\n\n";
}

std::string loss_figure(const json& summary, const experiments::Output& out) {
  const json& config = summary["config"];
  std::ostringstream gp;
  gp << "set terminal pngcairo size 900,560 noenhanced\nset output '" << out.path("loss_curves.png")
     << "'\nset datafile separator ','\nset grid\n"
     << "set logscale y\nset key below\n"
     << "set xlabel 'epoch'\nset ylabel 'mean training loss of the epoch (BCE, train mode)'\n"
     << "set title 'Training loss per epoch, mean over " << config["seeds"] << " seeds (lr "
     << rounded(num(config["lr"])) << ", batch 1)'\n"
     << "plot '" << out.path("loss_curves.csv") << "' skip 1 using 1:2 with lines lw 2 title "
     << "'weight decay " << rounded(num(config["weight_decay"])) << "', '' skip 1 using 1:3 "
     << "with lines lw 2 title 'dropout " << rounded(num(config["drop_prob"]))
     << "', '' skip 1 using 1:4 with lines lw 2 title 'no regulariser', '' skip 1 using 1:5 "
     << "with lines lw 2 dt 2 title \"replay, post's 2nd loop: dropout model (never stepped)\", "
     << std::log(2.0) << " with lines lc 'gray' dt 3 title 'ln 2 (a constant 50/50 guess)'\n";
  if (!out.plot("loss_curves.png", gp.str())) return "";
  return "![training loss](" + out.link("loss_curves.png") + ")\n\n";
}

std::string sweep_figure(const json& summary, const experiments::Output& out, const char* kind) {
  const json& config = summary["config"];
  const bool weight_decay = std::string(kind) == "weight_decay";
  const std::string png = std::string("sweep_") + kind + ".png";
  const double post_value = num(config[weight_decay ? "weight_decay" : "drop_prob"]);
  const double none = num(summary["sweep"]["weight_decay"][0]["mean"]);
  std::ostringstream gp;
  gp << "set terminal pngcairo size 900,560 noenhanced\nset output '" << out.path(png)
     << "'\nset datafile separator ','\nset grid\nset key bottom left box opaque\n"
     << "set yrange [0.4:1.02]\nset ylabel 'accuracy'\n";
  if (weight_decay) {
    const auto& grid = config["weight_decay_grid"];
    double low = 1, high = 0;
    for (const json& v : grid) low = std::min(low, num(v)), high = std::max(high, num(v));
    gp << "set logscale x\nset xrange [" << exact(low / 2) << ":" << exact(high * 2) << "]\n"
       << "set xlabel 'SGD weight_decay (log scale; 0 is the dotted line)'\n";
  } else {
    gp << "set xrange [-0.03:0.93]\nset xlabel 'nn.Dropout drop probability'\n";
  }
  gp << "set arrow from " << exact(post_value) << ", graph 0 to " << exact(post_value)
     << ", graph 1 nohead dt 2 lc 'black'\n"
     << "set label \"post: " << rounded(post_value) << "\" at " << exact(post_value)
     << ", graph 0.95 offset 0.5,0\n"
     << "set title '" << (weight_decay ? "Weight decay" : "Dropout") << " strength: test accuracy, "
     << "mean +- std over " << config["sweep_seeds"] << " seeds, " << config["epochs"]
     << " epochs, lr " << rounded(num(config["lr"])) << "'\n"
     << "plot '" << out.path(std::string("sweep_") + kind + ".csv") << "' skip "
     << (weight_decay ? 2 : 1)
     << " using 1:2:3 with yerrorlines lw 2 pt 7 title 'test accuracy', '' skip "
     << (weight_decay ? 2 : 1)
     << " using 1:4 with linespoints dt 2 pt 6 title 'training accuracy (eval mode)', "
     << exact(none) << " with lines dt 3 lw 2 lc 'gray40' title 'no regulariser', "
     << exact(num(summary["bayes_accuracy"]))
     << " with lines lw 2 lc 'dark-green' title 'Bayes accuracy', "
     << exact(num(summary["logistic_accuracy"]))
     << " with lines lw 2 lc 'orange' title 'logistic regression'\n";
  if (!out.plot(png, gp.str())) return "";
  return "![" + std::string(kind) + " sweep](" + out.link(png) + ")\n\n";
}

// ---------------------------------------------------------------- sweep facts

struct SweepFacts {
  bool present = false;
  double best_value = 0, best_mean = 0;
  std::optional<double> first_collapse;      // smallest value at which every seed is constant
  double highest_train_loss_value = 0;       // where the regulariser fits the training set least
  double value_at_max = 0, mean_at_max = 0;  // the largest grid value and its accuracy
};

SweepFacts sweep_facts(const json& entries, std::size_t seeds) {
  SweepFacts facts;
  if (entries.empty()) return facts;
  facts.present = true;
  double best = -1, worst_fit = -1;
  for (const json& e : entries) {
    if (num(e["mean"]) > best) best = num(e["mean"]), facts.best_value = num(e["value"]);
    if (num(e["train_loss_eval_mode_mean"]) > worst_fit) {
      worst_fit = num(e["train_loss_eval_mode_mean"]);
      facts.highest_train_loss_value = num(e["value"]);
    }
    if (!facts.first_collapse && e["constant_predictor_seeds"].get<std::size_t>() == seeds) {
      facts.first_collapse = num(e["value"]);
    }
  }
  facts.best_mean = best;
  facts.value_at_max = num(entries.back()["value"]);
  facts.mean_at_max = num(entries.back()["mean"]);
  return facts;
}

}  // namespace

std::string write_report(const json& summary, const std::vector<experiments::Claim>& claims,
                         const experiments::Output& out) {
  const json& config = summary["config"];
  const json& r = summary["replay"];
  const json& c = summary["corrected"];
  const std::size_t seeds = config["seeds"];
  const std::size_t n_test = config["n_test"];
  const double wd = num(config["weight_decay"]), drop = num(config["drop_prob"]);
  const bool from_file = config["data"] != "make_moons";
  const json& post_case = bug_case(summary, true, true);
  const json& fixed = bug_case(summary, false, false);
  const json& only_threshold = bug_case(summary, false, true);
  const json& only_optimizer = bug_case(summary, true, false);
  const json& second = r["second_loop"];
  const double se_one_split = num(c["dropout"]["se_binomial"]);

  std::string architecture = "2";
  for (const json& width : config["architecture"]["hidden"]) {
    architecture += "-" + std::to_string(width.get<std::size_t>());
  }
  architecture += "-1";

  std::ostringstream md;
  md << "## The two moons: the post's Table 1, replayed and corrected (`experiments/moons`)\n\n";
  md << "The post trains an MLP with `SGD(lr=0.001, weight_decay=0.2)` and the same MLP with "
        "`nn.Dropout()` and `SGD(lr=0.001)` on scikit-learn's two moons, both with "
        "`BCEWithLogitsLoss`, 200 epochs of batch-1 steps over a `TensorDataset` (in order, no "
        "shuffling), and reports 0.487879 for both. It prints neither the noise of `make_moons` "
        "nor the architecture, nor the data size and the split: 1000 points with 33% for "
        "testing are inferred from 0.487879 (see below), not read from the post. The replay "
        "runs in float64, where the post ran PyTorch's default float32; the bugs make both "
        "replayed models constant predictors whatever the precision, and "
        "`experiments/moons/pytorch_moons.py` (float32) gives the point-for-point comparison "
        "(README). Here: ";
  if (from_file) {
    md << "the data of `" << config["data"].get<std::string>() << "` ";
  } else {
    md << "`make_moons(" << config["n_samples"] << ", noise=" << rounded(num(config["noise"]))
       << ")` (noise chosen by us, `--noise`) ";
  }
  md << "split " << config["n_train"] << "/" << n_test << " (test_size "
     << rounded(num(config["test_size"])) << "), an MLP " << architecture
     << " with ReLU (dropout after "
     << "each hidden ReLU; `--hidden`), " << config["epochs"] << " epochs, lr "
     << rounded(num(config["lr"])) << ", weight decay " << rounded(wd) << ", drop probability "
     << rounded(drop) << ". Every number is over " << seeds
     << " seeds (each seed draws its own data, split, initialisation and dropout masks; the "
        "models of one seed share data and initial weights, so their differences are paired). "
        "The binomial standard error of one accuracy on "
     << n_test << " test points is about " << rounded(se_one_split, 2) << " (√(a(1−a)/" << n_test
     << ") at the dropout model's mean a).\n\n";

  // ---- Table 1
  md << "### Table 1, beside the replay and the corrected run\n\n"
     << "| model | post (Table 1) | replay, seed 0 ("
     << bugs_text(r["bugs"]["wrong_optimizer"], r["bugs"]["logit_threshold"])
     << ") | replay, mean ± std over " << seeds << " seeds | corrected, mean ± std over " << seeds
     << " seeds |\n|---|---|---|---|---|\n"
     << "| MLP, weight decay " << rounded(wd) << " | " << rounded(num(r["post_table"]["MLP"]), 6)
     << " | " << rounded(num(r["acc_weight_decay"]), 6) << " (predicts label 1 on "
     << r["predicted_ones_weight_decay"] << " of " << n_test << ") | "
     << pm(r["over_seeds"]["weight_decay"]) << " | " << pm(c["weight_decay"]) << " |\n"
     << "| MLP (Dropout " << rounded(drop) << ") | "
     << rounded(num(r["post_table"]["MLP (Dropout)"]), 6) << " | "
     << rounded(num(r["acc_dropout"]), 6) << " (predicts label 1 on " << r["predicted_ones_dropout"]
     << " of " << n_test << ") | " << pm(r["over_seeds"]["dropout"]) << " | " << pm(c["dropout"])
     << " |\n"
     << "| MLP, no regulariser | — | — | — | " << pm(c["none"]) << " |\n"
     << "| logistic regression | — | — | — | " << pm(summary["logistic"]) << " |\n";
  if (summary["bayes"].contains("test_accuracy")) {
    md << "| Bayes classifier (knows the densities) | — | — | — | "
       << pm(summary["bayes"]["test_accuracy"]) << " |\n";
  }
  md << "\n";
  if (!from_file) {
    md << "**Scale.** The Bayes accuracy of these moons (noise " << rounded(num(config["noise"]))
       << ", the best any classifier can do) is " << rounded(num(summary["bayes_accuracy"]), 6)
       << ", by numerical integration (grid step " << rounded(num(config["bayes"]["step"]), 3)
       << ", " << config["bayes"]["t_nodes"] << " Gauss–Legendre nodes along each arc); halving "
       << "the step and doubling the nodes gives "
       << rounded(num(summary["bayes"]["accuracy_half_step"]), 6) << " (difference "
       << rounded(num(summary["bayes"]["half_step_difference"]), 2)
       << "; the densities integrate to " << rounded(num(summary["bayes"]["total_mass"]), 10)
       << "). A constant predictor scores the share of one class, about 0.5.\n\n";
  } else {
    md << "**Scale.** The Bayes accuracy " << rounded(num(summary["bayes_accuracy"]), 6)
       << " is that of make_moons at noise " << rounded(num(config["noise"]))
       << " (`--noise`); whether it applies to the given file depends on how the file was "
          "made.\n\n";
  }

  // ---- 0.487879
  const double share0 = num(r["test_class_share"]["label_0"]);
  const std::size_t wd_constant = post_case["weight_decay_constant_seeds"];
  const std::size_t dropout_constant = post_case["dropout_constant_seeds"];
  const bool replay_constant =
      r["weight_decay_constant"].get<bool>() && r["dropout_constant"].get<bool>();
  md << "### Where 0.487879 comes from\n\n"
     << "0.487879 = " << r["post_table"]["correct_of_330"]
     << "/330 (= " << rounded(num(r["post_table"]["fraction"]), 6)
     << "), if the post's test split had 330 points: the post prints neither its data size nor "
        "its split, but among test-set sizes up to 3000 only multiples of 330 give 0.487879 to "
        "six digits (`config.inferred`), so 1000 points with test_size 0.33 is our inference. "
        "It is the accuracy of a predictor that "
     << "says the same label for every point, on a test split in which that label has "
     << r["post_table"]["correct_of_330"] << " of the 330 points. In our replay (seed 0) the test "
     << "split has " << r["test_class_count"]["label_0"] << " points of label 0 (share "
     << rounded(share0, 6) << ") and " << r["test_class_count"]["label_1"]
     << " of label 1; the weight-decay model predicts label 1 on "
     << r["predicted_ones_weight_decay"] << " and the dropout model on "
     << r["predicted_ones_dropout"] << " of the " << n_test << " points, so they score "
     << rounded(num(r["acc_weight_decay"]), 6) << " and " << rounded(num(r["acc_dropout"]), 6)
     << (replay_constant ? ", both constant predictors" : "") << ". Over " << seeds
     << " seeds of the replay, the weight-decay model is a constant "
     << "predictor on " << percent_of(wd_constant, seeds) << " seeds, the dropout model on "
     << percent_of(dropout_constant, seeds) << ", both predict the same single label on "
     << percent_of(post_case["both_constant_same_class_seeds"], seeds)
     << ", and the two accuracies are exactly equal on "
     << percent_of(post_case["equal_accuracy_seeds"], seeds) << ".";
  if (wd_constant == seeds && dropout_constant == seeds) {
    md << " Our split's share is not 161/330 because our random numbers are not NumPy's; the "
          "mechanism is the same: on every seed both replayed models are constant predictors.";
  } else {
    md << " The replayed models are not constant on every seed here, so the post's mechanism "
          "(two constant predictors scoring a class share) explains only "
       << percent_of(std::min(wd_constant, dropout_constant), seeds) << " of them at most.";
  }
  if (!from_file) {
    const json& w = c["weight_decay"];
    md << " Why below one half: make_moons gives exactly half the points to each label, so the "
          "label that is the majority of the training split is the minority of the test split. "
          "The corrected weight-decay model is a constant predictor on "
       << percent_of(w["constant_predictor_seeds"], seeds)
       << " seeds, on the training majority label on "
       << percent_of(w["constant_on_train_majority_seeds"], seeds) << ", and below 0.5 on "
       << percent_of(w["below_half_seeds"], seeds) << ".";
  }
  md << "\n\n";

  // ---- bugs
  md << "### What each bug does\n\n"
     << "| bugs in the code | weight-decay model: accuracy | constant on | dropout model: "
        "accuracy | constant on |\n|---|---|---|---|---|\n";
  for (const json* k : {&fixed, &only_threshold, &only_optimizer, &post_case}) {
    md << "| " << bugs_text((*k)["wrong_optimizer"], (*k)["logit_threshold"]) << " | "
       << pm((*k)["weight_decay"]) << " | "
       << percent_of((*k)["weight_decay_constant_seeds"], seeds) << " seeds | "
       << pm((*k)["dropout"]) << " | " << percent_of((*k)["dropout_constant_seeds"], seeds)
       << " seeds |\n";
  }
  md << "\n**The wrong optimizer.** The second loop calls `optimizer_dropout.zero_grad()`, "
        "back-propagates the dropout model's loss into the dropout model's gradients, then "
        "calls `optimizer.step()`: the *weight-decay model's* optimizer, whose gradients were "
        "last written by the final step of the first loop and are never zeroed again. So the "
        "dropout model is never updated (largest change of any of its weights from "
        "initialisation: "
     << rounded(num(second["dropout_max_abs_change_from_init"]), 3)
     << "), and the weight-decay model takes " << second["steps"]
     << " more steps θ ← θ − lr·(g_stale + wd·θ) with the same stale gradient g_stale. That "
        "iteration converges to θ* = −g_stale/wd with factor (1 − lr·wd) per step, "
     << rounded(num(second["decay_factor"]), 3) << " over the loop; at the end the weights are "
     << (second["weight_decay_distance_to_fixed_point"].is_null()
             ? std::string("not at a fixed point (weight decay 0 has none)")
             : "within " + rounded(num(second["weight_decay_distance_to_fixed_point"]), 2) +
                   " of θ*")
     << " (they moved by up to " << rounded(num(second["weight_decay_model_max_abs_change"]), 3)
     << "). θ* is built from one example's gradient, which is rank one in every layer and, when "
        "the weights are small, carried mostly by the output bias, ∂L/∂b = σ(z) − y: the "
        "network's output is then nearly the constant −(σ(z) − y)/wd, whose sign is that of the "
        "last training example's label minus its prediction. On seed 0 that example has label "
     << second["last_training_label"].get<int>() << ", and the weight-decay model's logits on the "
     << n_test << " test points end in [" << rounded(num(second["weight_decay_logit_range"][0]), 4)
     << ", " << rounded(num(second["weight_decay_logit_range"][1]), 4) << "].\n\n"
     << "**The logit threshold.** `binarize(outputs)` compares raw logits with 0.5, i.e. it "
        "asks for σ(z) ≥ σ(0.5) ≈ 0.62 instead of σ(z) > 0.5. On a trained model this moves the "
        "boundary a little (compare the first two rows). The untrained dropout model's logits "
        "on the test points lie in ["
     << rounded(num(second["dropout_logit_range"][0]), 3) << ", "
     << rounded(num(second["dropout_logit_range"][1]), 3) << "] on seed 0, and all below 0.5 on "
     << percent_of(second["dropout_all_logits_below_half_seeds"], seeds)
     << " seeds: there the post's threshold turns a random network, which would still split the "
        "plane somewhere at σ(z) = 0.5, into the constant label 0.\n\n";

  // ---- claims
  const SweepFacts drop_facts = sweep_facts(summary["sweep"]["drop_prob"], config["sweep_seeds"]);
  const SweepFacts wd_facts = sweep_facts(summary["sweep"]["weight_decay"], config["sweep_seeds"]);
  md << "### The post's claims\n\nEach measured verdict is chosen by the checks listed with it "
        "(differences between models are called real beyond "
     << rounded(kSignificantZ, 2)
     << " standard errors, paired over seeds); rows marked *argued* rest on an argument from "
        "the post's code or from what an accuracy can show, with the counts behind it.\n\n"
     << experiments::claims_table(claims);

  // ---- sweep
  if (wd_facts.present && drop_facts.present) {
    md << "### Regularisation strength\n\n"
       << "Each point is the test accuracy over " << config["sweep_seeds"]
       << " seeds (the first of the comparison's " << seeds
       << "; fewer, and a coarse grid, to keep the default run near a minute: `--sweep-seeds` "
          "raises it) with the post's training budget; the dashed vertical line is the post's "
          "setting.\n\n"
       << sweep_figure(summary, out, "weight_decay") << sweep_figure(summary, out, "drop_prob")
       << "**Weight decay.** ";
    if (wd_facts.best_value == 0) {
      md << "No weight decay on the grid beats none (test accuracy " << rounded(wd_facts.best_mean)
         << "). ";
    } else {
      md << "The best weight decay on the grid is " << rounded(wd_facts.best_value)
         << " (test accuracy " << rounded(wd_facts.best_mean) << ", against "
         << rounded(num(summary["sweep"]["weight_decay"][0]["mean"])) << " without). ";
    }
    md << "";
    if (wd_facts.first_collapse) {
      md << "From weight decay " << rounded(*wd_facts.first_collapse)
         << " on, every seed's network collapses to a constant predictor (its weights decay to "
            "about zero and it outputs one label), so its accuracy is the class share. ";
    } else {
      md << "No weight decay on the grid collapses every seed to a constant predictor. ";
    }
    md << "The post's " << rounded(wd) << " gives " << pm(c["weight_decay"])
       << " over the comparison's " << seeds << " seeds (a constant predictor on "
       << percent_of(c["weight_decay"]["constant_predictor_seeds"], seeds)
       << "): with batch-1 SGD the penalty (wd/2)·‖θ‖² is applied at every one of the "
       << config["n_train"] << " steps of an epoch, against the gradient of one example.\n\n"
       << "**Dropout.** "
       << (drop_facts.best_value == 0
               ? "No drop probability on the grid beats none"
               : "The best drop probability on the grid is " + rounded(drop_facts.best_value))
       << " (test accuracy " << rounded(drop_facts.best_mean) << "); at "
       << rounded(drop_facts.value_at_max) << " the accuracy is " << rounded(drop_facts.mean_at_max)
       << ". ";
    if (drop_facts.first_collapse) {
      md << "From drop probability " << rounded(*drop_facts.first_collapse)
         << " on, every seed gives a constant predictor.";
    } else {
      md << "No drop probability on the grid collapses the network to a constant predictor: "
            "dropout degrades the fit gradually"
         << (wd_facts.first_collapse ? ", while weight decay, past a point, removes it altogether."
                                     : ".");
    }
    md << "\n\n";
  }

  // ---- figures
  md << "### Figures\n\n" << decision_boundary_figure(summary, out) << loss_figure(summary, out);

  // ---- student
  md << "### For a student\n\n"
     << "Two equal accuracies (0.487879 in the post; " << rounded(num(r["acc_weight_decay"]), 6)
     << " and " << rounded(num(r["acc_dropout"]), 6)
     << " in our replay of seed 0) look like agreement between dropout and L2, but an accuracy "
        "near one half on a "
        "balanced problem is the first thing to distrust: it is what a model that always says "
        "the same label scores. Counting the predicted labels shows it at once (the replay "
        "predicts label 1 on "
     << r["predicted_ones_weight_decay"] << " and " << r["predicted_ones_dropout"] << " of "
     << n_test
     << " points). Two bugs produce it: the dropout model is never trained (its loop "
        "steps the other model's optimizer), and raw logits are thresholded at 0.5 as if they "
        "were probabilities. Corrected, the dropout model reaches "
     << pm(c["dropout"]) << ", close to the unregularised " << pm(c["none"])
     << " and to the Bayes limit " << rounded(num(summary["bayes_accuracy"]))
     << ", while `weight_decay = " << rounded(wd) << "` "
     << (c["weight_decay"]["constant_predictor_seeds"].get<std::size_t>() == seeds
             ? "is so strong that the network collapses to a constant predictor on every seed, "
               "scoring"
             : "is a constant predictor on " +
                   percent_of(c["weight_decay"]["constant_predictor_seeds"], seeds) +
                   " seeds and scores")
     << " " << pm(c["weight_decay"])
     << ". Weight decay and dropout are different regularisers with different strength scales; "
        "the dropout–ridge identity (the theorem section) holds for linear regression in "
        "expectation, and says nothing about which value of one matches which value of the "
        "other in a network. Before reading meaning into a number, put it on a scale: here, "
        "the class share (≈ 0.5), a logistic regression ("
     << rounded(num(summary["logistic_accuracy"])) << ") and the Bayes accuracy ("
     << rounded(num(summary["bayes_accuracy"])) << ").\n\n";
  return md.str();
}

}  // namespace moons
