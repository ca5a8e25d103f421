/* tandem-csv-write.c — writing CSV fields that a spreadsheet will not run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-csv.h"

#include <math.h>
#include <string.h>

/* Whether a spreadsheet would run @value as a formula (OWASP's CSV
 * injection guidance): it begins with = + - @ | tab or carriage return, or
 * their fullwidth forms ＝ ＋ － ＠, possibly after leading white space.  */
static gboolean
csv_is_formula (const char *value)
{
  for (const char *p = value;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      switch (c)
        {
        case '=': case '+': case '-': case '@': case '|': case '\t': case '\r':
        case 0xFF1D: case 0xFF0B: case 0xFF0D: case 0xFF20:
          return TRUE;
        default:
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0 || !g_unichar_isspace (c))
        return FALSE;
    }
}

/* A CSV field, quoted when needed; a cell a spreadsheet would run as a
 * formula is quoted and begins with ' so that it reads as text. */
void
tandem_csv_append_field (GString    *out,
                         const char *value)
{
  gboolean formula = csv_is_formula (value);
  gboolean quote = formula || strpbrk (value, ",\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gsize
tandem_csv_format_fixed2 (double value,
                          char   buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  double hundredths, residual, rounded, tie;
  guint64 units;
  char digits[24];
  gsize n = 0, k = 0;

  /* Beyond 2^52 hundredths, and for inf and NaN, printf itself */
  if (!isfinite (value) || fabs (value) >= 4.0e13)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", value);
      return strlen (buf);
    }
  /* value × 100 exactly is hundredths + residual (fma rounds once); the
   * nearest integer, ties to even, is that of the exact product: only an
   * exact .5 in hundredths can be a tie that the residual breaks */
  hundredths = value * 100.0;
  residual = fma (value, 100.0, -hundredths);
  rounded = nearbyint (hundredths);
  tie = hundredths - rounded;
  if (tie == 0.5 && residual > 0)
    rounded += 1;
  else if (tie == -0.5 && residual < 0)
    rounded -= 1;
  units = (guint64) fabs (rounded);

  if (signbit (value))
    buf[n++] = '-';
  do
    {
      digits[k++] = (char) ('0' + units % 10);
      units /= 10;
    }
  while (units > 0 || k < 3);
  while (k > 2)
    buf[n++] = digits[--k];
  buf[n++] = '.';
  buf[n++] = digits[1];
  buf[n++] = digits[0];
  return n;
}
