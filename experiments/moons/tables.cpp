// The CSV tables (numbers per seed and per sweep point, for readers and the figures) and the
// data files of the decision-boundary figure.
#include <cmath>
#include <sstream>

#include "experiments/moons/report.hpp"

namespace moons {

namespace {

using Rows = std::vector<std::vector<double>>;

void write_per_seed(const Summary& s, const experiments::Output& out) {
  const Corrected& c = s.corrected;
  Rows rows;
  for (std::size_t seed = 0; seed < s.config.seeds; ++seed) {
    const double bayes =
        s.bayes.test_accuracy ? s.bayes.test_accuracy->per_seed[seed] : std::nan("");
    rows.push_back({static_cast<double>(seed), c.weight_decay.test.per_seed[seed],
                    c.dropout.test.per_seed[seed], c.none.test.per_seed[seed],
                    s.logistic.test.per_seed[seed], bayes,
                    s.replay.test_label_1_share_per_seed[seed]});
  }
  out.write_csv("corrected_per_seed.csv",
                {"seed_index", "acc_weight_decay", "acc_dropout", "acc_none", "acc_logistic",
                 "acc_bayes_rule", "test_label_1_share"},
                rows);
}

// The replay under each combination of the two bugs (means over seeds).
void write_by_bug(const Summary& s, const experiments::Output& out) {
  Rows rows;
  for (const BugCase& c : s.replay.by_bug) {
    rows.push_back({c.bugs.wrong_optimizer ? 1.0 : 0.0, c.bugs.logit_threshold ? 1.0 : 0.0,
                    c.weight_decay.mean, c.dropout.mean,
                    static_cast<double>(c.weight_decay_constant_seeds),
                    static_cast<double>(c.dropout_constant_seeds)});
  }
  out.write_csv("replay_by_bug.csv",
                {"bug_wrong_optimizer", "bug_logit_threshold", "acc_weight_decay_mean",
                 "acc_dropout_mean", "weight_decay_constant_seeds", "dropout_constant_seeds"},
                rows);
}

void write_sweep(const std::vector<SweepPoint>& sweep, const std::string& file,
                 const experiments::Output& out) {
  Rows rows;
  for (const SweepPoint& p : sweep) {
    rows.push_back({p.value, p.test_accuracy.mean, p.test_accuracy.sd, p.train_accuracy_mean,
                    p.train_loss_eval_mode_mean});
  }
  out.write_csv(file,
                {"value", "test_accuracy_mean", "test_accuracy_std", "train_accuracy_mean",
                 "train_loss_eval_mode_mean"},
                rows);
}

// Loss per epoch, mean over seeds.
void write_loss_curves(const Config& config, const Results& results,
                       const experiments::Output& out) {
  Rows rows;
  for (std::size_t e = 0; e < config.epochs; ++e) {
    double wd = 0, drop = 0, none = 0, second = 0;
    for (std::size_t s = 0; s < config.seeds; ++s) {
      const ModelRun& wd_run = results.run(s, config.weight_decay, 0);
      wd += wd_run.epoch_loss[e] / config.seeds;
      drop += results.run(s, 0, config.drop_prob).epoch_loss[e] / config.seeds;
      none += results.run(s, 0, 0).epoch_loss[e] / config.seeds;
      second += wd_run.replay->dropout_epoch_loss[e] / config.seeds;
    }
    rows.push_back({static_cast<double>(e + 1), wd, drop, none, second});
  }
  out.write_csv("loss_curves.csv",
                {"epoch", "weight_decay", "dropout", "none", "replay_second_loop_dropout"}, rows);
}

// Rows of a gnuplot grid file: "x y v1 v2 …", a blank line after each scan line (x fastest).
std::string grid_file(const Grid& grid, const std::vector<const Array*>& columns) {
  using experiments::rounded;
  std::ostringstream os;
  os << "# x y";
  for (const char* name : kGridColumns) os << " " << name;
  os << "\n";
  for (std::size_t j = 0; j < grid.ny; ++j) {
    for (std::size_t i = 0; i < grid.nx; ++i) {
      const std::size_t k = j * grid.nx + i;
      os << rounded(grid.points(k, 0), 8) << " " << rounded(grid.points(k, 1), 8);
      for (const Array* column : columns) {
        os << " " << (column->size() ? rounded((*column)(k), 8) : "0.5");
      }
      os << "\n";
    }
    os << "\n";
  }
  return os.str();
}

// Seed 0's test points and the decision grid.
void write_decision_data(const Config& config, const Results& results,
                         const experiments::Output& out) {
  const datasets::Dataset& test = results.data[0].test;
  std::ostringstream points;  // space-separated, as gnuplot reads it beside the grid file
  points << "# x0 x1 label\n";
  for (std::size_t i = 0; i < test.size(); ++i) {
    points << experiments::exact(test.X(i, 0)) << " " << experiments::exact(test.X(i, 1)) << " "
           << test.y(i) << "\n";
  }
  out.write_text("test_points_seed0.dat", points.str());
  const ModelRun& wd = results.run(0, config.weight_decay, 0);
  const LogisticFit& fit = results.logistic[0];
  const Grid& grid = *results.grid;
  Array logistic = xt::zeros<double>({grid.points.shape()[0]});
  for (std::size_t k = 0; k < logistic.size(); ++k) {
    const double z =
        fit.weight(0, 0) * grid.points(k, 0) + fit.weight(0, 1) * grid.points(k, 1) + fit.bias(0);
    logistic(k) = 1 / (1 + std::exp(-z));
  }
  // In the order of kGridColumns.
  out.write_text("decision_grid.dat",
                 grid_file(grid, {&wd.eval.grid_probability,
                                  &results.run(0, 0, config.drop_prob).eval.grid_probability,
                                  &results.run(0, 0, 0).eval.grid_probability, &logistic,
                                  &wd.replay->weight_decay_model.grid_probability,
                                  &wd.replay->dropout_model.grid_probability,
                                  &results.bayes_grid_probability}));
}

}  // namespace

void write_tables(const Results& results, const Summary& summary, const experiments::Output& out) {
  write_per_seed(summary, out);
  write_by_bug(summary, out);
  write_sweep(summary.sweep.weight_decay, "sweep_weight_decay.csv", out);
  write_sweep(summary.sweep.drop_prob, "sweep_drop_prob.csv", out);
  write_loss_curves(summary.config, results, out);
  write_decision_data(summary.config, results, out);
}

}  // namespace moons
