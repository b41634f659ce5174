/* bench-common.h — what the core's benchmarks share: clocks and a file store with a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <time.h>

#include "dlg-core.h"

G_GNUC_UNUSED static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

G_GNUC_UNUSED static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

/* This thread's CPU time (user + sys), in ms: what a benchmark on a shared machine compares. */
G_GNUC_UNUSED static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

G_GNUC_UNUSED static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
G_GNUC_UNUSED static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* (bench-report starts from the demo instead) */
G_GNUC_UNUSED static DlgStore *
open_store (const char  *dir,
            const char  *name,
            gint64      *process_id)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  DlgStore *store = dlg_store_open (path, &error);

  g_assert_no_error (error);
  process = dlg_process_create (store, "Bench", &error);
  g_assert_no_error (error);
  *process_id = dlg_process_get_id (process);
  return store;
}
