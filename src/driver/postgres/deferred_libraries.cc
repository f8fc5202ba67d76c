// The GSSAPI (Kerberos) and LDAP functions that libpq's archive calls, defined
// here so that their libraries are loaded at libpq's first call to one of them
// instead of at every start of strata.
//
// strata links libpq statically (the top-level CMakeLists.txt says why). Linked
// the usual way, these two libraries would bring about a dozen more (GnuTLS and
// its own) into every command, SQLite runs and --version included. libpq calls
// GSSAPI when a TCP connection may use it (gss_acquire_cred, to see whether there
// are credentials, unless gssencmode=disable) or when the server asks for GSSAPI
// authentication, and LDAP only for an ldap:// line of a pg_service.conf entry.
//
// Each function below forwards to the one of the same name in the library.
// Where the library cannot be loaded, each fails the way that library reports a
// failure: libpq then goes on as when no Kerberos credentials are found, and
// stops at an ldap:// line with "could not create LDAP structure". The linker
// checks the list: a libpq that calls one more of these functions fails to link.
#define LDAP_DEPRECATED 1  // libpq uses ldap_init, ldap_simple_bind and the like

#include <dlfcn.h>
#include <gssapi/gssapi.h>
#include <ldap.h>

#include <initializer_list>

namespace {

// One function per X(...), as the libraries name them (kept as written: clang-format
// lays out a macro body differently on each pass).
// clang-format off
#define STRATA_GSSAPI_FUNCTIONS(X)                                                      \
  X(gss_acquire_cred) X(gss_delete_sec_context) X(gss_display_status) X(gss_import_name) \
  X(gss_init_sec_context) X(gss_release_buffer) X(gss_release_cred) X(gss_release_name)  \
  X(gss_unwrap) X(gss_wrap) X(gss_wrap_size_limit)

#define STRATA_LDAP_FUNCTIONS(X)                                                        \
  X(ldap_count_entries) X(ldap_err2string) X(ldap_first_entry) X(ldap_get_values_len)    \
  X(ldap_init) X(ldap_msgfree) X(ldap_result) X(ldap_search_st) X(ldap_set_option)       \
  X(ldap_simple_bind) X(ldap_unbind) X(ldap_value_free_len)
// clang-format on

#define STRATA_MEMBER(name) decltype(&::name) name = nullptr;
#define STRATA_BIND(name) \
  if (!Bind(handle, #name, table.name)) return false;

struct Gssapi {
  STRATA_GSSAPI_FUNCTIONS(STRATA_MEMBER)
  gss_OID* host_based_service = nullptr;  // the library's GSS_C_NT_HOSTBASED_SERVICE
};

struct Ldap {
  STRATA_LDAP_FUNCTIONS(STRATA_MEMBER)
};

template <typename Pointer>
bool Bind(void* handle, const char* name, Pointer& slot) {
  slot = reinterpret_cast<Pointer>(dlsym(handle, name));
  return slot != nullptr;
}

bool BindAll(void* handle, Gssapi& table) {
  if (!Bind(handle, "GSS_C_NT_HOSTBASED_SERVICE", table.host_based_service)) return false;
  STRATA_GSSAPI_FUNCTIONS(STRATA_BIND)
  return true;
}

bool BindAll(void* handle, Ldap& table) {
  STRATA_LDAP_FUNCTIONS(STRATA_BIND)
  return true;
}

#undef STRATA_BIND
#undef STRATA_MEMBER

// The first of `sonames` that loads and has every function of Table; null when
// none does. Loaded once, on first use, by whichever thread gets there first;
// all or nothing, so that a buffer the library allocated is always released by
// the library.
template <typename Table>
const Table* Load(std::initializer_list<const char*> sonames) {
  static const Table* loaded = [&]() -> const Table* {
    static Table table;
    for (const char* soname : sonames) {
      void* handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
      if (handle == nullptr) continue;
      if (BindAll(handle, table)) return &table;
      dlclose(handle);
      table = Table{};
    }
    return nullptr;
  }();
  return loaded;
}

const Gssapi* LoadGssapi() { return Load<Gssapi>({"libgssapi_krb5.so.2"}); }
const Ldap* LoadLdap() { return Load<Ldap>({"libldap-2.5.so.0", "libldap.so.2"}); }

OM_uint32 GssapiMissing(OM_uint32* minor) {
  if (minor != nullptr) *minor = 0;
  return GSS_S_UNAVAILABLE;
}

constexpr char kGssapiMissing[] = "the GSSAPI library (libgssapi_krb5.so.2) is not installed";

// GSS_C_NT_HOSTBASED_SERVICE's value, { 1 2 840 113554 1 2 1 4 } (RFC 2744),
// which libpq can read before the library is loaded; gss_import_name hands the
// library its own copy instead.
gss_OID_desc host_based_service_by_value = {
    10, const_cast<char*>("\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04")};

}  // namespace

gss_OID GSS_C_NT_HOSTBASED_SERVICE = &host_based_service_by_value;

OM_uint32 gss_acquire_cred(OM_uint32* minor, gss_name_t name, OM_uint32 time_req, gss_OID_set mechs,
                           gss_cred_usage_t usage, gss_cred_id_t* cred, gss_OID_set* actual_mechs,
                           OM_uint32* time_rec) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_acquire_cred(minor, name, time_req, mechs, usage, cred, actual_mechs, time_rec);
}

OM_uint32 gss_delete_sec_context(OM_uint32* minor, gss_ctx_id_t* context, gss_buffer_t token) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_delete_sec_context(minor, context, token);
}

OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32 status, int status_type, gss_OID mech,
                             OM_uint32* message_context, gss_buffer_t text) {
  const Gssapi* gss = LoadGssapi();
  if (gss != nullptr) {
    return gss->gss_display_status(minor, status, status_type, mech, message_context, text);
  }
  // libpq prints this text and then hands it to gss_release_buffer below.
  text->value = const_cast<char*>(kGssapiMissing);
  text->length = sizeof kGssapiMissing - 1;
  *message_context = 0;
  if (minor != nullptr) *minor = 0;
  return GSS_S_COMPLETE;
}

OM_uint32 gss_import_name(OM_uint32* minor, gss_buffer_t name, gss_OID name_type,
                          gss_name_t* imported) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  if (name_type == &host_based_service_by_value) name_type = *gss->host_based_service;
  return gss->gss_import_name(minor, name, name_type, imported);
}

OM_uint32 gss_init_sec_context(OM_uint32* minor, gss_cred_id_t cred, gss_ctx_id_t* context,
                               gss_name_t target, gss_OID mech, OM_uint32 req_flags,
                               OM_uint32 time_req, gss_channel_bindings_t bindings,
                               gss_buffer_t input, gss_OID* actual_mech, gss_buffer_t output,
                               OM_uint32* ret_flags, OM_uint32* time_rec) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_init_sec_context(minor, cred, context, target, mech, req_flags, time_req,
                                   bindings, input, actual_mech, output, ret_flags, time_rec);
}

OM_uint32 gss_release_buffer(OM_uint32* minor, gss_buffer_t buffer) {
  const Gssapi* gss = LoadGssapi();
  if (gss != nullptr) return gss->gss_release_buffer(minor, buffer);
  // Without the library the only buffer libpq can hold is kGssapiMissing's.
  buffer->value = nullptr;
  buffer->length = 0;
  if (minor != nullptr) *minor = 0;
  return GSS_S_COMPLETE;
}

OM_uint32 gss_release_cred(OM_uint32* minor, gss_cred_id_t* cred) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_release_cred(minor, cred);
}

OM_uint32 gss_release_name(OM_uint32* minor, gss_name_t* name) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_release_name(minor, name);
}

OM_uint32 gss_unwrap(OM_uint32* minor, gss_ctx_id_t context, gss_buffer_t input,
                     gss_buffer_t output, int* conf_state, gss_qop_t* qop_state) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_unwrap(minor, context, input, output, conf_state, qop_state);
}

OM_uint32 gss_wrap(OM_uint32* minor, gss_ctx_id_t context, int conf_req, gss_qop_t qop,
                   gss_buffer_t input, int* conf_state, gss_buffer_t output) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_wrap(minor, context, conf_req, qop, input, conf_state, output);
}

OM_uint32 gss_wrap_size_limit(OM_uint32* minor, gss_ctx_id_t context, int conf_req, gss_qop_t qop,
                              OM_uint32 output_size, OM_uint32* max_input_size) {
  const Gssapi* gss = LoadGssapi();
  if (gss == nullptr) return GssapiMissing(minor);
  return gss->gss_wrap_size_limit(minor, context, conf_req, qop, output_size, max_input_size);
}

// LDAP. libpq's first call is ldap_init: null there and it gives up on the line.

int ldap_count_entries(LDAP* ld, LDAPMessage* chain) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_count_entries(ld, chain) : -1;
}

char* ldap_err2string(int err) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_err2string(err)
             : const_cast<char*>("the LDAP library (libldap) is not installed");
}

LDAPMessage* ldap_first_entry(LDAP* ld, LDAPMessage* chain) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_first_entry(ld, chain) : nullptr;
}

berval** ldap_get_values_len(LDAP* ld, LDAPMessage* entry, const char* attribute) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_get_values_len(ld, entry, attribute) : nullptr;
}

LDAP* ldap_init(const char* host, int port) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_init(host, port) : nullptr;
}

int ldap_msgfree(LDAPMessage* message) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_msgfree(message) : -1;
}

int ldap_result(LDAP* ld, int msgid, int all, timeval* timeout, LDAPMessage** result) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_result(ld, msgid, all, timeout, result) : -1;
}

int ldap_search_st(LDAP* ld, const char* base, int scope, const char* filter, char** attrs,
                   int attrsonly, timeval* timeout, LDAPMessage** result) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_search_st(ld, base, scope, filter, attrs, attrsonly, timeout, result)
             : LDAP_OTHER;
}

int ldap_set_option(LDAP* ld, int option, const void* value) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_set_option(ld, option, value) : LDAP_OPT_ERROR;
}

int ldap_simple_bind(LDAP* ld, const char* who, const char* password) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_simple_bind(ld, who, password) : -1;
}

int ldap_unbind(LDAP* ld) {
  const Ldap* lib = LoadLdap();
  return lib ? lib->ldap_unbind(ld) : -1;
}

void ldap_value_free_len(berval** values) {
  if (const Ldap* lib = LoadLdap()) lib->ldap_value_free_len(values);
}
