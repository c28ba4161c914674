// yaml-cpp parsing with positioned errors. yaml-cpp's LoadAll never returns on a stray
// ',' or ']' at document level (each HandleNextDocument() yields an empty document
// without consuming the token), so documents are counted with a bounded event scan.
#include "config/documents.h"

#include <limits>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "config/config.h"
#include "config/source_text.h"

namespace shipcheck::config {
namespace {

SourcePos pos_of_mark(const YAML::Mark& mark) {
  return mark.is_null() || mark.line < 0 ? SourcePos{} : SourcePos{mark.line + 1, mark.column + 1};
}

std::string yaml_hint(const std::string& message) {
  if (message.find("sequence flow") != std::string::npos) {
    return "a '[' is not closed by ']'";
  }
  if (message.find("map flow") != std::string::npos) {
    return "a '{' is not closed by '}'";
  }
  if (message.find("referenced anchor") != std::string::npos) {
    return "an alias *name needs an anchor &name defined before it";
  }
  return "check the indentation here, and for an unclosed quote or bracket above";
}

// A tab in the indentation gets its own message: yaml-cpp's ("illegal map value",
// "end of map not found") does not say so.
ParseError from_yaml_exception(std::string_view text, std::string_view file,
                               const YAML::Exception& e) {
  const SourcePos pos = pos_of_mark(e.mark);
  const int last_line = pos.line > 0 ? pos.line : std::numeric_limits<int>::max();
  if (const auto tab = find_tab_indent(text, last_line)) {
    return error_at(file, *tab, "tab character used for indentation",
                    "YAML indentation must be spaces; replace the tab with spaces");
  }
  return error_at(file, pos, fmt::format("invalid YAML: {}", e.msg), yaml_hint(e.msg));
}

// Records where a document starts and whether it holds anything but a null.
class DocumentProbe : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { m_start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { content(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {
    content(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/,
                       YAML::anchor_t /*anchor*/, YAML::EmitterStyle::value /*style*/) override {
    content(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    content(mark);
  }
  void OnMapEnd() override {}

  const YAML::Mark& start() const { return m_start; }
  const std::optional<YAML::Mark>& first_content() const { return m_content; }

 private:
  void content(const YAML::Mark& mark) {
    if (!m_content) {
      m_content = mark;
    }
  }

  YAML::Mark m_start = YAML::Mark::null_mark();
  std::optional<YAML::Mark> m_content;
};

// Looks at the documents after the first: at most three parser steps, so a stuck parser
// (a document starting where the previous one did) is caught instead of looping.
std::optional<ParseError> check_documents(std::string_view text, std::string_view file) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  std::optional<int> previous_start;
  for (int step = 0; step < 3; ++step) {
    DocumentProbe probe;
    if (!parser.HandleNextDocument(probe)) {
      return std::nullopt;
    }
    const YAML::Mark start = probe.start();
    if (previous_start && start.pos == *previous_start) {
      const char token = static_cast<std::size_t>(start.pos) < text.size() ? text[start.pos] : '?';
      return error_at(file, pos_of_mark(start), fmt::format("invalid YAML: unexpected '{}'", token),
                      "remove it, or quote the value it belongs to");
    }
    if (step > 0 && probe.first_content()) {
      return error_at(file, pos_of_mark(*probe.first_content()), "more than one YAML document",
                      "shipcheck.yaml holds one document; remove the '---'");
    }
    previous_start = start.pos;
  }
  return std::nullopt;
}

}  // namespace

ParseError error_at(std::string_view file, SourcePos pos, std::string message, std::string hint) {
  return ParseError{std::string(file), pos.line, pos.column, std::move(message), std::move(hint)};
}

tl::expected<YAML::Node, ParseError> parse_single_document(std::string_view text,
                                                           std::string_view file) {
  YAML::Node document;
  try {
    if (auto problem = check_documents(text, file)) {
      return tl::make_unexpected(*problem);
    }
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return tl::make_unexpected(from_yaml_exception(text, file, e));
  }
  if (!document.IsDefined() || document.IsNull()) {
    return tl::make_unexpected(
        error_at(file, {1, 1}, "empty config", "run `shipcheck init` to write a commented one"));
  }
  return document;
}

}  // namespace shipcheck::config
