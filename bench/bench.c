/* make bench: what a verdict costs next to the signature verifications it cannot avoid.
 *
 * For each representative input, through the public API only: the full judgement with a warm
 * context (one verifier reused) and a cold one (the verifier built for each judgement), two floors
 * (every signature the judgement's artefacts carry, and the unavoidable ones: the request's own
 * for a warm verifier judging it again, every one over distinct bytes for a new verifier; each
 * done with EVP over
 * the same signing inputs with pre-parsed keys), the verifications the library asks of OpenSSL,
 * the time spent decoding certificates, allocations and peak heap per judgement, and the CLI's
 * peak RSS. Then the scaling runs (scale.c). Goals are reported, never
 * asserted: the exit status says only whether the benchmark could run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bench.h"
#include "wrpcheck.h"

#define TIME_AT 1798761600 /* 2027-01-01, the vectors' time */

bench_blob bench_read(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        bench_die("cannot open %s (run from the repository root)", path);
    bench_blob b = {NULL, 0};
    size_t cap = 0;
    for (;;) {
        if (b.n == cap) {
            cap = cap ? cap * 2 : 4096;
            b.p = realloc(b.p, cap);
            if (b.p == NULL)
                bench_die("out of memory");
        }
        size_t got = fread(b.p + b.n, 1, cap - b.n, fp);
        if (got == 0)
            break;
        b.n += got;
    }
    fclose(fp);
    return b;
}

/* ---------------------------------------------------------------------------------------------
 * The representative inputs */

typedef struct input {
    const char *name;
    const char *request;
    const char *transcript; /* NULL for OpenID4VP */
} input;

static const input inputs[] = {
    {"OpenID4VP, SD-JWT + mdoc DCQL, JWT registration certificate",
     "testvectors/o4vp/valid-san-dns.jwt", NULL},
    {"OpenID4VP, SD-JWT + mdoc DCQL, CWT registration certificate",
     "testvectors/o4vp/rc-base64url-cwt.jwt", NULL},
    {"ISO 18013-5 DeviceRequest, CWT registration certificate",
     "testvectors/mdoc/eudiw-pid-cwt.cbor", "testvectors/mdoc/transcript.cbor"},
};

static const char *const ac_anchors = "testvectors/pki/ac-int.pem";
static const char *const crl = "testvectors/crl/current.pem";
static const char *const rc_anchors = "testvectors/rc/pki/rc-root.pem";
static const char *const status_list = "testvectors/rc/sl-valid.jwt";
static const char *const reg = "testvectors/register/valid.jwt";
static const char *const reg_anchors = "testvectors/register/pki/reg-root.pem";

static bench_inputs load(const input *in)
{
    bench_inputs b;
    memset(&b, 0, sizeof b);
    b.request = bench_read(in->request);
    if (in->transcript != NULL)
        b.transcript = bench_read(in->transcript);
    b.ac_anchors = bench_read(ac_anchors);
    b.rc_anchors = bench_read(rc_anchors);
    b.crl = bench_read(crl);
    b.status_list = bench_read(status_list);
    b.reg = bench_read(reg);
    b.reg_anchors = bench_read(reg_anchors);
    return b;
}

static void unload(bench_inputs *b)
{
    bench_blob *all[] = {&b->request, &b->transcript, &b->ac_anchors, &b->rc_anchors, &b->crl,
                         &b->status_list, &b->reg, &b->reg_anchors};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]->p);
}

static void check(wrp_status st, const char *what)
{
    if (st != WRP_OK)
        bench_die("%s: %s", what, wrp_status_str(st));
}

static wrp_config *config_for(const bench_inputs *b, bool with_register)
{
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL)
        bench_die("out of memory");
    wrp_config_set_time(cfg, TIME_AT);
    check(wrp_config_add_ac_anchors(cfg, b->ac_anchors.p, b->ac_anchors.n), "AC anchors");
    check(wrp_config_add_rc_anchors(cfg, b->rc_anchors.p, b->rc_anchors.n), "RC anchors");
    check(wrp_config_add_crl(cfg, b->crl.p, b->crl.n), "CRL");
    check(wrp_config_add_status_list(cfg, b->status_list.p, b->status_list.n), "status list");
    if (with_register) {
        check(wrp_config_add_register(cfg, b->reg.p, b->reg.n), "register");
        check(wrp_config_add_register_anchors(cfg, b->reg_anchors.p, b->reg_anchors.n),
              "register anchors");
    }
    return cfg;
}

