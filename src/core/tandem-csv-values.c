/* tandem-csv-values.c — the values of a CSV cell: numbers, dates, booleans, outcomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-csv-private.h"

#include <math.h>
#include <string.h>

/* ---- Value parsing ------------------------------------------------------ */

gboolean
tandem_csv_parse_number_len (const char *text,
                             gsize       len,
                             double     *out)
{
  char buf[64];
  const char *p;
  const char *end;
  gsize int_digits = 0, frac_digits = 0;
  double value;
  char *endptr;

  tandem_csv_trim (&text, &len);
  if (len == 0 || len >= sizeof buf)
    return FALSE;

  /* A strict decimal grammar: no hex, inf, nan, thousands separators or
   * locale decimal commas.  "0123" stays text: it is a code, not a number. */
  p = text;
  end = text + len;
  if (*p == '+' || *p == '-')
    p++;
  while (p < end && g_ascii_isdigit (*p))
    p++, int_digits++;
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, frac_digits++;
    }
  if (int_digits + frac_digits == 0)
    return FALSE;
  if (int_digits > 1 && text[(text[0] == '+' || text[0] == '-') ? 1 : 0] == '0')
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gsize exp_digits = 0;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, exp_digits++;
      if (exp_digits == 0)
        return FALSE;
    }
  if (p != end)
    return FALSE;

  memcpy (buf, text, len);
  buf[len] = '\0';
  value = g_ascii_strtod (buf, &endptr);
  if (*endptr != '\0' || !isfinite (value))
    return FALSE;
  if (out)
    *out = value;
  return TRUE;
}

gboolean
tandem_parse_number (const char *text,
                     double     *out)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return tandem_csv_parse_number_len (text, strlen (text), out);
}

static gboolean
read_digits (const char **p,
             const char  *end,
             int          n,
             int         *out)
{
  int v = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* ISO 8601: YYYY-MM-DD, optionally [T ]HH:MM[:SS[.fff]][Z|±HH[:MM]].
 * Writes "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (UTC when an offset is
 * given) into @out (at least 20 bytes).                                    */
gboolean
tandem_csv_parse_date_len (const char *text,
                           gsize       len,
                           char       *out)
{
  const char *p, *end;
  int y, mo, d, h = 0, mi = 0, s = 0;
  int offset_minutes = 0;
  gboolean has_time = FALSE;

  tandem_csv_trim (&text, &len);
  p = text;
  end = text + len;

  if (!read_digits (&p, end, 4, &y) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &mo) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &d))
    return FALSE;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > g_date_get_days_in_month (mo, y))
    return FALSE;

  if (p < end)
    {
      if (*p != 'T' && *p != 't' && *p != ' ')
        return FALSE;
      p++;
      if (!read_digits (&p, end, 2, &h) || p >= end || *p++ != ':' ||
          !read_digits (&p, end, 2, &mi))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!read_digits (&p, end, 2, &s))
            return FALSE;
          if (p < end && (*p == '.' || *p == ','))
            {
              p++;
              if (p >= end || !g_ascii_isdigit (*p))
                return FALSE;
              while (p < end && g_ascii_isdigit (*p))
                p++;
            }
        }
      if (h > 23 || mi > 59 || s > 60)
        return FALSE;
      if (s == 60)
        s = 59;
      has_time = TRUE;

      if (p < end && (*p == 'Z' || *p == 'z'))
        p++;
      else if (p < end && (*p == '+' || *p == '-'))
        {
          int sign = *p++ == '-' ? -1 : 1;
          int oh, om = 0;
          if (!read_digits (&p, end, 2, &oh))
            return FALSE;
          if (p < end && *p == ':')
            p++;
          if (p < end && !read_digits (&p, end, 2, &om))
            return FALSE;
          if (oh > 14 || om > 59)
            return FALSE;
          offset_minutes = sign * (oh * 60 + om);
        }
      if (p != end)
        return FALSE;
    }

  if (offset_minutes != 0)
    {
      g_autoptr(GDateTime) local = g_date_time_new_utc (y, mo, d, h, mi, s);
      g_autoptr(GDateTime) utc = NULL;
      if (local == NULL)
        return FALSE;
      utc = g_date_time_add_minutes (local, -offset_minutes);
      if (utc == NULL)
        return FALSE;
      y = g_date_time_get_year (utc);
      mo = g_date_time_get_month (utc);
      d = g_date_time_get_day_of_month (utc);
      h = g_date_time_get_hour (utc);
      mi = g_date_time_get_minute (utc);
      s = g_date_time_get_second (utc);
    }

  /* "%04d-%02d-%02d %02d:%02d:%02d", without printf: a million dates
   * are normalised in an import */
  if (out != NULL)
    {
      const int fields[] = { y / 100, y % 100, mo, d, h, mi, s };
      static const char separators[] = { 0, 0, '-', '-', ' ', ':', ':' };
      char *o = out;

      for (guint i = 0; i < (has_time ? G_N_ELEMENTS (fields) : 4); i++)
        {
          if (i > 1)
            *o++ = separators[i];
          *o++ = (char) ('0' + fields[i] / 10);
          *o++ = (char) ('0' + fields[i] % 10);
        }
      *o = '\0';
    }
  return TRUE;
}

