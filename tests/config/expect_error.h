// EXPECT_ERROR_AT: a ParseError at line l, column c, whose message contains `substring`.
#pragma once

#include <gtest/gtest.h>

#include "core/parse_error.h"

#define EXPECT_ERROR_AT(error, l, c, substring)                                 \
  do {                                                                          \
    const ::shipcheck::ParseError& e_ = (error);                                \
    EXPECT_EQ(e_.line, l) << e_.to_string();                                    \
    EXPECT_EQ(e_.column, c) << e_.to_string();                                  \
    EXPECT_NE(e_.message.find(substring), std::string::npos) << e_.to_string(); \
  } while (false)