/* One judgement through the public API, as a wallet makes it. */
static wrp_result *judge(const wrp_verifier *v, const bench_inputs *b)
{
    wrp_request *rq = wrp_request_new();
    if (rq == NULL)
        bench_die("out of memory");
    if (b->transcript.n > 0)
        check(wrp_request_set_transcript(rq, b->transcript.p, b->transcript.n), "transcript");
    wrp_result *r = NULL;
    check(wrp_audit(v, rq, b->request.p, b->request.n, &r), "wrp_audit");
    wrp_request_free(rq);
    return r;
}

/* What the judgement must have done for the timing to mean anything: every signature verified,
 * so no finding but overasking. */
static void describe(const wrp_result *r, char *buf, size_t size)
{
    size_t n = wrp_result_finding_count(r);
    int o = snprintf(buf, size, "verdict %s", wrp_verdict_str(wrp_result_verdict(r)));
    for (size_t i = 0; i < n; i++) {
        wrp_code c = wrp_result_finding_code(r, i);
        if (c != WRP_CODE_OVERASK && c != WRP_CODE_OVERASK_CREDENTIAL)
            bench_die("unexpected finding %s: %s", wrp_code_str(c), wrp_result_finding_message(r, i));
        o += snprintf(buf + o, size - (size_t)o, "%s%s", i == 0 ? " (" : ", ", wrp_code_str(c));
    }
    if (n > 0)
        snprintf(buf + o, size - (size_t)o, ")");
    if (!wrp_result_rp_verified(r))
        bench_die("the relying party was not verified");
}

/* ---------------------------------------------------------------------------------------------
 * Measurements */

/* WARM: one verifier for every judgement. COLD: the verifier built for each judgement from a
 * configuration built once. SCRATCH: the configuration built too (every input read again). */
typedef enum mode { WARM, COLD, SCRATCH } mode;

typedef struct runner {
    const bench_inputs *in;
    const wrp_config *cfg;
    const wrp_verifier *warm;
} runner;

static void run_once(const runner *r, mode m)
{
    if (m == WARM) {
        wrp_result_free(judge(r->warm, r->in));
        return;
    }
    wrp_config *cfg = m == SCRATCH ? config_for(r->in, true) : NULL;
    wrp_verifier *v = NULL;
    check(wrp_verifier_new(cfg != NULL ? cfg : r->cfg, &v), "wrp_verifier_new");
    wrp_result_free(judge(v, r->in));
    wrp_verifier_free(v);
    wrp_config_free(cfg);
}

/* Both floors, warm and cold judgements interleaved, one of each per round, so that whatever else
 * the machine does falls on all of them alike. Medians in microseconds. */
typedef struct timings {
    double floor, own, distinct, warm, cold, scratch;
} timings;

static timings interleaved(const runner *r, const bench_floor *f, const bench_floor *own,
                           const bench_floor *distinct, size_t iters)
{
    for (size_t i = 0; i < iters / 10 + 5; i++) {
        bench_floor_run(f);
        bench_floor_run(own);
        bench_floor_run(distinct);
        run_once(r, WARM);
        run_once(r, COLD);
        run_once(r, SCRATCH);
    }
    enum { PARTS = 6 };
    uint64_t *t = malloc(PARTS * iters * sizeof *t);
    if (t == NULL)
        bench_die("out of memory");
    for (size_t i = 0; i < iters; i++) {
        uint64_t t0 = bench_now_ns();
        if (!bench_floor_run(f))
            bench_die("floor verification failed");
        uint64_t t1 = bench_now_ns();
        if (!bench_floor_run(own))
            bench_die("floor verification failed");
        uint64_t t2 = bench_now_ns();
        if (!bench_floor_run(distinct))
            bench_die("floor verification failed");
        uint64_t t3 = bench_now_ns();
        run_once(r, WARM);
        uint64_t t4 = bench_now_ns();
        run_once(r, COLD);
        uint64_t t5 = bench_now_ns();
        run_once(r, SCRATCH);
        uint64_t t6 = bench_now_ns();
        t[i] = t1 - t0;
        t[iters + i] = t2 - t1;
        t[2 * iters + i] = t3 - t2;
        t[3 * iters + i] = t4 - t3;
        t[4 * iters + i] = t5 - t4;
        t[5 * iters + i] = t6 - t5;
    }
    double m[PARTS];
    for (size_t k = 0; k < PARTS; k++)
        m[k] = bench_median(t + k * iters, iters) / 1000.0;
    free(t);
    return (timings){m[0], m[1], m[2], m[3], m[4], m[5]};
}