gboolean
tandem_parse_date (const char  *text,
                   char       **out_normalised)
{
  char buf[20];

  g_return_val_if_fail (text != NULL, FALSE);

  if (!tandem_csv_parse_date_len (text, strlen (text), buf))
    return FALSE;
  if (out_normalised)
    *out_normalised = g_strdup (buf);
  return TRUE;
}

static gboolean
word_in (const char         *text,
         gsize               len,
         const char *const  *words)
{
  tandem_csv_trim (&text, &len);
  for (guint i = 0; words[i]; i++)
    if (strlen (words[i]) == len && g_ascii_strncasecmp (text, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const char *const true_words[] = { "true", "yes", NULL };
static const char *const false_words[] = { "false", "no", NULL };
static const char *const won_words[] = {
  "won", "win", "1", "1.0", "true", "yes", "y", "closed won", "closed-won", "closedwon",
  "closed_won", "converted", "customer", NULL
};
static const char *const lost_words[] = {
  "lost", "loss", "0", "0.0", "false", "no", "n", "closed lost", "closed-lost", "closedlost",
  "closed_lost", "not converted", NULL
};

/* Matches one of two word lists: TRUE in *out for @yes, FALSE for @no. */
static gboolean
parse_words_len (const char        *text,
                 gsize              len,
                 const char *const *yes,
                 const char *const *no,
                 gboolean          *out)
{
  if (word_in (text, len, yes))
    *out = TRUE;
  else if (word_in (text, len, no))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

gboolean
tandem_csv_parse_boolean_len (const char *text,
                              gsize       len,
                              gboolean   *out)
{
  return parse_words_len (text, len, true_words, false_words, out);
}

gboolean
tandem_csv_parse_outcome_len (const char *text,
                              gsize       len,
                              gboolean   *out)
{
  return parse_words_len (text, len, won_words, lost_words, out);
}

static gboolean
parse_words (const char *text,
             gboolean  (*parse) (const char *, gsize, gboolean *),
             gboolean   *out)
{
  gboolean value;

  g_return_val_if_fail (text != NULL, FALSE);
  if (!parse (text, strlen (text), &value))
    return FALSE;
  if (out)
    *out = value;
  return TRUE;
}

gboolean
tandem_parse_boolean (const char *text,
                      gboolean   *out)
{
  return parse_words (text, tandem_csv_parse_boolean_len, out);
}

gboolean
tandem_parse_outcome (const char *text,
                      gboolean   *out)
{
  return parse_words (text, tandem_csv_parse_outcome_len, out);
}
