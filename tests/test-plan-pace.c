/* test-plan-pace.c — a plan prorated to the days gone of its period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <math.h>

#include "tandem-plan-actuals.h"

static void
assert_pace (const char *from,
             const char *to,
             const char *as_of,
             guint       day,
             guint       days)
{
  g_autoptr(GError) error = NULL;
  guint got_day = 999, got_days = 999;

  g_assert_true (tandem_plan_pace (from, to, as_of, &got_day, &got_days, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got_day, ==, day);
  g_assert_cmpuint (got_days, ==, days);
}

static void
test_days (void)
{
  /* A quarter of 92 days: its first day is day 1, the last day all of it */
  assert_pace ("2026-10-01", "2026-12-31", "2026-10-01", 1, 92);
  assert_pace ("2026-10-01", "2026-12-31", "2026-12-03", 64, 92);
  assert_pace ("2026-10-01", "2026-12-31", "2026-12-31", 92, 92);
  /* Before it: nothing due yet; after it: all of it */
  assert_pace ("2026-10-01", "2026-12-31", "2026-09-30", 0, 92);
  assert_pace ("2026-10-01", "2026-12-31", "2027-03-01", 92, 92);
  /* February in a leap year, and not; a year; one day */
  assert_pace ("2028-02-01", "2028-02-29", "2028-02-29", 29, 29);
  assert_pace ("2027-02-01", "2027-02-28", "2027-02-14", 14, 28);
  assert_pace ("2026-01-01", "2026-12-31", "2026-07-02", 183, 365);
  assert_pace ("2026-05-05", "2026-05-05", "2026-05-05", 1, 1);
}

static void
test_volume (void)
{
  /* Two months of three: the plan's two thirds, to the nearest lead */
  g_assert_cmpfloat (tandem_plan_paced_volume (4677, 61, 92), ==, 3101);
  g_assert_cmpfloat (tandem_plan_paced_volume (4677, 2, 3), ==, 3118);
  g_assert_cmpfloat (tandem_plan_paced_volume (225, 64, 92), ==, 157);
  g_assert_cmpfloat (tandem_plan_paced_volume (225, 0, 92), ==, 0);
  g_assert_cmpfloat (tandem_plan_paced_volume (225, 200, 92), ==, 225);
  g_assert_true (isnan (tandem_plan_paced_volume (225, 1, 0)));
  g_assert_true (isnan (tandem_plan_paced_volume (NAN, 1, 3)));
}

static void
test_refusals (void)
{
  struct {
    const char *from, *to, *as_of, *message;
  } cases[] = {
    { "2026-10-01", "2026-12-31", "December", "The day to pace by, “December”, is not a date (YYYY-MM-DD)" },
    { "2026-02-30", "2026-03-31", "2026-03-01", "The period's start, “2026-02-30”, is not a date (YYYY-MM-DD)" },
    { "2026-10-01", "2026-12-31 ", "2026-11-01", "The period's end, “2026-12-31 ”, is not a date (YYYY-MM-DD)" },
    { "2026-10-01", "2026-12-31", "2026-11-1x", "The day to pace by, “2026-11-1x”, is not a date (YYYY-MM-DD)" },
    { NULL, "2026-12-31", "2026-11-01", "The period's start, “”, is not a date (YYYY-MM-DD)" },
    { "2026-12-31", "2026-10-01", "2026-11-01", "The period 2026-12-31 – 2026-10-01 ends before it starts" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      guint day = 7, days = 7;

      g_assert_false (tandem_plan_pace (cases[k].from, cases[k].to, cases[k].as_of, &day, &days, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[k].message);
      /* Left as they were */
      g_assert_cmpuint (day, ==, 7);
      g_assert_cmpuint (days, ==, 7);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan/pace/days", test_days);
  g_test_add_func ("/plan/pace/volume", test_volume);
  g_test_add_func ("/plan/pace/refusals", test_refusals);

  return g_test_run ();
}
