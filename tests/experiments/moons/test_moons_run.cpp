// The moons executable, run as a user runs it (--quick: 3 seeds, 10 epochs at lr 0.02, a small
// sweep), and its summary.json checked against what the full run shows.
#include <cmath>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xtensor/xadapt.hpp>

#include "claims_in_report.hpp"
#include "datasets/csv.hpp"
#include "datasets/moons.hpp"
#include "datasets/split.hpp"
#include "experiments/moons/experiment.hpp"
#include "experiments/moons/training.hpp"
#include "nn/serialization.hpp"
#include "run_command.hpp"
#include "test_paths.hpp"

using nlohmann::json;

namespace {
const std::string kMoons = test::experiment_binary();

struct Run {
  json summary;
  std::string summary_text;
  std::string section;  // with the output directory's name (in figure links) replaced by DIR
  std::string output;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

// Runs `moons --quick <args>` once per argument list in this process, and keeps the result.
const Run& quick_run(const std::string& args) {
  static std::map<std::string, Run> cache;
  if (const auto found = cache.find(args); found != cache.end()) return found->second;
  const auto dir = test::fresh_directory("moons_" + std::to_string(cache.size()));
  const auto result = test::run_command(kMoons + " --quick " + args + " --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  Run run;
  run.summary_text = test::read_file(dir / "summary.json");
  run.summary = json::parse(run.summary_text);
  run.section = replace_all(test::read_file(dir / "section.md"), dir.filename().string(), "DIR");
  run.output = result.output;
  return cache.emplace(args, std::move(run)).first->second;
}

const json& by_bug(const json& summary, bool wrong_optimizer, bool logit_threshold) {
  for (const json& c : summary["replay"]["by_bug"]) {
    if (c["wrong_optimizer"] == wrong_optimizer && c["logit_threshold"] == logit_threshold)
      return c;
  }
  throw std::logic_error("missing bug case");
}

// The flag runs need no sweep and only the two seeds a standard deviation needs.
const std::string kSmall = "--seeds 2 --sweep-seeds 0";
}  // namespace

TEST_CASE(
    "moons: the replay with both bugs gives two constant predictors that score the class "
    "share of the test split",
    "[experiments][moons][ex10]") {
  const json& s = quick_run("").summary;
  const json& r = s["replay"];
  INFO(r.dump(1));
  REQUIRE(r["bugs"]["wrong_optimizer"] == true);
  REQUIRE(r["bugs"]["logit_threshold"] == true);
  REQUIRE(r["weight_decay_constant"] == true);
  REQUIRE(r["dropout_constant"] == true);
  // A constant predictor of label c scores exactly the share of c in the test split.
  for (const char* model : {"weight_decay", "dropout"}) {
    const std::size_t ones = r[std::string("predicted_ones_") + model];
    const double share = ones == 0 ? r["test_class_share"]["label_0"].get<double>()
                                   : r["test_class_share"]["label_1"].get<double>();
    REQUIRE(r[std::string("acc_") + model].get<double>() == share);
  }
  // On every seed, as in the full run: both models are constant.
  const json& post = by_bug(s, true, true);
  const std::size_t seeds = s["config"]["seeds"];
  REQUIRE(post["weight_decay_constant_seeds"] == seeds);
  REQUIRE(post["dropout_constant_seeds"] == seeds);
  // The class shares against a count of labels in seed 0's test split, drawn here again with
  // the experiment's streams (quick defaults: 1000 points, noise 0.2, test_size 0.33).
  moons::Config config;
  config.seed = s["config"]["seed"];
  config.n_samples = s["config"]["n_samples"];
  config.noise = s["config"]["noise"];
  config.test_size = s["config"]["test_size"];
  const moons::SeedData data = moons::make_seed_data(config, 0, nullptr);
  std::size_t label_1 = 0;
  for (std::size_t i = 0; i < data.test.size(); ++i) label_1 += data.test.y(i) == 1.0;
  REQUIRE(r["n_test"] == data.test.size());
  REQUIRE(r["test_class_count"]["label_1"] == label_1);
  REQUIRE(r["test_class_share"]["label_1"].get<double>() ==
          static_cast<double>(label_1) / static_cast<double>(data.test.size()));
}

TEST_CASE("moons: the inferred 330-point test split is the only one up to 3000 giving 0.487879",
          "[experiments][moons]") {
  const json& inferred = quick_run("").summary["config"]["inferred"];
  // Every n ≤ 3000 with some k/n that prints as 0.487879 (six decimals), by exact integer
  // arithmetic: k/n within half a unit of the sixth digit, 487878.5·n ≤ 10⁶·k ≤ 487879.5·n.
  std::vector<int> expected;
  for (long n = 1; n <= 3000; ++n) {
    for (long k = 0; k <= n; ++k) {
      if (2'000'000 * k >= 975'757 * n && 2'000'000 * k <= 975'759 * n) {
        expected.push_back(static_cast<int>(n));
        break;
      }
    }
  }
  REQUIRE(expected == std::vector<int>{330, 660, 990, 1320, 1650, 1980, 2310, 2640, 2970});
  REQUIRE(inferred["test_sizes_up_to_3000_giving_0.487879"].get<std::vector<int>>() == expected);
  REQUIRE(inferred["n_test"] == 330);
}

TEST_CASE(
    "moons: the corrected dropout model beats 0.85 test accuracy at noise 0.2 on every "
    "seed, below the Bayes accuracy",
    "[experiments][moons][ex10]") {
  const json& s = quick_run("").summary;
  REQUIRE(s["config"]["noise"] == 0.2);
  const json& dropout = s["corrected"]["dropout"];
  INFO(dropout.dump());
  for (const json& accuracy : dropout["per_seed"]) REQUIRE(accuracy.get<double>() > 0.85);
  // Above the Bayes accuracy only by the chance of a 330-point split (4 binomial SE).
  REQUIRE(dropout["mean"].get<double>() <=
          s["bayes_accuracy"].get<double>() + 4 * dropout["se_binomial"].get<double>());
  REQUIRE(s["bayes_accuracy"].get<double>() > s["logistic_accuracy"].get<double>());
}

TEST_CASE(
    "moons: weight decay 0.2 collapses the network to a constant predictor, about 0.45 "
    "below the unregularised one, as in the full run",
    "[experiments][moons][ex10]") {
  const json& s = quick_run("").summary;
  const json& c = s["corrected"];
  INFO(c["weight_decay"].dump() << "\n" << c["none"].dump());
  const std::size_t seeds = s["config"]["seeds"];
  REQUIRE(c["weight_decay"]["constant_predictor_seeds"] == seeds);
  // The full run (10 seeds, 200 epochs at lr 0.001) measures a paired difference of −0.48.
  const json& d = c["differences"]["weight_decay_minus_none"];
  REQUIRE(d["mean"].get<double>() < -0.4);
  // Its eval-mode training loss is ln 2: the logit is ≈ 0 everywhere.
  REQUIRE(std::abs(c["weight_decay"]["train_loss_eval_mode"]["mean"].get<double>() - std::log(2)) <
          1e-3);
  // Weaker weight decay does learn: on the sweep 0.01 stays within 0.05 of none.
  const json& sweep = s["sweep"]["weight_decay"];
  REQUIRE(sweep[0]["value"] == 0.0);
  REQUIRE(sweep[1]["value"] == 0.01);
  REQUIRE(sweep[1]["mean"].get<double>() > sweep[0]["mean"].get<double>() - 0.05);
}

TEST_CASE(
    "moons: --bug-wrong-optimizer alone leaves the dropout model at its initialisation "
    "and predicts with the sigmoid rule",
    "[experiments][moons][ex10]") {
  const json& s = quick_run(kSmall + " --bug-wrong-optimizer").summary;
  const json& r = s["replay"];
  INFO(r.dump(1));
  REQUIRE(r["bugs"]["wrong_optimizer"] == true);
  REQUIRE(r["bugs"]["logit_threshold"] == false);
  REQUIRE(r["dropout_max_abs_change_from_init"] == 0.0);
  const json& expected = by_bug(s, true, false);
  REQUIRE(r["acc_weight_decay"] == expected["weight_decay"]["per_seed"][0]);
  REQUIRE(r["acc_dropout"] == expected["dropout"]["per_seed"][0]);
  // The stale-gradient steps converge to their fixed point −g/wd.
  REQUIRE(r["second_loop"]["weight_decay_distance_to_fixed_point"].get<double>() < 1e-6);
}

TEST_CASE("moons: --bug-logit-threshold alone evaluates the trained models with logit >= 0.5",
          "[experiments][moons][ex10]") {
  const json& s = quick_run(kSmall + " --bug-logit-threshold").summary;
  const json& r = s["replay"];
  INFO(r.dump(1));
  REQUIRE(r["bugs"]["wrong_optimizer"] == false);
  REQUIRE(r["bugs"]["logit_threshold"] == true);
  REQUIRE(r["dropout_max_abs_change_from_init"].get<double>() > 0.1);  // it was trained
  const json& expected = by_bug(s, false, true);
  REQUIRE(r["acc_dropout"] == expected["dropout"]["per_seed"][0]);
  // A trained model is no constant predictor, whichever threshold.
  REQUIRE(r["dropout_constant"] == false);
  REQUIRE(r["acc_dropout"].get<double>() > 0.85);
  // --replay is both bugs again.
  const json& both = quick_run(kSmall + " --replay").summary;
  REQUIRE(both["replay"]["bugs"]["wrong_optimizer"] == true);
  REQUIRE(both["replay"]["bugs"]["logit_threshold"] == true);
}

TEST_CASE(
    "moons: the same seed gives a byte-identical summary.json whatever the thread count, "
    "and another seed other data",
    "[experiments][moons][ex10]") {
  const Run& two = quick_run(kSmall + " --threads 2");
  const Run& one = quick_run(kSmall + " --threads 1");
  REQUIRE(two.summary_text == one.summary_text);
  REQUIRE(two.section == one.section);
  const Run& other = quick_run(kSmall + " --seed 1");
  REQUIRE(other.summary_text != one.summary_text);
}

TEST_CASE("moons: bad flags exit with code 2, and the first line names the option",
          "[experiments][moons][ex10]") {
  for (const std::string args :
       {"--no-such-flag", "--drop-prob 1.5", "--hidden 64,,64", "--seeds 1", "--lr abc", "--lr 0",
        "--sweep-seeds 1", "--noise -1", "--epochs 0", "--threads 0", "--test-size 1",
        "--n-samples 3", "--weight-decay -1", "--quick --seeds 1"}) {
    const auto result = test::run_command(kMoons + " " + args);
    INFO(args << ": " << result.output);
    REQUIRE(result.exit_code == 2);
    REQUIRE(result.output.find("usage:") != std::string::npos);
    const std::string option =
        args.substr(args.rfind("--"), args.find(' ', args.rfind("--")) - args.rfind("--"));
    REQUIRE(result.output.substr(0, result.output.find('\n')).find(option) != std::string::npos);
  }
}

TEST_CASE("moons: --quick sets its defaults, and the flags given explicitly win over them",
          "[experiments][moons][ex10]") {
  const json& quick = quick_run(kSmall).summary["config"];
  REQUIRE(quick["quick"] == true);
  REQUIRE(quick["epochs"] == 10);
  REQUIRE(quick["lr"] == 0.02);
  REQUIRE(quick["weight_decay_grid"] == json({0.01, 0.2, 1.0}));
  const json& given = quick_run(kSmall + " --epochs 3 --lr 0.05").summary["config"];
  REQUIRE(given["epochs"] == 3);
  REQUIRE(given["lr"] == 0.05);
  REQUIRE(given["seeds"] == 2);        // kSmall's, over --quick's 3
  REQUIRE(given["sweep_seeds"] == 0);  // kSmall's, over --quick's 2
}

TEST_CASE(
    "moons: an absurd learning rate stops training at the first non-finite loss with exit "
    "code 1, naming the step, the epoch and the last finite loss",
    "[experiments][moons][ex10]") {
  const auto dir = test::fresh_directory("moons_nan");
  const auto result =
      test::run_command(kMoons + " --quick --lr 1e6 " + kSmall + " --out " + dir.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 1);
  REQUIRE(result.output.find("non-finite training loss") != std::string::npos);
  REQUIRE(result.output.find(" at step ") != std::string::npos);
  REQUIRE(result.output.find("(epoch ") != std::string::npos);
  REQUIRE(result.output.find("last finite loss") != std::string::npos);
  REQUIRE_FALSE(std::filesystem::exists(dir / "summary.json"));
}

TEST_CASE("moons: --data trains on exactly the rows of a CSV, keeping its is_test split",
          "[experiments][moons][ex10]") {
  const auto dir = test::fresh_directory("moons_data");
  // 200 points, the first 60 marked as test rows.
  const datasets::Dataset moons = datasets::make_moons(200, 0.2, 42);
  datasets::Dataset file{xt::zeros<double>({std::size_t{200}, std::size_t{3}}), moons.y};
  std::size_t test_ones = 0;
  for (std::size_t i = 0; i < 200; ++i) {
    file.X(i, 0) = moons.X(i, 0);
    file.X(i, 1) = moons.X(i, 1);
    file.X(i, 2) = i < 60 ? 1.0 : 0.0;
    if (i < 60) test_ones += moons.y(i) == 1.0;
  }
  const auto csv = dir / "moons.csv";
  datasets::save_csv(file, csv.string(), {"x0", "x1", "is_test", "label"});
  const auto out = dir / "out";
  const auto result = test::run_command(kMoons + " --quick " + kSmall + " --data " + csv.string() +
                                        " --out " + out.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const json s = json::parse(test::read_file(out / "summary.json"));
  REQUIRE(s["config"]["n_train"] == 140);
  REQUIRE(s["config"]["n_test"] == 60);
  REQUIRE(s["replay"]["test_class_count"]["label_1"] == test_ones);
  // The same data on both seeds: only initialisation and masks differ.
  const auto share = s["replay"]["test_label_1_share_per_seed"];
  REQUIRE(share[0] == share[1]);
}

TEST_CASE(
    "moons: summary.json has every key the issue lists, and the section a verdict per "
    "claim and its figures",
    "[experiments][moons][ex10]") {
  const Run& run = quick_run("");
  const json& s = run.summary;
  for (const char* key : {"acc_weight_decay", "acc_dropout", "test_class_share"}) {
    INFO(key);
    REQUIRE(s["replay"].contains(key));
  }
  for (const char* model : {"weight_decay", "dropout", "none"}) {
    for (const char* key : {"mean", "std", "per_seed"}) {
      INFO(model << "." << key);
      REQUIRE(s["corrected"][model].contains(key));
    }
    REQUIRE(s["corrected"][model]["per_seed"].size() == s["config"]["seeds"].get<std::size_t>());
  }
  for (const char* kind : {"weight_decay", "drop_prob"}) {
    REQUIRE(s["sweep"][kind].is_array());
    REQUIRE(s["sweep"][kind].size() >= 3);
    for (const json& entry : s["sweep"][kind]) {
      REQUIRE(entry.contains("value"));
      REQUIRE(entry.contains("mean"));
      REQUIRE(entry.contains("std"));
    }
  }
  REQUIRE(s["bayes_accuracy"].is_number());
  REQUIRE(s["logistic_accuracy"].is_number());
  for (const char* key : {"lr", "weight_decay", "drop_prob", "epochs", "noise", "seeds",
                          "architecture", "batch_size"}) {
    INFO(key);
    REQUIRE(s["config"].contains(key));
  }
  const std::string& md = run.section;
  REQUIRE(md.rfind("## ", 0) == 0);
  REQUIRE(md.find("0.487879") != std::string::npos);
  // The verdict table is rendered from summary.json's claims: every quote and reason is in it.
  REQUIRE(s["claims"].size() == 6);
  REQUIRE(test::require_claims_rendered(s["claims"], md) == 2);
  REQUIRE(md.find("decision_boundaries.png") != std::string::npos);
  // A model that never crosses a boundary leaves its contour empty: no gnuplot warning for it.
  REQUIRE(run.output.find("no valid points") == std::string::npos);
  REQUIRE(run.output.find("warning") == std::string::npos);
  REQUIRE(md.find("loss_curves.png") != std::string::npos);
  REQUIRE(md.find("sweep_weight_decay.png") != std::string::npos);
}

TEST_CASE(
    "moons: --save-models writes seed 0's corrected models, and loaded they score as reported",
    "[experiments][moons]") {
  const auto models = test::fresh_directory("moons_saved_models");
  const auto out = test::fresh_directory("moons_saved_models_out");
  const auto result = test::run_command(kMoons + " --quick --save-models " + models.string() +
                                        " --out " + out.string());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const json summary = json::parse(test::read_file(out / "summary.json"));
  // The seed-0 test split the experiment wrote beside its figures: "x0 x1 label" rows.
  std::ifstream points(out / "test_points_seed0.dat");
  std::string header;
  std::getline(points, header);
  std::vector<double> xs, labels;
  for (double x0, x1, label; points >> x0 >> x1 >> label;) {
    xs.insert(xs.end(), {x0, x1});
    labels.push_back(label);
  }
  REQUIRE(labels.size() > 10);
  const autograd::Array X = xt::adapt(xs, std::vector<std::size_t>{labels.size(), 2});
  const autograd::Array y = xt::adapt(labels, std::vector<std::size_t>{labels.size()});
  const moons::Config config;
  for (const auto& [name, drop_prob] : {std::pair<std::string, double>{"weight_decay", 0},
                                        {"dropout", config.drop_prob},
                                        {"none", 0}}) {
    INFO(name);
    const auto mlp = moons::make_mlp(config.shape, drop_prob);
    nn::load(*mlp, (models / (name + ".json")).string());
    const double accuracy =
        moons::evaluate(moons::logits(*mlp, X), y, moons::Threshold::sigmoid).accuracy;
    // The same model on the same points: the accuracy summary.json reports for seed 0, exactly.
    REQUIRE(accuracy == summary["corrected"][name]["per_seed"][0].get<double>());
  }
  REQUIRE(result.output.find("moons: saved") != std::string::npos);
}
