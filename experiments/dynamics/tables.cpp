// The CSV tables of the dynamics experiment, written from the typed results (the parts compute,
// this file writes): the data behind the figures (figures.cpp), one table per part.
#include <string>
#include <vector>

#include "experiments/dynamics/report.hpp"

namespace dynamics {

namespace {

using Rows = std::vector<std::vector<double>>;

// sgd_errors.csv: K, then for each learning rate the last iterate's RMS and SE, the average's
// RMS and SE, the closed form √(tr Σ∞/K) and the stall level √tr M.
void write_sgd_errors(const SgdResult& sgd, const experiments::Output& out) {
  Rows rows;
  for (std::size_t c = 0; c < sgd.K.size(); ++c) {
    rows.push_back({static_cast<double>(sgd.K[c])});
    for (std::size_t li = 0; li < sgd.lr.size(); ++li) {
      rows.back().insert(rows.back().end(),
                         {sgd.last_error[li][c], sgd.last_error_se[li][c],
                          sgd.averaged_error[li][c], sgd.averaged_error_se[li][c],
                          sgd.averaged_error_predicted[li][c], sgd.by_lr[li].exact_stationary_rms});
    }
  }
  std::vector<std::string> header{"K"};
  for (const char* lr : {"lr_large", "lr_small"}) {
    for (const char* column : {"last_rms_", "last_se_", "averaged_rms_", "averaged_se_",
                               "averaged_predicted_", "stationary_rms_"}) {
      header.push_back(std::string(column) + lr);
    }
  }
  out.write_csv("sgd_errors.csv", header, rows);
}

// clara_variance.csv: per α, each coordinate's exact variance and the chains' (± SE).
void write_clara_variance(const ClaraResult& clara, const experiments::Output& out) {
  std::vector<std::string> header{"alpha"};
  for (std::size_t j = 0; j < clara.beta_tilde.size(); ++j) {
    const std::string index = std::to_string(j);
    header.insert(header.end(), {"exact_variance_" + index, "chain_variance_" + index,
                                 "chain_variance_se_" + index});
  }
  Rows rows;
  for (std::size_t a = 0; a < clara.alpha.size(); ++a) {
    rows.push_back({clara.alpha[a]});
    for (std::size_t j = 0; j < clara.beta_tilde.size(); ++j) {
      rows.back().insert(rows.back().end(), {clara.exact_variance[a][j], clara.chain_variance[a][j],
                                             clara.chain_variance_se[a][j]});
    }
  }
  out.write_csv("clara_variance.csv", header, rows);
}

// clara_mean_path.csv: at every step of the first α, the chains' mean and the exact mean path
// (their distances to β̃), and the chains' noise floor.
void write_clara_mean_path(const ClaraMeanPath& path, const experiments::Output& out) {
  Rows rows;
  for (std::size_t k = 0; k < path.chain_mean_error_norm.size(); ++k) {
    rows.push_back({static_cast<double>(k), path.chain_mean_error_norm[k],
                    path.exact_mean_error_norm[k], path.chain_mean_se_floor});
  }
  out.write_csv("clara_mean_path.csv",
                {"step", "chain_mean_error_norm", "exact_mean_error_norm", "chain_mean_se_floor"},
                rows);
}

// equivalence.csv: one row per pair, method (0 dropout, 1 weight decay) and coordinate.
void write_equivalence(const EquivalenceResult& eq, const experiments::Output& out) {
  Rows rows;
  for (std::size_t pair = 0; pair < eq.pairs.size(); ++pair) {
    const EquivalencePair& p = eq.pairs[pair];
    const MethodEstimate* methods[] = {&p.dropout, &p.weight_decay_sgd};
    for (std::size_t method = 0; method < 2; ++method) {
      for (std::size_t j = 0; j < p.ridge.size(); ++j) {
        rows.push_back({static_cast<double>(pair), static_cast<double>(method),
                        static_cast<double>(j), p.ridge[j], methods[method]->averaged[j],
                        methods[method]->se[j]});
      }
    }
  }
  out.write_csv("equivalence.csv", {"pair", "method", "coordinate", "ridge", "averaged", "se"},
                rows);
}

// wager_curve.csv: s, then for each δ the exact penalty, the quadratic one and their ratio.
void write_wager_curve(const std::vector<std::vector<WagerCell>>& curve,
                       const experiments::Output& out) {
  std::vector<std::string> header{"s"};
  for (const WagerCell& cell : curve.front()) {
    const std::string tag = "_delta_" + experiments::rounded(cell.delta);
    header.insert(header.end(), {"exact" + tag, "quadratic" + tag, "ratio" + tag});
  }
  Rows rows;
  for (const std::vector<WagerCell>& at_s : curve) {
    rows.push_back({at_s.front().s});
    for (const WagerCell& cell : at_s) {
      rows.back().insert(rows.back().end(), {cell.exact, cell.quadratic, cell.ratio});
    }
  }
  out.write_csv("wager_curve.csv", header, rows);
}

}  // namespace

void write_tables(const Results& r, const experiments::Output& out) {
  write_sgd_errors(r.sgd, out);
  write_clara_variance(r.clara, out);
  write_clara_mean_path(r.clara.mean_path, out);
  write_equivalence(r.equivalence, out);
  write_wager_curve(r.wager.curve, out);
}

}  // namespace dynamics
