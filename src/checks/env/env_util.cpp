// Shared helpers of the env family.
#include "checks/env/env_util.h"

#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "core/redact.h"
#include "core/text.h"

namespace shipcheck::checks::env {

std::string no_env_file_reason(const Context& ctx) {
  if (ctx.env_path.empty()) {
    return "no env file configured (set env_file in shipcheck.yaml)";
  }
  return fmt::format("env file {} not found", ctx.env_path);
}

const dotenv::Entry* find_var(const dotenv::File& file, std::string_view name) {
  if (const dotenv::Entry* exact = file.find(name)) {
    return exact;
  }
  for (auto it = file.entries.rbegin(); it != file.entries.rend(); ++it) {
    if (iequals(it->key, name)) {
      return &*it;
    }
  }
  return nullptr;
}

std::vector<const dotenv::Entry*> effective_entries(const dotenv::File& file) {
  std::vector<const dotenv::Entry*> out;
  std::set<std::string_view> seen;
  for (auto it = file.entries.rbegin(); it != file.entries.rend(); ++it) {
    if (seen.insert(it->key).second) {
      out.push_back(&*it);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->line < b->line; });
  return out;
}

namespace {

bool name_matches(std::string_view pattern, std::string_view name) {
  const std::string upper = to_upper(name);
  return pattern.find('*') == std::string_view::npos ? upper == pattern
                                                     : glob_match(pattern, upper);
}

}  // namespace

std::vector<const dotenv::Entry*> present_vars(const dotenv::File& file,
                                               const VariableGroup& group) {
  std::vector<const dotenv::Entry*> out;
  const auto entries = effective_entries(file);
  for (std::string_view pattern : group.names) {
    for (const dotenv::Entry* entry : entries) {
      const bool seen = std::find(out.begin(), out.end(), entry) != out.end();
      if (!seen && name_matches(pattern, entry->key)) {
        out.push_back(entry);
      }
    }
  }
  return out;
}

const dotenv::Entry* first_present(const dotenv::File& file, const VariableGroup& group) {
  const auto present = present_vars(file, group);
  return present.empty() ? nullptr : present.front();
}

bool in_group(std::string_view name, const VariableGroup& group) {
  return std::any_of(group.names.begin(), group.names.end(),
                     [&](std::string_view pattern) { return name_matches(pattern, name); });
}

std::string names_of(const VariableGroup& group) {
  std::string out;
  for (std::size_t i = 0; i < group.names.size(); ++i) {
    const bool last = i + 1 == group.names.size();
    out += i == 0 ? "" : (last ? " or " : ", ");
    out += group.names[i];
  }
  return out;
}

std::optional<bool> parse_bool(std::string_view value) {
  const std::string lower = to_lower(trim(value));
  for (std::string_view yes : {"true", "1", "yes", "on", "t", "y"}) {
    if (lower == yes) {
      return true;
    }
  }
  for (std::string_view no : {"false", "0", "no", "off", "f", "n"}) {
    if (lower == no) {
      return false;
    }
  }
  return std::nullopt;
}

std::optional<long long> parse_int(std::string_view value) {
  const std::string_view text = trim(value);
  const std::string_view digits = !text.empty() && text.front() == '+' ? text.substr(1) : text;
  long long out = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
    return std::nullopt;
  }
  return out;
}

std::string shown_value(std::string_view name, std::string_view value) {
  if (is_secret_name(name) || looks_random(value)) {
    return redact_value(value);
  }
  std::string shown = Redactor().scrub(value);
  if (shown.size() > 80) {
    shown.resize(77);
    shown += "...";
  }
  return shown;
}

Result at_entry(Result result, const Context& ctx, const dotenv::Entry* entry) {
  result.target = ctx.env_path;
  result.location = Location{ctx.env_path, entry != nullptr ? entry->line : 0, 0, {}};
  return result;
}

const std::vector<envrefs::EnvRef>& code_refs(const Context& ctx) {
  const Context* context = &ctx;
  return ctx.memo
      .get<envrefs::EnvRefs>([context] {
        if (!context->config.env.scan_code) {
          return envrefs::EnvRefs{};
        }
        return envrefs::EnvRefs{envrefs::find_env_refs(context->root)};
      })
      .refs;
}

namespace {

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const auto& n) { return iequals(n, name); });
}

bool already(const std::vector<RequiredVar>& vars, std::string_view name) {
  return std::any_of(vars.begin(), vars.end(),
                     [&](const auto& v) { return iequals(v.name, name); });
}

}  // namespace

std::vector<RequiredVar> required_vars(const Context& ctx, bool include_config) {
  const EnvConfig& config = ctx.config.env;
  std::vector<RequiredVar> out;
  for (const auto& name : config.required) {
    if (include_config && !listed(config.optional, name) && !already(out, name)) {
      out.push_back(RequiredVar{name, std::nullopt});
    }
  }
  const VariableGroup& platform = variables(Setting::platform);
  for (const auto& ref : code_refs(ctx)) {
    if (!ref.has_default && !listed(config.optional, ref.name) && !in_group(ref.name, platform) &&
        !already(out, ref.name)) {
      out.push_back(RequiredVar{ref.name, ref});
    }
  }
  return out;
}

std::optional<std::string> find_example_file(const Context& ctx, std::string& wanted) {
  std::error_code ec;
  if (!ctx.config.env.example_file.empty()) {
    wanted = ctx.config.env.example_file;
    return std::filesystem::exists(ctx.root / wanted, ec) ? std::optional(wanted) : std::nullopt;
  }
  // Beside the env file first (backend/.env.production -> backend/.env.example), then root.
  std::vector<std::filesystem::path> dirs{std::filesystem::path(ctx.env_path).parent_path()};
  if (!dirs.front().empty()) {
    dirs.emplace_back();
  }
  wanted = (dirs.front() / k_example_files[0]).generic_string();
  for (const auto& dir : dirs) {
    for (std::string_view name : k_example_files) {
      const auto relative = dir / name;
      if (std::filesystem::is_regular_file(ctx.root / relative, ec)) {
        return relative.generic_string();
      }
    }
  }
  return std::nullopt;
}

}  // namespace shipcheck::checks::env
