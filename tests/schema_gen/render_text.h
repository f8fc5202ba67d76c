// Text pieces both renderers write the same way (render_text.cc). Internal to
// the generator library.
#pragma once

#include <string>
#include <vector>

#include "tests/schema_gen/model.h"

namespace strata::schema_gen {

// An identifier, double-quoted when it is not plain lower case.
std::string Quote(const std::string& name);
// A schema-qualified name (or a bare one, when the schema is empty).
std::string Quote(const Name& name);
std::string QuoteList(const std::vector<std::string>& names);
// A string literal.
std::string Literal(const std::string& text);
// options[variant % size].
const std::string& Choose(const std::vector<std::string>& options, int variant);
// "FOREIGN KEY (a) REFERENCES t (b) ON DELETE ... ON UPDATE ... [DEFERRABLE ...]"
std::string ForeignKeySql(const Constraint& k);
// A CHECK's boolean expression over `table`'s columns.
std::string CheckSql(const Schema& schema, const Table& table, const Constraint& k);
// The SELECT of a view, without ';'.
std::string ViewQuery(const View& view);
// CREATE INDEX, without ';'.
std::string IndexSql(const Schema& schema, const Index& ix);

}  // namespace strata::schema_gen
