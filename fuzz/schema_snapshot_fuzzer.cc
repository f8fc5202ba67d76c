// A schema snapshot (`strata schema dump --format json`, read back by `strata
// diff --from snapshot.json`): ReadSchemaJson on any bytes, and for a document
// it accepts, the round trip through SchemaJson must give back the same catalog
// (what diff compares is what the file said).
#include "fuzz/fuzz_support.h"
#include "report/schema_json.h"
#include "snapshot/schema_json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata;
  Result<catalog::Catalog> read = snapshot::ReadSchemaJson(fuzz::AsText(data, size));
  if (!read.ok()) return 0;
  Result<catalog::Catalog> again = snapshot::ReadSchemaJson(report::SchemaJson(*read));
  fuzz::Expect(again.ok(), "ReadSchemaJson reads what SchemaJson writes");
  fuzz::Expect(*again == *read, "a snapshot read, written and read again is the same catalog");
  return 0;
}
