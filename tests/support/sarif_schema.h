// Validates SARIF logs against the vendored OASIS SARIF 2.1.0 schema (tests/support/schemas).
#pragma once

#include <string>

namespace shipcheck::test {

// "" when `sarif_text` is a valid SARIF 2.1.0 log, else the validator's complaints.
std::string sarif_schema_error(const std::string& sarif_text);

}  // namespace shipcheck::test