static double floor_us(const bench_floor *f, size_t iters)
{
    for (size_t i = 0; i < iters / 10 + 5; i++)
        bench_floor_run(f);
    uint64_t *t = malloc(iters * sizeof *t);
    if (t == NULL)
        bench_die("out of memory");
    for (size_t i = 0; i < iters; i++) {
        uint64_t t0 = bench_now_ns();
        if (!bench_floor_run(f))
            bench_die("floor verification failed");
        t[i] = bench_now_ns() - t0;
    }
    double med = bench_median(t, iters) / 1000.0;
    free(t);
    return med;
}

static double one_sig_us(const bench_sig *s, size_t iters)
{
    bench_floor one = {.n = 1};
    one.v[0] = *s;
    return floor_us(&one, iters);
}

typedef struct per_judgement {
    double certs, crls, cert_us, crl_us; /* means per judgement */
    double sigs, chains, crl_sigs;       /* verifications asked of OpenSSL, per judgement */
    uint64_t allocs;
    int64_t peak;
} per_judgement;

static per_judgement count(const runner *r, mode m, size_t iters)
{
    per_judgement p = {0};
    run_once(r, m);
    bench_decode_reset();
    for (size_t i = 0; i < iters; i++)
        run_once(r, m);
    bench_decode d = bench_decode_get();
    p.certs = (double)d.certs / (double)iters;
    p.crls = (double)d.crls / (double)iters;
    p.cert_us = (double)d.cert_ns / (double)iters / 1000.0;
    p.crl_us = (double)d.crl_ns / (double)iters / 1000.0;
    p.sigs = (double)d.sigs / (double)iters;
    p.chains = (double)d.chains / (double)iters;
    p.crl_sigs = (double)d.crl_sigs / (double)iters;
    bench_alloc_start();
    run_once(r, m);
    bench_alloc a = bench_alloc_stop();
    p.allocs = a.calls;
    p.peak = a.peak;
    return p;
}

/* Peak resident set of one CLI run (the child's ru_maxrss), in KiB. */
static long cli_rss_kib(const char *const args[])
{
    char *argv[32];
    size_t n = 0;
    for (; args[n] != NULL && n < 31; n++)
        if ((argv[n] = strdup(args[n])) == NULL)
            bench_die("out of memory");
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid < 0)
        bench_die("fork");
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
        bench_die("%s did not run (status %d)", argv[0], status);
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    return ru.ru_maxrss;
}

static long cli_rss_for(const char *cli, const input *in)
{
    char t[32];
    snprintf(t, sizeof t, "%d", TIME_AT);
    const char *argv[32];
    size_t n = 0;
    const char *fixed[] = {cli, "audit", "--format", "json", "--time", t,
                           "--ac-anchors", ac_anchors, "--crl", crl, "--rc-anchors", rc_anchors,
                           "--status-list", status_list, "--register", reg,
                           "--register-anchors", reg_anchors};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        argv[n++] = fixed[i];
    if (in->transcript != NULL) {
        argv[n++] = "--transcript";
        argv[n++] = in->transcript;
    }
    argv[n++] = in->request;
    argv[n] = NULL;
    return cli_rss_kib(argv);
}

/* ---------------------------------------------------------------------------------------------
 * Report */

typedef struct summary {
    double floor, own, distinct, warm, cold, scratch;
    size_t sigs, own_sigs, distinct_sigs;
    per_judgement pw, pc;
    long rss;
} summary;

static void machine(void)
{
    char model[256] = "unknown";
    FILE *fp = fopen("/proc/cpuinfo", "r");
    char line[200];
    while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
        if (strncmp(line, "model name", 10) == 0) {
            const char *c = strchr(line, ':');
            snprintf(model, sizeof model, "%s", c != NULL ? c + 2 : line);
            model[strcspn(model, "\n")] = 0;
            break;
        }
    }
    if (fp != NULL)
        fclose(fp);
    printf("wrpcheck %s benchmark\n", wrp_version());
    printf("machine: %ld CPUs (nproc), %s; %s\n", sysconf(_SC_NPROCESSORS_ONLN), model,
           OpenSSL_version(OPENSSL_VERSION));
    char load[64] = "unknown";
    FILE *la = fopen("/proc/loadavg", "r");
    if (la != NULL) {
        if (fgets(load, sizeof load, la) != NULL)
            load[strcspn(load, "\n")] = 0;
        fclose(la);
    }
    printf("load average at start: %s\n", load);
    printf("times: %s, medians of many iterations after a warm-up (BENCH_SCALE=%s)\n\n",
           bench_clock_name(), getenv("BENCH_SCALE") ? getenv("BENCH_SCALE") : "1");
}

