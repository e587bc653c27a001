/* What a registration certificate registers, as the result shows it (wrp_result_registered_*): one
 * entry per claim of each of its credentials, or one per credential without a claim list, its
 * paths and values rendered once when the result is finished. */
#include <stdlib.h>
#include <string.h>

#include "lib/result.h"
#include "util/mem.h"

static const wrp_regset *registered_set(const wrp_result *r)
{
    return r != NULL && r->j.rc.parsed && r->j.rc.rc.has_credentials ? &r->j.rc.rc.credentials : NULL;
}

static char *print(cJSON *v)
{
    char *s = v != NULL ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    return s;
}

wrp_status wrp_result_render_registered(wrp_result *r)
{
    const wrp_regset *set = registered_set(r);
    if (set == NULL || set->n == 0)
        return WRP_OK;
    size_t n = 0;
    for (size_t c = 0; c < set->n; c++)
        n += set->v[c].all_claims ? 1 : set->v[c].n_claims;
    if ((r->reg = wrp_calloc(n ? n : 1, sizeof *r->reg)) == NULL)
        return wrp_nomem();
    r->n_reg = n;
    size_t k = 0;
    for (size_t c = 0; c < set->n; c++) {
        const wrp_reg_cred *cr = &set->v[c];
        if (cr->all_claims)
            r->reg[k++].cred = c;
        for (size_t m = 0; !cr->all_claims && m < cr->n_claims; m++, k++) {
            r->reg[k].cred = c;
            if ((r->reg[k].path = print(wrp_path_to_json(&cr->claims[m].path))) == NULL)
                return wrp_nomem();
            const cJSON *values = cr->claims[m].values;
            if (values != NULL && (r->reg[k].values = cJSON_PrintUnformatted(values)) == NULL)
                return wrp_nomem();
        }
    }
    return WRP_OK;
}

void wrp_result_free_registered(wrp_result *r)
{
    for (size_t i = 0; r->reg != NULL && i < r->n_reg; i++) {
        free(r->reg[i].path);
        free(r->reg[i].values);
    }
    free(r->reg);
}

static const wrp_result_reg *reg_at(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->n_reg ? &r->reg[i] : NULL;
}

size_t wrp_result_registered_count(const wrp_result *r)
{
    return r != NULL ? r->n_reg : 0;
}

const char *wrp_result_registered_format(const wrp_result *r, size_t i)
{
    const wrp_result_reg *g = reg_at(r, i);
    return g != NULL ? r->j.rc.rc.credentials.v[g->cred].format : NULL;
}

static const wrp_reg_cred *cred_at(const wrp_result *r, size_t i)
{
    const wrp_result_reg *g = reg_at(r, i);
    return g != NULL ? &r->j.rc.rc.credentials.v[g->cred] : NULL;
}

size_t wrp_result_registered_type_count(const wrp_result *r, size_t i)
{
    const wrp_reg_cred *c = cred_at(r, i);
    return c != NULL ? c->n_types : 0;
}

const char *wrp_result_registered_type(const wrp_result *r, size_t i, size_t k)
{
    const wrp_reg_cred *c = cred_at(r, i);
    return c != NULL && k < c->n_types ? c->types[k] : NULL;
}

const char *wrp_result_registered_path(const wrp_result *r, size_t i)
{
    const wrp_result_reg *g = reg_at(r, i);
    return g != NULL ? g->path : NULL;
}

const char *wrp_result_registered_values(const wrp_result *r, size_t i)
{
    const wrp_result_reg *g = reg_at(r, i);
    return g != NULL ? g->values : NULL;
}
