// DOC003: environment variables are documented (see docs/rules/DOC003.md).
#include "checks/docs/env_docs.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/docs/doc_files.h"
#include "core/text.h"

namespace shipcheck::checks {

namespace {

constexpr std::array<std::string_view, 4> k_example_files = {
    ".env.example", ".env.production.example", ".env.sample", ".env.template"};

// ENV.md, environment.md, CONFIGURATION.md, docs/config.md, ...
bool is_env_doc_name(std::string_view name) {
  return is_markdown_name(name) && (contains_icase(name, "env") || contains_icase(name, "config"));
}

bool is_env_heading(std::string_view title) {
  return contains_icase(title, "environment variable") || contains_icase(title, "env var") ||
         contains_icase(title, "configuration") || iequals(trim(title), "environment");
}

void add_file(const Context& ctx, const std::string& file, std::vector<EnvDocs::Source>& out) {
  if (auto text = read_doc(ctx.root / file)) {
    out.push_back(EnvDocs::Source{file, std::move(*text)});
  }
}

void add_readme_sections(const Context& ctx, std::vector<EnvDocs::Source>& out) {
  const auto readme = find_readme(ctx);
  const auto text = readme ? read_doc(ctx.root / *readme) : std::nullopt;
  if (!text) {
    return;
  }
  const auto headings = markdown_headings(*text);
  for (std::size_t i = 0; i < headings.size(); ++i) {
    if (is_env_heading(headings[i].text)) {
      out.push_back(EnvDocs::Source{fmt::format("{} ({})", *readme, headings[i].text),
                                    section_text(*text, headings, i)});
    }
  }
}

void add_example_file(const Context& ctx, std::vector<EnvDocs::Source>& out) {
  if (!ctx.config.env.example_file.empty()) {
    add_file(ctx, ctx.config.env.example_file, out);
    return;
  }
  for (std::string_view name : k_example_files) {
    const std::size_t before = out.size();
    add_file(ctx, std::string(name), out);
    if (out.size() > before) {
      return;
    }
  }
}

}  // namespace

EnvDocs::EnvDocs()
    : Check(RuleInfo{"DOC003", "docs", "Environment variables are documented", Severity::low,
                     "document each variable (purpose, format, default) in docs/ENVIRONMENT.md, a "
                     "README \"Environment variables\" section, or .env.example"}) {}

std::vector<EnvDocs::Source> EnvDocs::documents(const Context& ctx) {
  std::vector<Source> out;
  if (!ctx.config.docs.env_docs.empty()) {
    add_file(ctx, ctx.config.docs.env_docs, out);
    return out;
  }
  for (std::string_view dir : {"", "docs"}) {
    for (const std::string& file : files_in(ctx.root, dir, is_env_doc_name)) {
      add_file(ctx, file, out);
    }
  }
  add_readme_sections(ctx, out);
  return out;
}

std::vector<Result> EnvDocs::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip("no env file configured")};
  }
  if (ctx.env->entries.empty()) {
    return {skip(fmt::format("{} defines no variables", ctx.env_path))};
  }
  const std::string& configured = ctx.config.docs.env_docs;
  std::error_code ec;
  if (!configured.empty() && !std::filesystem::is_regular_file(ctx.root / configured, ec)) {
    Result r = fail(fmt::format("docs.env_docs names {}, which does not exist", configured));
    r.location = Location{configured, 0, 0, {}};
    return {std::move(r)};
  }
  std::vector<Source> docs = documents(ctx);
  if (docs.empty()) {
    return {fail("no environment variable documentation found",
                 "looked for ENV*.md, ENVIRONMENT.md, CONFIG*.md at the root and in docs/, and "
                 "a README section headed \"Environment variables\" or \"Configuration\"")};
  }
  add_example_file(ctx, docs);
  std::vector<std::string> labels;
  labels.reserve(docs.size());
  for (const Source& source : docs) {
    labels.push_back(source.label);
  }
  const std::string looked_in = fmt::format("looked in {}", fmt::join(labels, ", "));
  std::vector<Result> results;
  std::set<std::string> seen;
  for (const auto& entry : ctx.env->entries) {
    if (!seen.insert(entry.key).second) {
      continue;
    }
    const bool documented = std::any_of(docs.begin(), docs.end(), [&](const Source& source) {
      return contains_word(source.text, entry.key);
    });
    if (!documented) {
      Result r = fail(fmt::format("{} is not documented", entry.key), looked_in);
      r.location = Location{ctx.env_path, entry.line, entry.column, {}};
      results.push_back(std::move(r));
    }
  }
  if (results.empty()) {
    results.push_back(
        pass(fmt::format("all {} variables of {} are documented", seen.size(), ctx.env_path),
             fmt::format("documented in {}", fmt::join(labels, ", "))));
  }
  return results;
}

}  // namespace shipcheck::checks
