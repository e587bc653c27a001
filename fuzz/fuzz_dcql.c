/* DCQL queries (model/dcql.h) from strict JSON: the query itself, or the `dcql_query` member of a
 * request object. Invariants: an accepted query passes fuzz_check_dcql (common.c); a refused query
 * leaves the output empty. */
#include <string.h>

#include "fuzz.h"
#include "model/dcql.h"
#include "util/json.h"

static void check(const cJSON *query)
{
    wrp_dcql q;
    wrp_status st = wrp_dcql_parse(query, &q, NULL);
    if (st != WRP_OK) {
        FUZZ_ASSERT(st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT);
        FUZZ_ASSERT(q.creds == NULL && q.n_creds == 0 && q.sets == NULL && q.n_sets == 0);
        wrp_dcql_free(&q);
        return;
    }
    fuzz_check_dcql(&q);
    wrp_dcql_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *root = NULL;
    if (wrp_json_parse(data, size, &root, NULL) != WRP_OK)
        return 0;
    check(root);
    const cJSON *inner = wrp_json_get(root, "dcql_query");
    if (inner != NULL)
        check(inner);
    cJSON_Delete(root);
    return 0;
}
