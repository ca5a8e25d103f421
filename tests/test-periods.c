/* test-periods.c — the months, quarters and years a data set's dates offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tandem-periods.h"

/* The periods a data set offers come from its last date, newest first */
static void
test_periods (void)
{
  static const char *const wrong[] = { NULL, "", "garbage", "2024-02-30", "2024-13-01", "24-01-01", "2024/01/01" };
  g_autoptr(GPtrArray) periods = tandem_periods_up_to ("2024-02-10T09:30:00");
  g_autoptr(GPtrArray) early = tandem_periods_up_to ("0001-02-03");
  const TandemPeriod *p;

  /* All time, 6 months, 8 quarters, 3 years */
  g_assert_cmpuint (periods->len, ==, 1 + 6 + 8 + 3);
  p = g_ptr_array_index (periods, 0);
  g_assert_null (p->from);
  g_assert_null (p->to);
  g_assert_true (tandem_period_is (p, NULL, NULL));
  p = g_ptr_array_index (periods, 1);   /* a leap February */
  g_assert_cmpstr (p->from, ==, "2024-02-01");
  g_assert_cmpstr (p->to, ==, "2024-02-29");
  p = g_ptr_array_index (periods, 3);   /* across the year */
  g_assert_cmpstr (p->from, ==, "2023-12-01");
  g_assert_cmpstr (p->to, ==, "2023-12-31");
  p = g_ptr_array_index (periods, 6);
  g_assert_cmpstr (p->from, ==, "2023-09-01");
  g_assert_cmpstr (p->to, ==, "2023-09-30");
  p = g_ptr_array_index (periods, 7);
  g_assert_cmpstr (p->label, ==, "2024 Q1");
  g_assert_cmpstr (p->from, ==, "2024-01-01");
  g_assert_cmpstr (p->to, ==, "2024-03-31");
  p = g_ptr_array_index (periods, 8);
  g_assert_cmpstr (p->label, ==, "2023 Q4");
  g_assert_cmpstr (p->from, ==, "2023-10-01");
  g_assert_cmpstr (p->to, ==, "2023-12-31");
  p = g_ptr_array_index (periods, 14);
  g_assert_cmpstr (p->label, ==, "2022 Q2");
  g_assert_cmpstr (p->to, ==, "2022-06-30");
  p = g_ptr_array_index (periods, 17);
  g_assert_cmpstr (p->label, ==, "2022");
  g_assert_true (tandem_period_is (p, "2022-01-01", "2022-12-31"));
  g_assert_false (tandem_period_is (p, "2022-01-01", NULL));

  /* Nothing before year 1 */
  g_assert_cmpuint (early->len, ==, 1 + 2 + 1 + 1);
  for (guint k = 1; k < early->len; k++)
    g_assert_true (g_str_has_prefix (((TandemPeriod *) g_ptr_array_index (early, k))->from, "0001-"));

  /* No date, or not one: All time only */
  for (guint k = 0; k < G_N_ELEMENTS (wrong); k++)
    {
      g_autoptr(GPtrArray) none = tandem_periods_up_to (wrong[k]);
      g_assert_cmpuint (none->len, ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/periods/up-to", test_periods);
  return g_test_run ();
}
