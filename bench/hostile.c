/* Hostile inputs: the requests of testvectors/hostile/ (manifest.tsv, gen_hostile.py), each judged
 * warm with the end-to-end configuration, next to a normal request judged the same way. Time is
 * the median thread CPU time of repeated judgements; allocations and peak heap those of one. The
 * goal (contract v1.1, bench/README.md) is reported, never asserted: no request within the limits
 * costs more than 50x a normal judgement or 16 MiB of heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "wrpcheck.h"

#define TIME_AT 1798761600
#define DIR "testvectors/hostile/"
#define NORMAL "testvectors/e2e/req/allow-basic.jwt"
#define GOAL_FACTOR 50.0
#define GOAL_HEAP (16.0 * 1024 * 1024)

typedef struct cost {
    double us;
    uint64_t allocs;
    int64_t peak;
    char verdict[8];
} cost;

static void add(wrp_config *cfg, wrp_status (*fn)(wrp_config *, const uint8_t *, size_t), const char *path)
{
    bench_blob b = bench_read(path);
    if (fn(cfg, b.p, b.n) != WRP_OK)
        bench_die("cannot configure %s", path);
    free(b.p);
}

static wrp_result *judge(const wrp_verifier *v, const bench_blob *req, const bench_blob *transcript)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL)
        bench_die("out of memory");
    if (transcript != NULL && wrp_request_set_transcript(rq, transcript->p, transcript->n) != WRP_OK)
        bench_die("transcript");
    wrp_result *r = NULL;
    if (wrp_audit(v, rq, req->p, req->n, &r) != WRP_OK)
        bench_die("wrp_audit");
    wrp_request_free(rq);
    return r;
}

static cost measure(const wrp_verifier *v, const bench_blob *req, const bench_blob *transcript)
{
    cost c;
    memset(&c, 0, sizeof c);
    wrp_result *r = judge(v, req, transcript);
    snprintf(c.verdict, sizeof c.verdict, "%s", wrp_verdict_str(wrp_result_verdict(r)));
    wrp_result_free(r);
    size_t iters = bench_iters(20);
    uint64_t *t = malloc(iters * sizeof *t);
    if (t == NULL)
        bench_die("out of memory");
    for (size_t i = 0; i < iters; i++) {
        uint64_t t0 = bench_now_ns();
        wrp_result_free(judge(v, req, transcript));
        t[i] = bench_now_ns() - t0;
    }
    c.us = bench_median(t, iters) / 1000.0;
    free(t);
    bench_alloc_start();
    wrp_result_free(judge(v, req, transcript));
    bench_alloc a = bench_alloc_stop();
    c.allocs = a.calls;
    c.peak = a.peak;
    return c;
}

static void row(const char *name, size_t bytes, const cost *c, const cost *normal)
{
    double x = c->us / normal->us;
    printf("%-36s %8zu %-6s %10.1f %7.1f %9llu %10.1f  %s\n", name, bytes, c->verdict, c->us, x,
           (unsigned long long)c->allocs, (double)c->peak / 1024,
           x <= GOAL_FACTOR && (double)c->peak <= GOAL_HEAP ? "within" : "OVER");
}

void bench_hostile(void)
{
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL)
        bench_die("out of memory");
    wrp_config_set_time(cfg, TIME_AT);
    add(cfg, wrp_config_add_ac_anchors, "testvectors/pki/ac-root.pem");
    add(cfg, wrp_config_add_crl, "testvectors/crl/current.pem");
    add(cfg, wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem");
    add(cfg, wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt");
    /* as tests/test_bounded.c: the transaction data type of testvectors/hostile_parsers.py */
    if (wrp_config_add_transaction_data_type(cfg, "urn:wrpcheck:e2e:payment") != WRP_OK)
        bench_die("out of memory");
    wrp_verifier *v = NULL;
    if (wrp_verifier_new(cfg, &v) != WRP_OK)
        bench_die("wrp_verifier_new");
    bench_blob transcript = bench_read("testvectors/e2e/transcript.cbor");

    printf("hostile inputs (testvectors/hostile/; goal, reported: <= %.0fx the normal judgement "
           "and <= 16 MiB of heap)\n", GOAL_FACTOR);
    printf("%-36s %8s %-6s %10s %7s %9s %10s\n", "input", "bytes", "verdict", "warm us", "x",
           "allocs", "peak KiB");
    bench_blob normal_req = bench_read(NORMAL);
    cost normal = measure(v, &normal_req, NULL);
    row("normal: e2e/req/allow-basic.jwt", normal_req.n, &normal, &normal);
    free(normal_req.p);

    bench_blob manifest = bench_read(DIR "manifest.tsv");
    char *text = malloc(manifest.n + 1);
    if (text == NULL)
        bench_die("out of memory");
    memcpy(text, manifest.p, manifest.n);
    text[manifest.n] = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char name[256];
        size_t k = strcspn(line, "\t");
        snprintf(name, sizeof name, "%.*s", (int)k, line);
        char path[300];
        snprintf(path, sizeof path, DIR "%s", name);
        bench_blob req = bench_read(path);
        size_t n = strlen(name);
        bool mdoc = n > 5 && strcmp(name + n - 5, ".cbor") == 0;
        cost c = measure(v, &req, mdoc ? &transcript : NULL);
        row(name, req.n, &c, &normal);
        free(req.p);
    }
    printf("\n");
    free(text);
    free(manifest.p);
    free(transcript.p);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
}
