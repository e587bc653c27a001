#include "util/datetime.h"

#include <stddef.h>
#include <stdio.h>

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (era arithmetic: each
 * 400-year era has 146097 days, and a year counted from March puts the leap day last). */
static int64_t days_from_civil(int y, int m, int d)
{
    int64_t yy = m <= 2 ? y - 1 : y;
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = m > 2 ? m - 3 : m + 9;
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" at s; the days since the epoch. */
static bool full_date(const char *s, int64_t *days)
{
    int y, m, d;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

/* "hh:mm:ss[.frac]" then the offset, up to the end of s; seconds of the day minus the offset. */
static bool time_part(const char *s, int64_t *secs)
{
    int hh, mm, ss;
    if (!digits(s, 2, &hh) || s[2] != ':' || !digits(s + 3, 2, &mm) || s[5] != ':' ||
        !digits(s + 6, 2, &ss))
        return false;
    if (hh > 23 || mm > 59 || ss > 60)
        return false;
    const char *p = s + 8;
    bool fraction = false;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        for (; *p >= '0' && *p <= '9'; p++)
            if (*p != '0')
                fraction = true;
    }
    int64_t offset = 0;
    if ((*p == 'Z' || *p == 'z') && p[1] == 0) {
        offset = 0;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || p[6] != 0)
            return false;
        if (oh > 23 || om > 59)
            return false;
        offset = (*p == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
    } else {
        return false;
    }
    *secs = (int64_t)hh * 3600 + mm * 60 + ss + (fraction ? 1 : 0) - offset;
    return true;
}

bool wrp_datetime_parse(const char *s, wrp_datetime_form form, int64_t *out)
{
    if (s == NULL)
        return false;
    int64_t days, secs = 0;
    if (!full_date(s, &days))
        return false;
    if (s[10] == 0) {
        if (form != WRP_DT_DATE_OR_TIME)
            return false;
    } else if (s[10] != 'T' && s[10] != 't') {
        return false;
    } else if (!time_part(s + 11, &secs)) {
        return false;
    }
    *out = days * 86400 + secs;
    return true;
}

bool wrp_datetime_parse_utc(const char *s, int64_t *out)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (s == NULL)
        return false;
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i])
            return false;
    }
    if (s[sizeof shape - 1] != 0 || (s[17] == '6' && s[18] == '0'))
        return false;
    return wrp_datetime_parse(s, WRP_DT_DATE_TIME, out);
}

/* The inverse of days_from_civil (the same era arithmetic). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool wrp_datetime_format(int64_t t, char buf[WRP_DATETIME_BUF])
{
    /* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z */
    if (t < -62167219200 || t > 253402300799)
        return false;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400, y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    const int64_t fields[] = {y, m, d, secs / 3600, secs / 60 % 60, secs % 60};
    static const char after[] = "--T::Z";
    char *p = buf;
    for (size_t i = 0; i < 6; i++) {
        for (int64_t div = i == 0 ? 1000 : 10; div > 0; div /= 10)
            *p++ = (char)('0' + fields[i] / div % 10);
        *p++ = after[i];
    }
    *p = 0;
    return true;
}

const char *wrp_datetime_str(int64_t t, char buf[WRP_DATETIME_BUF])
{
    if (!wrp_datetime_format(t, buf))
        snprintf(buf, WRP_DATETIME_BUF, "%lld", (long long)t);
    return buf;
}
