#include "driver/postgres/inspect_queries.h"

namespace strata::driver::postgres::queries {
namespace {

// A schema of the user's: not the system's own, not TOAST, not a session's temp.
std::string UserSchema(const std::string& n) {
  return n + ".nspname NOT IN ('pg_catalog', 'information_schema') AND " + n +
         ".nspname !~ '^pg_(toast|temp_)'";
}

// The object is not a member of an extension (the extension's script made it).
std::string NotInExtension(const std::string& catalog, const std::string& oid) {
  return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog +
         "'::regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
}

// A user table, view or sequence `c` in namespace `n`.
std::string UserRelation(const std::string& c, const std::string& n) {
  return UserSchema(n) + " AND " + NotInExtension("pg_class", c + ".oid");
}

// $1 is {"names": [...], "prefixes": [...]}.
std::string NotExcluded(const std::string& relname) {
  return relname +
         " NOT IN (SELECT json_array_elements_text($1::json->'names')) AND NOT EXISTS "
         "(SELECT 1 FROM json_array_elements_text($1::json->'prefixes') x(prefix) "
         "WHERE starts_with(" +
         relname + ", x.prefix))";
}

// Collation columns: the collation's schema and name when `coll` differs from
// the type's default `type_coll`, else NULLs. Needs LEFT JOINs aliased co/cn.
std::string CollationJoin(const std::string& coll, const std::string& type_coll) {
  return " LEFT JOIN pg_collation co ON co.oid = " + coll + " AND " + coll + " <> 0 AND " + coll +
         " <> " + type_coll + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace";
}

// The names of the columns numbered in k.<key> of relation k.<rel>, in key order.
std::string KeyNames(const std::string& key, const std::string& rel) {
  return "(SELECT json_agg(a.attname ORDER BY x.ord) FROM unnest(k." + key +
         ") WITH ORDINALITY x(num, ord) JOIN pg_attribute a ON a.attrelid = k." + rel +
         " AND a.attnum = x.num)";
}

// The comment of object `oid` (column `subid`) of system catalog `catalog`,
// as a LEFT JOIN of pg_description aliased `alias`: one hash join instead of
// obj_description()'s lookup per row, which costs seconds on 50,000 columns.
std::string DescriptionJoin(const std::string& alias, const std::string& catalog,
                            const std::string& oid, const std::string& subid = "0") {
  return " LEFT JOIN pg_description " + alias + " ON " + alias + ".objoid = " + oid + " AND " +
         alias + ".classoid = '" + catalog + "'::regclass AND " + alias + ".objsubid = " + subid;
}

// Whether function p depends on a relation of one of `relkinds`, directly or
// through the relation's row type.
std::string UsesRelations(const std::string& relkinds) {
  return "EXISTS (SELECT 1 FROM pg_depend d LEFT JOIN pg_type t ON d.refclassid = "
         "'pg_type'::regclass AND t.oid = d.refobjid LEFT JOIN pg_class r ON r.oid = CASE WHEN "
         "d.refclassid = 'pg_class'::regclass THEN d.refobjid ELSE t.typrelid END "
         "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n' AND "
         "r.relkind IN (" +
         relkinds + "))";
}

}  // namespace

std::string Schemas() {
  return "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n WHERE " +
         UserSchema("n") + " AND " + NotInExtension("pg_namespace", "n.oid");
}

std::string Extensions() {
  // plpgsql comes with every database (it lives in pg_catalog): not the user's.
  return "SELECT x.extname, n.nspname, x.extversion, obj_description(x.oid, 'pg_extension') "
         "FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace "
         "WHERE x.extname <> 'plpgsql'";
}

std::string Enums() {
  return "SELECT n.nspname, t.typname, (SELECT json_agg(v.enumlabel ORDER BY v.enumsortorder) "
         "FROM pg_enum v WHERE v.enumtypid = t.oid), obj_description(t.oid, 'pg_type') "
         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND " +
         UserSchema("n") + " AND " + NotInExtension("pg_type", "t.oid");
}

std::string Domains() {
  return "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
         "pg_get_expr(t.typdefaultbin, 0), cn.nspname, co.collname, "
         "(SELECT json_agg(json_build_array(k.conname, pg_get_constraintdef(k.oid)) ORDER BY "
         "k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), "
         "obj_description(t.oid, 'pg_type') "
         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
         "JOIN pg_type b ON b.oid = t.typbasetype" +
         CollationJoin("t.typcollation", "b.typcollation") + " WHERE t.typtype = 'd' AND " +
         UserSchema("n") + " AND " + NotInExtension("pg_type", "t.oid");
}

std::string CompositeTypes() {
  return "SELECT n.nspname, t.typname, (SELECT json_agg(json_build_array(a.attname, "
         "format_type(a.atttypid, a.atttypmod), cn.nspname, co.collname) ORDER BY a.attnum) "
         "FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid" +
         CollationJoin("a.attcollation", "ty.typcollation") +
         " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), "
         "obj_description(t.oid, 'pg_type') "
         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
         "JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' WHERE t.typtype = 'c' AND " +
         UserSchema("n") + " AND " + NotInExtension("pg_type", "t.oid");
}

std::string Sequences() {
  // An identity column's sequence (deptype 'i') is part of its column; a serial
  // column's (deptype 'a') is a sequence OWNED BY the column.
  return "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, "
         "s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, tn.nspname, tc.relname, "
         "ta.attname, ds.description "
         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
         "JOIN pg_sequence s ON s.seqrelid = c.oid" +
         DescriptionJoin("ds", "pg_class", "c.oid") +
         " "
         "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND "
         "d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
         "LEFT JOIN pg_class tc ON tc.oid = d.refobjid "
         "LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
         "LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
         "WHERE c.relkind = 'S' AND d.deptype IS DISTINCT FROM 'i' AND " +
         UserRelation("c", "n") + " AND (tc.relname IS NULL OR " + NotExcluded("tc.relname") + ")";
}

std::string Functions() {
  // Aggregates are left out: pg_get_functiondef cannot render them.
  // Whether it uses tables, and views: a signature with their row types, or a
  // SQL-standard body (BEGIN ATOMIC, checked at creation) that reads them.
  return "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind, "
         "CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END, l.lanname, "
         "pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'), " +
         UsesRelations("'r', 'p', 'f'") + ", " + UsesRelations("'v', 'm'") +
         " "
         "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
         "JOIN pg_language l ON l.oid = p.prolang WHERE p.prokind IN ('f', 'p', 'w') AND " +
         UserSchema("n") + " AND " + NotInExtension("pg_proc", "p.oid");
}

std::string Tables() {
  return "SELECT n.nspname, c.relname, c.relkind, c.relpersistence = 'u', "
         "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, pn.nspname, pc.relname, "
         "pg_get_expr(c.relpartbound, c.oid), "
         "(SELECT json_agg(json_build_array(hn.nspname, hc.relname) ORDER BY h.inhseqno) "
         "FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent "
         "JOIN pg_namespace hn ON hn.oid = hc.relnamespace "
         "WHERE h.inhrelid = c.oid AND NOT c.relispartition), "
         "array_to_json(c.reloptions), c.relrowsecurity, c.relforcerowsecurity, ds.description "
         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" +
         DescriptionJoin("ds", "pg_class", "c.oid") +
         " "
         "LEFT JOIN pg_inherits pi ON pi.inhrelid = c.oid AND c.relispartition "
         "LEFT JOIN pg_class pc ON pc.oid = pi.inhparent "
         "LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
         "WHERE c.relkind IN ('r', 'p') AND " +
         UserRelation("c", "n") + " AND " + NotExcluded("c.relname");
}

std::string Columns() {
  return "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
         "a.attnotnull, CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, "
         "a.attidentity, a.attgenerated, "
         "CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, "
         "cn.nspname, co.collname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
         "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, NOT a.attislocal AND NOT c.relispartition, "
         "ds.description "
         "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid" +
         DescriptionJoin("ds", "pg_class", "c.oid", "a.attnum") +
         " "
         "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
         "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum" +
         CollationJoin("a.attcollation", "t.typcollation") +
         " LEFT JOIN pg_depend d ON a.attidentity <> '' AND d.classid = 'pg_class'::regclass AND "
         "d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid AND "
         "d.refobjsubid = a.attnum AND d.deptype = 'i' "
         "LEFT JOIN pg_sequence s ON s.seqrelid = d.objid "
         "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " +
         UserRelation("c", "n") + " AND " + NotExcluded("c.relname") +
         " ORDER BY n.nspname, c.relname, a.attnum";
}

std::string Constraints() {
  // A partition's copies of its parent's constraints (conparentid) and
  // inherited ones (NOT conislocal) come back with their parent: not listed.
  return "SELECT n.nspname, c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), "
         "k.condeferrable, k.condeferred, k.convalidated, " +
         KeyNames("conkey", "conrelid") + ", fn.nspname, fc.relname, " +
         KeyNames("confkey", "confrelid") +
         ", k.confupdtype, k.confdeltype, k.confmatchtype, "
         "CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END, "
         "ds.description "
         "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid" +
         DescriptionJoin("ds", "pg_constraint", "k.oid") +
         " "
         "JOIN pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_class fc ON fc.oid = k.confrelid "
         "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
         "WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conislocal AND k.conparentid = 0 AND "
         "c.relkind IN ('r', 'p') AND " +
         UserRelation("c", "n") + " AND " + NotExcluded("c.relname");
}

std::string Indexes() {
  // Indexes that back a constraint come with it, and a partition's index
  // attached to its parent's (relispartition) with the parent's index.
  return "SELECT n.nspname, ic.relname, tn.nspname, tc.relname, am.amname, i.indisunique, "
         "i.indnullsnotdistinct, pg_get_indexdef(i.indexrelid), "
         "(SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a "
         "WHERE a.attrelid = i.indexrelid AND a.attnum > i.indnkeyatts), "
         "pg_get_expr(i.indpred, i.indrelid), array_to_json(ic.reloptions), "
         "ds.description "
         "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid" +
         DescriptionJoin("ds", "pg_class", "ic.oid") +
         " "
         "JOIN pg_namespace n ON n.oid = ic.relnamespace JOIN pg_am am ON am.oid = ic.relam "
         "JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
         "WHERE tc.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition AND NOT EXISTS "
         "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND "
         "k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AND " +
         UserRelation("tc", "tn") + " AND " + NotInExtension("pg_class", "ic.oid") + " AND " +
         NotExcluded("tc.relname");
}

std::string Views() {
  return "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), "
         "array_to_json(c.reloptions), "
         "(SELECT json_agg(json_build_array(dn.nspname, dc.relname)) FROM pg_rewrite r "
         "JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND "
         "d.refclassid = 'pg_class'::regclass JOIN pg_class dc ON dc.oid = d.refobjid "
         "JOIN pg_namespace dn ON dn.oid = dc.relnamespace "
         "WHERE r.ev_class = c.oid AND dc.oid <> c.oid AND dc.relkind IN ('r', 'p', 'f', 'v', "
         "'m')), "
         "obj_description(c.oid, 'pg_class') "
         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
         "WHERE c.relkind IN ('v', 'm') AND " +
         UserRelation("c", "n");
}

std::string Triggers() {
  // Internal triggers (foreign keys) and a partition's clones of its parent's
  // triggers (tgparentid) are not the user's statements.
  return "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, "
         "ds.description "
         "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid" +
         DescriptionJoin("ds", "pg_trigger", "t.oid") +
         " "
         "JOIN pg_namespace n ON n.oid = c.relnamespace "
         "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND " +
         UserRelation("c", "n") + " AND " + NotExcluded("c.relname");
}

std::string Policies() {
  return "SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd, "
         "(SELECT json_agg(CASE WHEN x.r = 0 THEN 'public' ELSE pg_get_userbyid(x.r)::text END) "
         "FROM unnest(p.polroles) x(r)), pg_get_expr(p.polqual, p.polrelid), "
         "pg_get_expr(p.polwithcheck, p.polrelid), obj_description(p.oid, 'pg_policy') "
         "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid "
         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
         UserRelation("c", "n") + " AND " + NotExcluded("c.relname");
}

}  // namespace strata::driver::postgres::queries
