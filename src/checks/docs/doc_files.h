// Shared helpers of the docs family: reading candidate documentation files and finding
// Markdown headings and sections in them.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/context.h"

namespace shipcheck::checks {

struct Heading {
  int level = 0;  // 1..6
  std::string text;
  int line = 0;  // 1-based line of the heading text
};

// ATX (`## Title ##`) and setext (`Title` over `===`/`---`) headings, in order. Lines in
// fenced code blocks and a leading YAML front matter are not headings.
std::vector<Heading> markdown_headings(std::string_view text);

// The lines under headings[index] up to the next heading of the same or a higher level
// (its subsections included), as one string.
std::string section_text(std::string_view text, const std::vector<Heading>& headings,
                         std::size_t index);

// Up to 1 MiB of a regular file; nullopt if it is missing or not a regular file.
std::optional<std::string> read_doc(const std::filesystem::path& path);

std::size_t count_nonempty_lines(std::string_view text);

// True iff `word` occurs in `text` delimited by characters other than [A-Za-z0-9_].
bool contains_word(std::string_view text, std::string_view word);

// .md or .markdown, case-insensitive.
bool is_markdown_name(std::string_view name);
// Case-insensitive prefix test on a file name.
bool name_starts_with(std::string_view name, std::string_view prefix);

// Regular files directly in root/dir ("" = the root itself) whose name satisfies `keep`,
// root-relative and sorted.
std::vector<std::string> files_in(const std::filesystem::path& root, std::string_view dir,
                                  const std::function<bool(std::string_view)>& keep);

// The first Markdown file (any depth) under root/dir, root-relative; nullopt if none.
std::optional<std::string> first_markdown_under(const std::filesystem::path& root,
                                                std::string_view dir);

// A configured docs path: the file itself if it is a non-empty regular file, or the first
// Markdown file under it if it is a directory. Root-relative; nullopt if neither.
std::optional<std::string> configured_doc(const Context& ctx, const std::string& configured);

// docs.readme if set, else README, README.md, README.markdown, README.rst or README.txt at
// the root (any case). Root-relative; nullopt if there is none (or the configured one is
// missing).
std::optional<std::string> find_readme(const Context& ctx);

}  // namespace shipcheck::checks
