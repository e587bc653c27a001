/* Clock, medians, the log-log fit and iteration counts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

/* Thread CPU time by default: the machine may be shared, and time spent descheduled is not the
 * library's. BENCH_CLOCK=wall measures elapsed time instead (the same on an idle machine). */
uint64_t bench_now_ns(void)
{
    static int clock_id = -1;
    if (clock_id < 0) {
        const char *c = getenv("BENCH_CLOCK");
        clock_id = c != NULL && strcmp(c, "wall") == 0 ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
    }
    struct timespec ts;
    clock_gettime((clockid_t)clock_id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

double bench_median(uint64_t *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_u64);
    return n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
}

double bench_loglog_slope(const double *x, const double *y, size_t n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double lx = log(x[i]), ly = log(y[i]);
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
    }
    double d = (double)n * sxx - sx * sx;
    return d != 0 ? ((double)n * sxy - sx * sy) / d : 0;
}

const char *bench_clock_name(void)
{
    const char *c = getenv("BENCH_CLOCK");
    return c != NULL && strcmp(c, "wall") == 0 ? "elapsed (wall) time" : "thread CPU time";
}

size_t bench_iters(size_t base)
{
    const char *s = getenv("BENCH_SCALE");
    double f = s != NULL ? atof(s) : 1.0;
    if (!(f > 0))
        f = 1.0;
    size_t n = (size_t)((double)base * f);
    return n < 5 ? 5 : n;
}
