// naming-index-prefix: index names start with the configured prefix (idx_, uq_).
#include "sql/lint/rules/helpers.h"
#include "sql/lint/rules/rules.h"

namespace strata::sql::lint {
namespace {

class NamingIndexPrefix final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "naming-index-prefix",
        Category::kNaming,
        Severity::kWarning,
        "An index whose name lacks the index prefix (idx_, or uq_ for a unique index).",
        "A prefix tells an index from a table or constraint in plans, error messages and "
        "catalog listings, and tells a unique index (which rejects rows) from a plain one. An "
        "unnamed index gets a name PostgreSQL makes up (orders_user_id_idx), which a later "
        "migration must guess to drop or rename it. A renamed index (ALTER INDEX ... RENAME) "
        "must start with either prefix, since the rename does not say whether it is unique.",
        "Name every index `<prefix><table>_<columns>`: `CREATE INDEX idx_orders_user_id ON "
        "orders (user_id)`, `CREATE UNIQUE INDEX uq_users_email ON users (email)`. The "
        "prefixes are index_prefix and unique_prefix under [lint.naming] in strata.toml; an "
        "empty prefix turns its check off.",
        {Dialect::kPostgres, Dialect::kSqlite}};
    return kInfo;
  }

  void Check(const ParsedStatement& s, const Context& ctx, const Emit& emit) const override {
    const NamingOptions& naming = ctx.naming();
    if (s.kind == StatementKind::kRename && s.rename.object == ObjectKind::kIndex) {
      const std::string& name = s.rename.new_name;
      if (naming.index_prefix.empty() || naming.unique_prefix.empty() ||
          StartsWithIgnoreCase(name, naming.index_prefix) ||
          StartsWithIgnoreCase(name, naming.unique_prefix)) {
        return;
      }
      emit(s.offset, "index name " + name + " starts with neither " + naming.index_prefix +
                         " nor " + naming.unique_prefix);
      return;
    }
    if (s.kind != StatementKind::kCreateIndex) return;
    const std::string& prefix = s.index.unique ? naming.unique_prefix : naming.index_prefix;
    const std::string& name = s.index.name.name;
    if (prefix.empty() || (!name.empty() && StartsWithIgnoreCase(name, prefix))) return;
    std::string suggestion = prefix + ToLower(s.table.name);
    for (const std::string& c : s.index.columns) suggestion += "_" + ToLower(c);
    const char* kind = s.index.unique ? "unique index" : "index";
    if (name.empty()) {
      emit(s.offset, std::string("unnamed ") + kind + " on " + s.table.Display() +
                         ": name it, e.g. " + suggestion);
    } else {
      emit(s.offset, std::string(kind) + " name " + name + " does not start with " + prefix +
                         "; name it e.g. " + suggestion);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNamingIndexPrefix() { return std::make_unique<NamingIndexPrefix>(); }

}  // namespace strata::sql::lint
