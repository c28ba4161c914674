# Generates a C++ function returning a data file's text, so the binary needs no installed
# data. Run with -DINPUT= -DOUTPUT= -DFUNCTION=qualified::name -DHEADER=include/path.h
# The text is emitted in pieces joined at first use: compilers need not accept a single
# string literal over 64 KiB (clang warns with -Woverlength-strings).
file(READ "${INPUT}" text)
string(LENGTH "${text}" length)
set(pieces "")
set(piece_size 16000)
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${text}" ${offset} ${piece_size} piece)
  string(APPEND pieces "      R\"shipcheck_embed(${piece})shipcheck_embed\",\n")
  math(EXPR offset "${offset} + ${piece_size}")
endwhile()
set(content "// Generated from ${NAME} by cmake/embed_text.cmake. Do not edit.
#include <array>
#include <string>

#include \"${HEADER}\"

std::string_view ${FUNCTION}() {
  static const std::string text = [] {
    static constexpr std::string_view pieces[] = {
${pieces}    };
    std::string joined;
    for (const auto piece : pieces) {
      joined.append(piece);
    }
    return joined;
  }();
  return text;
}
")
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
