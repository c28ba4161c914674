# Generates a C++ table of the rule pages (docs/rules/<ID>.md) so that
# `shipcheck explain ID` works from any directory. Run with -DDOCS_DIR= -DOUTPUT=.
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(body "")
foreach(page ${pages})
  get_filename_component(id "${page}" NAME_WE)
  if(NOT id MATCHES "^[A-Z][A-Z0-9]*[A-Z][0-9][0-9][0-9]$")
    continue()
  endif()
  file(READ "${page}" text)
  string(APPEND body "    {\"${id}\", R\"shipcheck_doc(${text})shipcheck_doc\"},\n")
endforeach()
set(content "// Generated from docs/rules/*.md by cmake/embed_docs.cmake. Do not edit.
#include \"cli/rule_docs.h\"

namespace shipcheck::cli {

const std::vector<RuleDoc>& rule_docs() {
  static const std::vector<RuleDoc> docs{
${body}  };
  return docs;
}

}  // namespace shipcheck::cli
")
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
