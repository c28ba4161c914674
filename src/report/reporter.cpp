// The format table behind make_reporter().
#include "report/reporter.h"

#include <array>
#include <utility>

#include "report/html.h"
#include "report/json.h"
#include "report/junit.h"
#include "report/markdown.h"
#include "report/sarif.h"
#include "report/text.h"

namespace shipcheck::report {
namespace {

using Factory = std::unique_ptr<Reporter> (*)(const ReportOptions&);

template <typename T>
std::unique_ptr<Reporter> create(const ReportOptions& options) {
  return std::make_unique<T>(options);
}

constexpr std::array<std::pair<std::string_view, Factory>, 6> k_formats{{
    {"text", &create<TextReporter>},
    {"json", &create<JsonReporter>},
    {"sarif", &create<SarifReporter>},
    {"junit", &create<JunitReporter>},
    {"markdown", &create<MarkdownReporter>},
    {"html", &create<HtmlReporter>},
}};

}  // namespace

std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options) {
  for (const auto& [name, factory] : k_formats) {
    if (name == format) {
      return factory(options);
    }
  }
  return nullptr;
}

std::vector<std::string> report_formats() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : k_formats) {
    names.emplace_back(name);
  }
  return names;
}

}  // namespace shipcheck::report