/* d2i_X509 on its own, to set the decoding numbers against. */
static void decode_alone(const char *pem_path)
{
    bench_blob b = bench_read(pem_path);
    BIO *bio = BIO_new_mem_buf(b.p, (int)b.n);
    char *name = NULL, *header = NULL;
    unsigned char *der = NULL;
    long len = 0;
    if (PEM_read_bio(bio, &name, &header, &der, &len) != 1)
        bench_die("%s: no PEM block", pem_path);
    size_t iters = bench_iters(2000);
    uint64_t *t = malloc(iters * sizeof *t);
    for (size_t i = 0; i < iters + 100; i++) {
        const unsigned char *p = der;
        uint64_t t0 = bench_now_ns();
        X509 *x = d2i_X509(NULL, &p, len);
        uint64_t dt = bench_now_ns() - t0;
        if (x == NULL)
            bench_die("d2i_X509");
        X509_free(x);
        if (i >= 100)
            t[i - 100] = dt;
    }
    const unsigned char *p = der;
    bench_alloc_start();
    X509 *x = d2i_X509(NULL, &p, len);
    bench_alloc a = bench_alloc_stop();
    X509_free(x);
    printf("d2i_X509 alone (%s, %ld bytes): %.1f us, %llu allocations, %.1f KiB held per "
           "decoded certificate\n", pem_path, len, bench_median(t, iters) / 1000.0,
           (unsigned long long)a.calls, (double)a.current / 1024);
    free(t);
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(der);
    BIO_free(bio);
    free(b.p);
}

static summary measure_input(const char *cli, const input *in, bool show_sigs)
{
    summary s;
    memset(&s, 0, sizeof s);
    bench_inputs b = load(in);
    wrp_config *cfg = config_for(&b, true);
    wrp_verifier *v = NULL;
    check(wrp_verifier_new(cfg, &v), "wrp_verifier_new");
    wrp_result *r = judge(v, &b);
    char verdict[256];
    describe(r, verdict, sizeof verdict);
    wrp_result_free(r);

    bench_floor f;
    bench_floor_build(&b, &f);
    bench_floor own = bench_floor_own(&f), distinct = bench_floor_distinct(&f);
    s.sigs = f.n;
    s.own_sigs = own.n;
    s.distinct_sigs = distinct.n;
    runner run = {&b, cfg, v};
    size_t iters = bench_iters(600);
    timings t = interleaved(&run, &f, &own, &distinct, iters);
    s.floor = t.floor;
    s.own = t.own;
    s.distinct = t.distinct;
    s.warm = t.warm;
    s.cold = t.cold;
    s.scratch = t.scratch;
    s.pw = count(&run, WARM, 50);
    s.pc = count(&run, COLD, 50);
    s.rss = cli_rss_for(cli, in);

    printf("== %s\n   %s%s%s\n", in->name, in->request, in->transcript ? " with " : "",
           in->transcript ? in->transcript : "");
    printf("   judgement: %s; relying party verified\n", verdict);
    printf("   floor: %zu signature verifications                     %8.1f us\n", s.sigs, s.floor);
    if (show_sigs)
        for (size_t i = 0; i < f.n; i++)
            printf("      %-50s %8.1f us%s\n", f.v[i].what, one_sig_us(&f.v[i], bench_iters(300)),
                   f.v[i].own ? "  (the request's own)" : "");
    printf("   unavoidable floor, warm: the request's own %zu        %8.1f us\n", s.own_sigs, s.own);
    printf("   unavoidable floor, cold: the %zu over distinct bytes      %8.1f us\n", s.distinct_sigs,
           s.distinct);
    printf("   warm (one verifier reused)                          %8.1f us   %5.2fx floor   %5.2fx "
           "unavoidable\n", s.warm, s.warm / s.floor, s.warm / s.own);
    printf("   cold (verifier built per judgement)                 %8.1f us   %5.2fx floor   %5.2fx "
           "unavoidable\n", s.cold, s.cold / s.floor, s.cold / s.distinct);
    printf("   from scratch (configuration + verifier + judgement) %8.1f us   %5.2fx floor\n",
           s.scratch, s.scratch / s.floor);
    printf("   certificate decoding per judgement: warm %.0f d2i_X509 = %.1f us (%.0f%% of it); "
           "cold %.0f d2i_X509 + %.0f d2i_X509_CRL = %.1f us (%.0f%%)\n",
           s.pw.certs, s.pw.cert_us, 100 * s.pw.cert_us / s.warm, s.pc.certs, s.pc.crls,
           s.pc.cert_us + s.pc.crl_us, 100 * (s.pc.cert_us + s.pc.crl_us) / s.cold);
    printf("   verifications asked of OpenSSL per judgement: warm %.0f signatures (EVP_DigestVerify), "
           "%.0f path validations (X509_verify_cert), %.0f CRL signatures; cold %.0f, %.0f, %.0f\n",
           s.pw.sigs, s.pw.chains, s.pw.crl_sigs, s.pc.sigs, s.pc.chains, s.pc.crl_sigs);
    printf("   allocations per judgement: warm %llu, peak heap %.1f KiB; cold %llu, peak heap "
           "%.1f KiB\n",
           (unsigned long long)s.pw.allocs, (double)s.pw.peak / 1024, (unsigned long long)s.pc.allocs,
           (double)s.pc.peak / 1024);
    printf("   CLI (wrpcheck audit --format json, same inputs): peak RSS %ld KiB\n\n", s.rss);

    bench_floor_free(&f);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    unload(&b);
    return s;
}

