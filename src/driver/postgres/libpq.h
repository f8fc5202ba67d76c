// libpq, loaded when strata first connects to PostgreSQL rather than when it
// starts. libpq links some twenty libraries (Kerberos, LDAP, GnuTLS, ...), whose
// loading would otherwise cost every strata command, SQLite runs and --version
// included, several milliseconds. Private to the postgres folder.
//
// Thread-safety: Load() may be called from any thread; the table is immutable after.
#pragma once

#include <libpq-fe.h>

#include "base/status.h"

namespace strata::driver::postgres {

#define STRATA_LIBPQ_FUNCTIONS(X)                                                       \
  X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) X(PQconnectPoll) X(PQconnectStartParams)  \
  X(PQconninfo) X(PQconninfoFree) X(PQconninfoParse) X(PQsocket)                         \
  X(PQenterPipelineMode) X(PQerrorMessage) X(PQexec) X(PQexecParams)                    \
  X(PQexitPipelineMode) X(PQfinish) X(PQfname) X(PQfreemem) X(PQgetResult)              \
  X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQnfields) X(PQntuples)                 \
  X(PQpipelineSync) X(PQresultErrorField) X(PQresultStatus) X(PQsendQueryParams)        \
  X(PQsetNoticeProcessor) X(PQstatus)

// The libpq functions strata calls, by their own names.
struct Libpq {
#define STRATA_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  STRATA_LIBPQ_FUNCTIONS(STRATA_LIBPQ_MEMBER)
#undef STRATA_LIBPQ_MEMBER
};

// Loads libpq.so.5 once; an error names the library when it is missing.
Result<const Libpq*> LoadLibpq();

// The loaded table. Only valid after LoadLibpq() succeeded.
const Libpq& pq();

}  // namespace strata::driver::postgres
