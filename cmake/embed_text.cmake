# Generates a C++ function returning a data file's text, so the binary needs no installed
# data. Run with -DINPUT= -DOUTPUT= -DFUNCTION=qualified::name -DHEADER=include/path.h
file(READ "${INPUT}" text)
set(content "// Generated from ${NAME} by cmake/embed_text.cmake. Do not edit.
#include \"${HEADER}\"

std::string_view ${FUNCTION}() {
  static constexpr std::string_view text = R\"shipcheck_embed(${text})shipcheck_embed\";
  return text;
}
")
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
