// Generate: the starting schema of a property test.
#include "tests/schema_gen/builder.h"
#include "tests/schema_gen/random_schema.h"

namespace strata::schema_gen {

Schema Generate(uint64_t seed, Dialect dialect) {
  Schema s;
  s.dialect = dialect;
  Random r(seed);
  Builder b(s, r);
  if (b.postgres()) {
    for (int i = r.Between(1, 2); i > 0; --i) {
      SchemaNamespace n;
      n.name = b.NewName("s");
      n.comment = b.MaybeComment();
      s.namespaces.push_back(std::move(n));
    }
    for (int i = r.Between(1, 3); i > 0; --i) s.enums.push_back(b.RandomEnum());
    for (int i = r.Between(1, 2); i > 0; --i) s.domains.push_back(b.RandomDomain());
    for (int i = r.Between(1, 2); i > 0; --i) {
      Sequence q;
      q.name = {b.PickNamespace(), b.NewName("seq")};
      q.start = r.Between(1, 1000);
      q.increment = r.Between(1, 5);
      q.comment = b.MaybeComment();
      s.sequences.push_back(std::move(q));
    }
    Function f;
    f.name = {b.PickNamespace(), b.NewName("f")};
    f.addend = r.Between(1, 9);
    f.comment = b.MaybeComment();
    s.functions.push_back(std::move(f));
  }
  for (int i = r.Between(3, 7); i > 0; --i) b.AddTable();
  for (int i = r.Between(1, 4); i > 0; --i) {
    if (auto v = b.RandomView(/*materialized=*/false)) s.views.push_back(std::move(*v));
  }
  for (int i = b.postgres() ? r.Between(1, 2) : 0; i > 0; --i) {
    if (auto v = b.RandomView(/*materialized=*/true)) s.views.push_back(std::move(*v));
  }
  // A view now and then reads the views made before it.
  if (r.Percent(60)) {
    if (auto v = b.RandomView(r.Percent(20))) s.views.push_back(std::move(*v));
  }
  for (int i = r.Between(2, 6); i > 0; --i) {
    if (auto ix = b.RandomIndex()) s.indexes.push_back(std::move(*ix));
  }
  return s;
}

}  // namespace strata::schema_gen
