#include "experiments/common/claims.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "experiments/common/markdown.hpp"
#include "experiments/common/output.hpp"

namespace experiments {

namespace {

// Thresholds are printed with 6 significant digits: enough to tell 1e-12 from 1e-10, and 0.5
// from 0.55, without the noise of 17 digits.
std::string limit_text(const char* relation, double limit) {
  return std::string(relation) + " " + rounded(limit, 6);
}

Check make(std::string name, double value, std::string threshold, bool passed) {
  return {std::move(name), value, std::move(threshold), passed};
}

}  // namespace

Check at_most(std::string name, double value, double limit) {
  return make(std::move(name), value, limit_text("≤", limit), value <= limit);
}
Check below(std::string name, double value, double limit) {
  return make(std::move(name), value, limit_text("<", limit), value < limit);
}
Check at_least(std::string name, double value, double limit) {
  return make(std::move(name), value, limit_text("≥", limit), value >= limit);
}
Check above(std::string name, double value, double limit) {
  return make(std::move(name), value, limit_text(">", limit), value > limit);
}
Check abs_at_most(std::string name, double value, double limit) {
  return make(std::move(name), value, "|·| " + limit_text("≤", limit), std::abs(value) <= limit);
}
Check abs_above(std::string name, double value, double limit) {
  return make(std::move(name), value, "|·| " + limit_text(">", limit), std::abs(value) > limit);
}
Check equal_to(std::string name, double value, double expected) {
  return make(std::move(name), value, limit_text("=", expected), value == expected);
}
Check is_true(std::string name, bool value) {
  return make(std::move(name), value ? 1.0 : 0.0, "= 1 (true)", value);
}

const Check& check_named(const std::vector<Check>& checks, const std::string& name) {
  for (const Check& c : checks) {
    if (c.name == name) return c;
  }
  throw std::logic_error("no check named '" + name + "'");
}

bool passed(const std::vector<Check>& checks, const std::string& name) {
  return check_named(checks, name).passed;
}

bool all_passed(const std::vector<Check>& checks) {
  for (const Check& c : checks) {
    if (!c.passed) return false;
  }
  return true;
}

std::string failed_checks_text(const std::vector<Check>& checks) {
  std::string text;
  for (const Check& c : checks) {
    if (c.passed) continue;
    text += (text.empty() ? "" : "; ") + c.name + " = " + rounded(c.value, 6) + " (needs " +
            c.threshold + ")";
  }
  return text;
}

Outcome not_confirmed(const std::vector<Check>& checks, const std::string& what_it_means) {
  std::string because = "the check the verdict rests on failed: " + failed_checks_text(checks);
  if (!what_it_means.empty()) because += "; " + what_it_means;
  return {"not confirmed", because};
}

Claim measured_claim(std::string id, std::string quote, std::string measured,
                     std::vector<Check> checks, Outcome outcome) {
  if (checks.empty()) {
    throw std::logic_error("measured claim '" + id + "' has no check to decide it");
  }
  return {
      std::move(id),     std::move(quote),           ClaimKind::measured,       std::move(measured),
      std::move(checks), std::move(outcome.verdict), std::move(outcome.because)};
}

Claim decide(std::string id, std::string quote, std::string measured, std::vector<Check> checks,
             Outcome when_all_pass) {
  Outcome outcome = all_passed(checks) ? std::move(when_all_pass) : not_confirmed(checks);
  return measured_claim(std::move(id), std::move(quote), std::move(measured), std::move(checks),
                        std::move(outcome));
}

Claim reasoning_claim(std::string id, std::string quote, std::string argument, Outcome outcome,
                      std::vector<Check> checks) {
  return {
      std::move(id),     std::move(quote),           ClaimKind::reasoning,      std::move(argument),
      std::move(checks), std::move(outcome.verdict), std::move(outcome.because)};
}

const Claim& claim_with_id(const std::vector<Claim>& claims, const std::string& id) {
  for (const Claim& c : claims) {
    if (c.id == id) return c;
  }
  throw std::logic_error("no claim with id '" + id + "'");
}

nlohmann::json to_json(const Check& check) {
  return {{"name", check.name},
          {"value", check.value},
          {"threshold", check.threshold},
          {"passed", check.passed}};
}

nlohmann::json to_json(const Claim& claim) {
  nlohmann::json checks = nlohmann::json::array();
  for (const Check& c : claim.checks) checks.push_back(to_json(c));
  return {{"id", claim.id},
          {"quote", claim.quote},
          {"kind", claim.kind == ClaimKind::measured ? "measured" : "reasoning"},
          {"measured", claim.measured},
          {"checks", checks},
          {"verdict", claim.verdict},
          {"because", claim.because}};
}

nlohmann::json to_json(const std::vector<Claim>& claims) {
  nlohmann::json array = nlohmann::json::array();
  for (const Claim& c : claims) array.push_back(to_json(c));
  return array;
}

namespace {

// One check in the verdict table: "`name` = value (threshold, passed)".
std::string check_cell(const Check& check) {
  return fmt::format("`{}` = {} ({}, {})", markdown_cell(check.name), rounded(check.value, 4),
                     markdown_cell(check.threshold), check.passed ? "passed" : "**failed**");
}

}  // namespace

std::string claims_table(const std::vector<Claim>& claims) {
  std::string md = "| the post says | measured, or argued | verdict |\n|---|---|---|\n";
  for (const Claim& c : claims) {
    const bool argued = c.kind == ClaimKind::reasoning;
    std::vector<std::string> checks;
    for (const Check& check : c.checks) checks.push_back(check_cell(check));
    const std::string checks_text =
        checks.empty() ? ""
                       : fmt::format("{}checks: {}", c.measured.empty() ? "" : "<br>",
                                     fmt::join(checks, "; "));
    md += fmt::format("| \"{}\" | {}{}{} | **{}** ({}): {} |\n", markdown_cell(c.quote),
                      argued ? "*argued:* " : "", markdown_cell(c.measured), checks_text,
                      markdown_cell(c.verdict), argued ? "argued" : "measured",
                      markdown_cell(c.because));
  }
  return md + "\n";
}

}  // namespace experiments
