#include "experiments/weight_decay/report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "experiments/common/markdown.hpp"
#include "experiments/weight_decay/claims.hpp"
#include "experiments/weight_decay/summary.hpp"

namespace weight_decay {

namespace {

const char* kForAStudent =
    "**For a student.** \"Weight decay\" names two different things. Adding (λ/2)‖θ‖² to the "
    "loss adds λθ to every gradient: with plain SGD that is the same as shrinking each weight "
    "by the factor 1 − lr·λ every step, so PyTorch's `SGD(weight_decay=λ)` *is* L2. Adam divides "
    "each gradient coordinate by the running size of that coordinate's gradients, so "
    "`Adam(weight_decay=λ)`, which adds λθ to the gradient, gets its penalty divided too; "
    "`AdamW(weight_decay=λ)` instead shrinks every weight by 1 − lr·λ outside that division. "
    "What matters in the end is where the steps stop. Adam + L2 stops where the penalised "
    "loss is flat, which is the ridge solution. AdamW, with exact gradients, stops where the "
    "gradient's *sign* balances the decay, which keeps every weight inside |θ| ≤ 1/λ and "
    "otherwise leaves it alone (with noisy batch-1 gradients the balance point moves; the "
    "README derives where).";

// The paragraph's conclusion is a fact about this run's data: printed only when the claims
// behind it were decided that way.
std::string student_conclusion(const std::vector<experiments::Claim>& claims) {
  const bool ridge = experiments::all_passed(
      experiments::claim_with_id(claims, "weight_decay.adam_l2_ends_at_ridge").checks);
  const bool differs =
      experiments::claim_with_id(claims, "weight_decay.same_number").verdict == "wrong";
  if (ridge && differs) {
    return " Measured here: the same number λ is one regulariser under SGD and Adam + L2 and "
           "another under AdamW, so a model tuned with one cannot borrow λ from the other.\n\n";
  }
  return " This run did not confirm all of it: see the verdicts below.\n\n";
}

std::string equality_table(const LinearResults& linear, const MoonsResults& moons) {
  std::vector<std::vector<std::string>> rows;
  for (const auto* list : {&linear.equalities, &moons.equalities}) {
    for (const EqualityResult& e : *list) {
      rows.push_back({e.model, e.optimizer, fmt::format("{}", e.lambda), fmt::format("{}", e.steps),
                      fmt::format("{:.3g}", e.max_abs_difference),
                      fmt::format("{:.3g}", e.max_abs_parameter)});
    }
  }
  return experiments::markdown_table(
      {"model", "optimizer", "λ", "steps", "largest difference, penalty vs weight_decay",
       "largest parameter"},
      rows);
}

std::string linear_table(const LinearResults& linear) {
  std::vector<std::vector<std::string>> rows;
  for (const ScaleResult& s : linear.scales) {
    rows.push_back(
        {fmt::format("×{}", s.scale), fmt::format("{:.4g}", s.ols[0]),
         fmt::format("{:.4g}", s.ridge[0]), fmt::format("{:.4g}", s.adam_l2[0]),
         fmt::format("{:.4g}", s.adamw[0]), fmt::format("{:.3f}", s.shrink(s.ridge)),
         fmt::format("{:.3f}", s.shrink(s.adam_l2)), fmt::format("{:.3f}", s.shrink(s.adamw)),
         fmt::format("{:.2g}", s.adam_l2_to_ridge), fmt::format("{:.3f}", s.adamw_to_ridge)});
  }
  return experiments::markdown_table(
      {"feature 0 scale", "θ₀ OLS", "θ₀ ridge", "θ₀ Adam + L2", "θ₀ AdamW", "factor ridge",
       "factor Adam + L2", "factor AdamW", "Adam + L2 vs ridge (all j)", "AdamW vs ridge (all j)"},
      rows);
}

std::string moons_table(const MoonsResults& moons) {
  std::vector<std::vector<std::string>> rows;
  for (const SweepPoint& p : moons.points) {
    rows.push_back({method_name(p.method), fmt::format("{}", p.strength),
                    fmt::format("{:.3f} ± {:.3f}", p.test_accuracy.mean, p.test_accuracy.se),
                    fmt::format("{:.3g} ± {:.2g}", p.weight_norm.mean, p.weight_norm.se),
                    fmt::format("{} of {}", p.constant_seeds, p.runs.size())});
  }
  return experiments::markdown_table({"method", "strength (λ or drop prob.)", "test accuracy ± SE",
                                      "‖θ‖₂ ± SE", "constant predictors"},
                                     rows);
}

std::string collapse_sentence(const Settings& settings, const MoonsResults& moons) {
  std::string text =
      "Smallest strength on each grid at which most seeds end as a constant "
      "predictor: ";
  for (const Method m : kMethods) {
    const double strength = collapse_strength(moons, m);
    text += fmt::format("{}{}{}", m == Method::sgd_weight_decay ? "" : "; ", method_name(m),
                        std::isnan(strength)
                            ? fmt::format(" none up to {}", settings.moons.grid(m).back())
                            : fmt::format(" {} = {}", strength_name(m), strength));
  }
  return text + ".\n\n";
}

}  // namespace

std::string section(const Settings& settings, const LinearResults& linear,
                    const MoonsResults& moons, const std::vector<experiments::Claim>& claims,
                    const std::string& figures_linear, const std::string& figures_moons) {
  const LinearSettings& ls = settings.linear;
  const MoonsSettings& ms = settings.moons;
  std::string md = "## Weight decay is L2 only for SGD: Adam, AdamW and dropout\n\n";
  md += kForAStudent + student_conclusion(claims);
  md += "### A penalty in the loss against `weight_decay` (rows 1 and 2)\n\n";
  md += fmt::format(
      "Each pair starts from the same weights and takes the same steps, once with "
      "(λ/2)‖θ‖² added to the loss and once with the optimizer's `weight_decay = λ`.\n\n");
  md += equality_table(linear, moons) + "\n";
  md += "### Where Adam + L2 and AdamW end on a linear design (row 2)\n\n";
  md += fmt::format(
      "Linear regression with {} rows and {} standard-normal features (true weights {}, noise "
      "{}), loss (1/n)‖Xθ − y‖², λ = {} for all; full-batch Adam and AdamW (lr {}, torch's "
      "betas and eps) from θ = 0 for {} steps, the mean of the last {} iterates. Feature 0 is "
      "multiplied by each scale c, which multiplies its gradient by c and its curvature by c²; "
      "the table shows its weight and its shrinkage factor "
      "θ₀/θ₀ᴼᴸˢ, and the largest difference in factors over all three weights. AdamW's "
      "box is |θⱼ| ≤ 1/λ = {}.\n\n",
      ls.rows, ls.true_weights.size(), fmt::join(ls.true_weights, ", "), ls.noise, ls.lambda,
      ls.adam_lr, ls.steps, ls.tail, 1 / ls.lambda);
  md += linear_table(linear) + "\n" + figures_linear;
  md += "### The moons MLP under four regularisers (row 3)\n\n";
  md += fmt::format(
      "make_moons({}, noise {}), {:.0f}% test; 2-{}-1 ReLU MLP, BCE-with-logits, batch 1 in "
      "file order, {} epochs at lr {} (SGD) and {} (Adam, AdamW), {} seeds per point (seed k: "
      "the same data, split and initial weights at every point). Dropout is nn.Dropout after "
      "each hidden ReLU, trained by Adam without decay.\n\n",
      ms.samples, ms.noise, 100 * ms.test_size, fmt::join(ms.shape.hidden, "-"), ms.epochs,
      ms.sgd_lr, ms.adam_lr, ms.seeds);
  md += moons_table(moons) + "\n" + collapse_sentence(settings, moons) + figures_moons;
  md += "### Verdicts\n\n" + experiments::claims_table(claims);
  return md;
}

experiments::Report run(const Settings& settings, const experiments::Context& context) {
  const LinearResults linear = run_linear(settings.linear, context.seed, context.threads);
  const MoonsResults moons = run_moons(settings.moons, context.seed, context.threads);
  const std::vector<experiments::Claim> claims = all_claims(settings, linear, moons);
  write_linear_csv(linear, context.out);
  write_moons_csv(moons, context.out);
  experiments::Report report;
  report.section = section(settings, linear, moons, claims, draw_shrinkage_figure(context.out),
                           draw_moons_figure(context.out));
  report.summary = {
      {"experiment", "weight_decay"},          {"seed", context.seed}, {"quick", context.quick},
      {"config", settings_json(settings)},     {"linear", linear},     {"moons", moons},
      {"claims", experiments::to_json(claims)}};
  for (const experiments::Claim& c : claims) {
    report.console += fmt::format("  {}: {}\n", c.id, c.verdict);
  }
  return report;
}

}  // namespace weight_decay
