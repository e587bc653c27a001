/*
 * A registered set compiled for matching (contract coverage rules 1, 2, 4 and 5), so that a
 * requested claim costs about its path's length times a logarithm, whatever the sizes of both
 * sides:
 *  - groups: the entries of each (format, type), sorted;
 *  - the claims without values: an automaton over claims path pointer elements, built from the
 *    trie of their paths. A state is the set of trie nodes that one requested prefix reaches
 *    (string: the equal key; index: the equal index and null; null: null), so a requested path
 *    is walked once, one transition per element, and the states it passes through say which
 *    groups register a path covering it (rule 4);
 *  - the claims with values: sorted by path, each one's values sorted and deduplicated (by JSON
 *    type, then value), with an inverted index (path, value) -> claims (rule 5).
 * Built from a set that wrp_regset_from_json accepted, which checks WRP_REGISTERED_MATCH_GROWTH
 * with wrp_regindex_check.
 */
#ifndef WRP_REGINDEX_H
#define WRP_REGINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "model/regset.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/path.h"

#define WRP_REGINDEX_NONE SIZE_MAX

typedef struct wrp_regindex wrp_regindex;

/* What a sort of n costs in comparisons (n times the rounded-up log2 n), for the step counts. */
size_t wrp_sort_cost(size_t n);

/* Builds the index of reg (which must outlive it). WRP_ERR_LIMIT (err says why) when the automaton
 * would outgrow WRP_REGISTERED_MATCH_GROWTH times the registered paths' trie plus
 * WRP_REGISTERED_MATCH_SLACK. *work gains the steps taken. */
wrp_status wrp_regindex_new(const wrp_regset *reg, wrp_regindex **out, size_t *work, wrp_err *err);
void wrp_regindex_free(wrp_regindex *ix);

/* What wrp_regindex_new would refuse, without keeping anything (the claims with values are not
 * indexed: no limit concerns them). */
wrp_status wrp_regindex_check(const wrp_regset *reg, size_t *work, wrp_err *err);

/* The group of (format, type), or WRP_REGINDEX_NONE. */
size_t wrp_regindex_group(const wrp_regindex *ix, const char *format, const char *type, size_t *work);
/* Does an entry of group g have no claim list (rule 1: every claim of its types)? */
bool wrp_regindex_group_all(const wrp_regindex *ix, size_t g);

/* A requested path looked up once, whatever the types it is asked for. */
typedef struct wrp_regpath {
    /* The accepting states its prefixes reach (a registered path of some group ends there). */
    uint32_t acc[WRP_MAX_PATH_LEN];
    size_t n_acc;
    /* The claims with values of exactly this path, or WRP_REGINDEX_NONE. */
    size_t run;
} wrp_regpath;

void wrp_regindex_path(const wrp_regindex *ix, const wrp_path *p, wrp_regpath *out, size_t *work);

/* Rule 4: does a claim without values of group g cover the path? */
bool wrp_regindex_covers(const wrp_regindex *ix, const wrp_regpath *p, size_t g, size_t *work);

/* Rule 5, by JSON type (strings, then integers, then booleans) and value; 0 when equal. */
int wrp_regindex_value_cmp(const cJSON *a, const cJSON *b);

/* Rule 5: the entries (sorted, each once) holding a claim of run `run` whose values include every
 * one of vals (n > 0, sorted by wrp_regindex_value_cmp, no two equal). *entries is NULL when there
 * is none; the caller frees it. */
wrp_status wrp_regindex_values(const wrp_regindex *ix, size_t run, const cJSON *const *vals, size_t n,
                               size_t **entries, size_t *n_entries, size_t *work);

/* Is one of the sorted entries in group g? */
bool wrp_regindex_in_group(const wrp_regindex *ix, const size_t *entries, size_t n, size_t g,
                           size_t *work);

#endif