int main(int argc, char **argv)
{
    const char *cli = argc > 1 ? argv[1] : "build/wrpcheck";
    const char *only = getenv("BENCH_ONLY"); /* inputs, hostile, coverage, register, profile,
                                                profile-cold */
    setvbuf(stdout, NULL, _IOLBF, 0);
    machine();
    if (only == NULL || strcmp(only, "inputs") == 0) {
        summary s[sizeof inputs / sizeof inputs[0]];
        for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
            s[i] = measure_input(cli, &inputs[i], i == 0);
        decode_alone("testvectors/pki/ac-leaf.pem");
        const char *ver[] = {cli, "--version", NULL};
        printf("CLI baseline (wrpcheck --version): peak RSS %ld KiB\n\n", cli_rss_kib(ver));
        printf("summary (goals, reported: warm <= 1.1x and cold <= 1.3x the unavoidable floor, peak "
               "heap <= 256 KiB; unavoidable: warm, the request's own signatures; cold, every signature "
               "over distinct bytes)\n");
        printf("%-58s %4s %8s %4s %7s %4s %8s %8s %5s %5s %8s %5s %5s %7s %8s %7s\n", "input",
               "sigs", "floor us", "own", "own us", "dist", "dist us", "warm us", "x sig",
               "x own", "cold us", "x sig", "x dst", "allocs", "peak KiB", "RSS KiB");
        for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
            printf("%-58s %4zu %8.1f %4zu %7.1f %4zu %8.1f %8.1f %5.2f %5.2f %8.1f %5.2f %5.2f "
                   "%7llu %8.1f %7ld\n",
                   inputs[i].name, s[i].sigs, s[i].floor, s[i].own_sigs, s[i].own,
                   s[i].distinct_sigs, s[i].distinct, s[i].warm, s[i].warm / s[i].floor,
                   s[i].warm / s[i].own, s[i].cold, s[i].cold / s[i].floor,
                   s[i].cold / s[i].distinct, (unsigned long long)s[i].pw.allocs,
                   (double)s[i].pw.peak / 1024, s[i].rss);
        printf("\n");
    }
    if (only != NULL && (strcmp(only, "profile") == 0 || strcmp(only, "profile-cold") == 0)) {
        /* Warm (or cold) judgements of the first input only, for perf record. */
        bench_inputs b = load(&inputs[0]);
        wrp_config *cfg = config_for(&b, true);
        wrp_verifier *v = NULL;
        check(wrp_verifier_new(cfg, &v), "wrp_verifier_new");
        runner run = {&b, cfg, v};
        mode m = strcmp(only, "profile") == 0 ? WARM : COLD;
        for (size_t i = 0; i < bench_iters(m == WARM ? 2000 : 800); i++)
            run_once(&run, m);
        wrp_verifier_free(v);
        wrp_config_free(cfg);
        unload(&b);
    }
    if (only == NULL || strcmp(only, "hostile") == 0)
        bench_hostile();
    if (only == NULL || strcmp(only, "coverage") == 0)
        bench_scale_coverage();
    if (only == NULL || strcmp(only, "register") == 0) {
        bench_inputs b = load(&inputs[0]);
        bench_scale_register(&b);
        unload(&b);
    }
    return 0;
}
