/* test-format.c — amounts, counts and dates the locale's way; the ISO 4217 table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "tandem-format.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"   /* fr_FR's thousands separator */

/* Switches to @name; FALSE (after saying so) when it is not installed and
 * the run allows that.  build-aux/test.sh installs them and sets
 * TANDEM_REQUIRE_LOCALES, so there a missing locale is a failure. */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;
  if (g_getenv ("TANDEM_REQUIRE_LOCALES") != NULL)
    g_error ("locale %s is not installed", name);
  g_test_skip_printf ("locale %s is not installed", name);
  return FALSE;
}

static void
assert_amount (double      value,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = tandem_format_amount (value, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_count (gint64      value,
              const char *expected)
{
  g_autofree char *text = tandem_format_count (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_number (double      value,
               int         digits,
               const char *expected)
{
  g_autofree char *text = tandem_format_number (value, digits);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_table (void)
{
  /* Only the active codes, exactly as ISO writes them */
  static const char *const refused[] = {
    "eur", "Eur", "EU", "EURO", "", " EUR", "EUR ", "XXX", "XAU", "HRK", "DEM", "E\xc3\x9cR", "€", "12A", "EUR\n",
  };

  g_assert_true (tandem_currency_is_known ("EUR"));
  g_assert_true (tandem_currency_is_known ("USD"));
  g_assert_true (tandem_currency_is_known ("ZWL"));
  g_assert_true (tandem_currency_is_known ("AED"));
  g_assert_cmpint (tandem_currency_get_digits ("EUR"), ==, 2);
  g_assert_cmpint (tandem_currency_get_digits ("JPY"), ==, 0);
  g_assert_cmpint (tandem_currency_get_digits ("BHD"), ==, 3);
  g_assert_cmpint (tandem_currency_get_digits ("CLF"), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (tandem_currency_is_known (refused[i]));
      g_assert_cmpint (tandem_currency_get_digits (refused[i]), ==, -1);
    }
  g_assert_false (tandem_currency_is_known (NULL));
}

static void
test_c_locale (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  g_assert_cmpstr (tandem_currency_get_locale_default (), ==, "USD");
  g_assert_cmpstr (tandem_currency_get_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (tandem_currency_get_symbol ("CHF"), ==, "CHF");
  assert_amount (75000, "USD", "$75000");
  assert_amount (75000, "EUR", "€75000");
  assert_amount (1234.5, "USD", "$1234.50");
  assert_amount (1234.5, "JPY", "¥1235");
  assert_amount (1.2346, "BHD", "BHD" NBSP "1.235");
  assert_amount (75000, "CHF", "CHF" NBSP "75000");
  assert_amount (-250, "GBP", "-£250");
  assert_amount (-0.001, "USD", "$0.00");
  assert_amount (75000, NULL, "75000");
  assert_amount (75000, "bogus", "75000");
  assert_count (4677, "4677");
  assert_count (G_MININT64, "-9223372036854775808");
  assert_number (133.333, 1, "133.3");
}

static void
test_en_us (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;
  g_assert_cmpstr (tandem_currency_get_locale_default (), ==, "USD");
  assert_amount (75000, "USD", "$75,000");
  assert_amount (2000000, "USD", "$2,000,000");
  assert_amount (3333.333, "USD", "$3,333.33");
  assert_amount (75000, "EUR", "€75,000");
  assert_amount (75000, "BRL", "R$75,000");
  assert_amount (75000, "SEK", "SEK" NBSP "75,000");
  assert_amount (999, "USD", "$999");
  assert_amount (-1500, "USD", "-$1,500");
  assert_count (4677, "4,677");
  assert_count (1234567, "1,234,567");
  assert_count (-1000, "-1,000");
  assert_count (0, "0");
  assert_number (1234.56, 1, "1,234.6");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_de_de (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;
  g_assert_cmpstr (tandem_currency_get_locale_default (), ==, "EUR");
  assert_amount (75000, "EUR", "75.000" NBSP "€");
  assert_amount (2000000, "EUR", "2.000.000" NBSP "€");
  assert_amount (3333.333, "EUR", "3.333,33" NBSP "€");
  assert_amount (75000, "USD", "75.000" NBSP "$");
  assert_amount (75000, "CHF", "75.000" NBSP "CHF");
  assert_count (4677, "4.677");
  assert_number (133.333, 1, "133,3");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_fr_fr (void)
{
  if (!use_locale ("fr_FR.UTF-8"))
    return;
  g_assert_cmpstr (tandem_currency_get_locale_default (), ==, "EUR");
  assert_amount (75000, "EUR", "75" NNBSP "000" NBSP "€");
  assert_amount (1234567.891, "EUR", "1" NNBSP "234" NNBSP "567,89" NBSP "€");
  assert_amount (75000, "GBP", "75" NNBSP "000" NBSP "£");
  assert_count (4677, "4" NNBSP "677");
  assert_number (0.5, 2, "0,50");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_date (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 12, 3, 10, 0, 0);
  g_autofree char *c = NULL;
  g_autofree char *de = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  c = tandem_format_date (date);
  g_assert_cmpstr (c, ==, "2026-12-03");
  if (!use_locale ("de_DE.UTF-8"))
    return;
  de = tandem_format_date (date);
  g_assert_cmpstr (de, ==, "03.12.2026");
  if (use_locale ("en_US.UTF-8"))
    {
      g_autofree char *us = tandem_format_date (date);
      g_assert_cmpstr (us, ==, "12/03/2026");
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/currency-table", test_table);
  g_test_add_func ("/format/c", test_c_locale);
  g_test_add_func ("/format/en_US", test_en_us);
  g_test_add_func ("/format/de_DE", test_de_de);
  g_test_add_func ("/format/fr_FR", test_fr_fr);
  g_test_add_func ("/format/date", test_date);

  return g_test_run ();
}
