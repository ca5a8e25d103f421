/* tandem-format.c — amounts, counts and dates as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The separators and the symbol's place come from localeconv() (LC_MONETARY
 * for amounts, LC_NUMERIC for counts and numbers); the digits themselves
 * from g_ascii_formatd(), so nothing depends on printf's ' flag, which the
 * C library honours only for LC_NUMERIC.
 */

#include "config.h"

#include "tandem-format.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

typedef struct
{
  char        code[4];
  guint8      digits;   /* minor units */
  const char *symbol;   /* NULL: the code is written */
} Currency;

/* The active ISO 4217 codes with their minor units (the ISO 4217 list one
 * as Debian's iso-codes 4.15 has it, without the metals, funds and test
 * codes that have no minor unit, without HRK (withdrawn 2023), with XCG
 * (2025) and ZWG (2024)).  Sorted, for bsearch.  A symbol only where it is
 * unambiguous; "$" is the US dollar's, other dollars say whose.           */
static const Currency currencies[] = {
  { "AED", 2, NULL }, { "AFN", 2, NULL }, { "ALL", 2, NULL }, { "AMD", 2, NULL },
  { "ANG", 2, NULL }, { "AOA", 2, NULL }, { "ARS", 2, NULL }, { "AUD", 2, "A$" },
  { "AWG", 2, NULL }, { "AZN", 2, NULL }, { "BAM", 2, NULL }, { "BBD", 2, NULL },
  { "BDT", 2, NULL }, { "BGN", 2, NULL }, { "BHD", 3, NULL }, { "BIF", 0, NULL },
  { "BMD", 2, NULL }, { "BND", 2, NULL }, { "BOB", 2, NULL }, { "BOV", 2, NULL },
  { "BRL", 2, "R$" }, { "BSD", 2, NULL }, { "BTN", 2, NULL }, { "BWP", 2, NULL },
  { "BYN", 2, NULL }, { "BZD", 2, NULL }, { "CAD", 2, "CA$" }, { "CDF", 2, NULL },
  { "CHE", 2, NULL }, { "CHF", 2, NULL }, { "CHW", 2, NULL }, { "CLF", 4, NULL },
  { "CLP", 0, NULL }, { "CNY", 2, "CN¥" }, { "COP", 2, NULL }, { "COU", 2, NULL },
  { "CRC", 2, NULL }, { "CUC", 2, NULL }, { "CUP", 2, NULL }, { "CVE", 2, NULL },
  { "CZK", 2, NULL }, { "DJF", 0, NULL }, { "DKK", 2, NULL }, { "DOP", 2, NULL },
  { "DZD", 2, NULL }, { "EGP", 2, NULL }, { "ERN", 2, NULL }, { "ETB", 2, NULL },
  { "EUR", 2, "€" }, { "FJD", 2, NULL }, { "FKP", 2, NULL }, { "GBP", 2, "£" },
  { "GEL", 2, NULL }, { "GHS", 2, NULL }, { "GIP", 2, NULL }, { "GMD", 2, NULL },
  { "GNF", 0, NULL }, { "GTQ", 2, NULL }, { "GYD", 2, NULL }, { "HKD", 2, "HK$" },
  { "HNL", 2, NULL }, { "HTG", 2, NULL }, { "HUF", 2, NULL }, { "IDR", 2, NULL },
  { "ILS", 2, "₪" }, { "INR", 2, "₹" }, { "IQD", 3, NULL }, { "IRR", 2, NULL },
  { "ISK", 0, NULL }, { "JMD", 2, NULL }, { "JOD", 3, NULL }, { "JPY", 0, "¥" },
  { "KES", 2, NULL }, { "KGS", 2, NULL }, { "KHR", 2, NULL }, { "KMF", 0, NULL },
  { "KPW", 2, NULL }, { "KRW", 0, "₩" }, { "KWD", 3, NULL }, { "KYD", 2, NULL },
  { "KZT", 2, NULL }, { "LAK", 2, NULL }, { "LBP", 2, NULL }, { "LKR", 2, NULL },
  { "LRD", 2, NULL }, { "LSL", 2, NULL }, { "LYD", 3, NULL }, { "MAD", 2, NULL },
  { "MDL", 2, NULL }, { "MGA", 2, NULL }, { "MKD", 2, NULL }, { "MMK", 2, NULL },
  { "MNT", 2, NULL }, { "MOP", 2, NULL }, { "MRU", 2, NULL }, { "MUR", 2, NULL },
  { "MVR", 2, NULL }, { "MWK", 2, NULL }, { "MXN", 2, "MX$" }, { "MXV", 2, NULL },
  { "MYR", 2, NULL }, { "MZN", 2, NULL }, { "NAD", 2, NULL }, { "NGN", 2, "₦" },
  { "NIO", 2, NULL }, { "NOK", 2, NULL }, { "NPR", 2, NULL }, { "NZD", 2, "NZ$" },
  { "OMR", 3, NULL }, { "PAB", 2, NULL }, { "PEN", 2, NULL }, { "PGK", 2, NULL },
  { "PHP", 2, "₱" }, { "PKR", 2, NULL }, { "PLN", 2, NULL }, { "PYG", 0, NULL },
  { "QAR", 2, NULL }, { "RON", 2, NULL }, { "RSD", 2, NULL }, { "RUB", 2, "₽" },
  { "RWF", 0, NULL }, { "SAR", 2, NULL }, { "SBD", 2, NULL }, { "SCR", 2, NULL },
  { "SDG", 2, NULL }, { "SEK", 2, NULL }, { "SGD", 2, NULL }, { "SHP", 2, NULL },
  { "SLE", 2, NULL }, { "SLL", 2, NULL }, { "SOS", 2, NULL }, { "SRD", 2, NULL },
  { "SSP", 2, NULL }, { "STN", 2, NULL }, { "SVC", 2, NULL }, { "SYP", 2, NULL },
  { "SZL", 2, NULL }, { "THB", 2, "฿" }, { "TJS", 2, NULL }, { "TMT", 2, NULL },
  { "TND", 3, NULL }, { "TOP", 2, NULL }, { "TRY", 2, "₺" }, { "TTD", 2, NULL },
  { "TWD", 2, NULL }, { "TZS", 2, NULL }, { "UAH", 2, "₴" }, { "UGX", 0, NULL },
  { "USD", 2, "$" }, { "USN", 2, NULL }, { "UYI", 0, NULL }, { "UYU", 2, NULL },
  { "UYW", 4, NULL }, { "UZS", 2, NULL }, { "VED", 2, NULL }, { "VES", 2, NULL },
  { "VND", 0, "₫" }, { "VUV", 0, NULL }, { "WST", 2, NULL }, { "XAF", 0, NULL },
  { "XCD", 2, NULL }, { "XCG", 2, NULL }, { "XOF", 0, NULL }, { "XPF", 0, NULL },
  { "YER", 2, NULL }, { "ZAR", 2, NULL }, { "ZMW", 2, NULL }, { "ZWG", 2, NULL },
  { "ZWL", 2, NULL },
};

static int
compare_code (const void *key,
              const void *element)
{
  return strcmp (key, ((const Currency *) element)->code);
}

static const Currency *
find_currency (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return NULL;
  for (int i = 0; i < 3; i++)
    if (code[i] < 'A' || code[i] > 'Z')
      return NULL;
  return bsearch (code, currencies, G_N_ELEMENTS (currencies), sizeof currencies[0], compare_code);
}

gboolean
tandem_currency_is_known (const char *code)
{
  return find_currency (code) != NULL;
}

int
tandem_currency_get_digits (const char *code)
{
  const Currency *c = find_currency (code);

  return c != NULL ? c->digits : -1;
}

guint
tandem_currency_get_n_known (void)
{
  return G_N_ELEMENTS (currencies);
}

const char *
tandem_currency_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (currencies), NULL);
  return currencies[index].code;
}

/* The locale's own currency, as a table entry, or NULL. */
static const Currency *
locale_currency (void)
{
  const struct lconv *lc = localeconv ();
  char code[4] = { 0 };
  const char *s = lc->int_curr_symbol;

  if (s == NULL)
    return NULL;
  while (*s == ' ')
    s++;
  if (strlen (s) < 3)
    return NULL;
  memcpy (code, s, 3);
  return find_currency (code);
}

const char *
tandem_currency_get_symbol (const char *code)
{
  const Currency *c = find_currency (code);
  const Currency *mine;
  const char *local_symbol;

  if (c == NULL)
    return code;
  mine = locale_currency ();
  local_symbol = localeconv ()->currency_symbol;
  /* The locale's own currency as the locale writes it ("$" in en_CA) */
  if (mine == c && local_symbol != NULL && local_symbol[0] != '\0')
    return local_symbol;
  if (c->symbol == NULL)
    return c->code;
  /* A symbol the locale uses for its own, other currency would mislead */
  if (mine != NULL && local_symbol != NULL && g_str_equal (local_symbol, c->symbol))
    return c->code;
  return c->symbol;
}

const char *
tandem_currency_get_locale_default (void)
{
  const Currency *mine = locale_currency ();

  return mine != NULL ? mine->code : "USD";
}

/* @ascii ("1234567.50", no sign) with @thousands between the groups
 * @grouping describes (as localeconv() gives it) and @decimal for '.'.  */
static void
append_digits (GString    *out,
               const char *ascii,
               const char *decimal,
               const char *thousands,
               const char *grouping)
{
  const char *point = strchr (ascii, '.');
  gsize n_int = point != NULL ? (gsize) (point - ascii) : strlen (ascii);
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize done = 0;
  const char *g = grouping;
  int size = 0;

  /* Where the separators go, counted from the right */
  if (thousands != NULL && thousands[0] != '\0' && grouping != NULL)
    while (TRUE)
      {
        if (*g != '\0')
          {
            if (*g == CHAR_MAX || *g <= 0)
              break;
            size = *g++;
          }
        else if (size == 0)
          break;
        if (done + (gsize) size >= n_int)
          break;
        done += (gsize) size;
        g_array_append_val (breaks, done);
      }

  for (gsize i = 0; i < n_int; i++)
    {
      gsize from_right = n_int - i;

      for (guint k = 0; k < breaks->len; k++)
        if (g_array_index (breaks, gsize, k) == from_right)
          {
            g_string_append (out, thousands);
            break;
          }
      g_string_append_c (out, ascii[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, decimal);
      g_string_append (out, point + 1);
    }
}

/* |@value| with @digits decimals, as plain ASCII; *out_negative set when
 * what is written is below zero (not for a -0 rounded away).             */
static void
ascii_digits (double    value,
              int       digits,
              char     *buf,
              gsize     size,
              gboolean *out_negative)
{
  char format[16];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 9));
  /* Halves away from zero, as money is rounded ("%.0f" rounds them to even) */
  g_ascii_formatd (buf, (int) size, format, digits <= 0 ? round (fabs (value)) : fabs (value));
  *out_negative = value < 0 && strspn (buf, "0.") != strlen (buf);
}

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) <= 1e-9 * MAX (1.0, fabs (value));
}

static const char *
or_default (const char *text,
            const char *fallback)
{
  return text != NULL && text[0] != '\0' ? text : fallback;
}

char *
tandem_format_amount (double      value,
                      const char *currency)
{
  const struct lconv *lc = localeconv ();
  const Currency *c = find_currency (currency);
  const char *symbol = c != NULL ? tandem_currency_get_symbol (currency) : NULL;
  const char *decimal = or_default (lc->mon_decimal_point, or_default (lc->decimal_point, "."));
  GString *out = g_string_new (NULL);
  gboolean negative, precedes, spaced;
  char cs_precedes, sep_by_space;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  int digits;

  if (!isfinite (value))
    {
      g_string_append (out, "—");
      return g_string_free (out, FALSE);
    }
  digits = is_whole (value) ? 0 : c != NULL ? c->digits : 2;
  ascii_digits (value, digits, buf, sizeof buf, &negative);

  cs_precedes = negative ? lc->n_cs_precedes : lc->p_cs_precedes;
  sep_by_space = negative ? lc->n_sep_by_space : lc->p_sep_by_space;
  precedes = cs_precedes == CHAR_MAX ? TRUE : cs_precedes != 0;
  spaced = sep_by_space != CHAR_MAX && sep_by_space != 0;
  /* "CHF75000" would read as one word */
  if (symbol != NULL && !spaced)
    {
      gunichar edge = precedes ? g_utf8_get_char (g_utf8_prev_char (symbol + strlen (symbol)))
                               : g_utf8_get_char (symbol);
      spaced = g_unichar_isalpha (edge);
    }

  if (negative)
    g_string_append_c (out, '-');
  if (symbol != NULL && precedes)
    {
      g_string_append (out, symbol);
      if (spaced)
        g_string_append (out, "\u00a0");
    }
  append_digits (out, buf, decimal, lc->mon_thousands_sep, lc->mon_grouping);
  if (symbol != NULL && !precedes)
    {
      if (spaced)
        g_string_append (out, "\u00a0");
      g_string_append (out, symbol);
    }
  return g_string_free (out, FALSE);
}

char *
tandem_format_number (double value,
                      int    digits)
{
  const struct lconv *lc = localeconv ();
  GString *out = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  gboolean negative;

  if (!isfinite (value))
    {
      g_string_append (out, "—");
      return g_string_free (out, FALSE);
    }
  ascii_digits (value, digits, buf, sizeof buf, &negative);
  if (negative)
    g_string_append_c (out, '-');
  append_digits (out, buf, or_default (lc->decimal_point, "."), lc->thousands_sep, lc->grouping);
  return g_string_free (out, FALSE);
}

char *
tandem_format_count (gint64 value)
{
  const struct lconv *lc = localeconv ();
  GString *out = g_string_new (value < 0 ? "-" : NULL);
  char buf[32];

  /* Through guint64: -G_MININT64 does not fit in a gint64 */
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT,
              value < 0 ? (guint64) 0 - (guint64) value : (guint64) value);
  append_digits (out, buf, ".", lc->thousands_sep, lc->grouping);
  return g_string_free (out, FALSE);
}

char *
tandem_format_date (GDateTime *date)
{
  const char *time_locale = setlocale (LC_TIME, NULL);

  g_return_val_if_fail (date != NULL, NULL);

  /* C and POSIX write "12/03/26": ISO 8601 says it without doubt */
  if (time_locale == NULL || g_str_equal (time_locale, "C") || g_str_equal (time_locale, "POSIX") ||
      g_str_has_prefix (time_locale, "C."))
    return g_date_time_format (date, "%Y-%m-%d");
  return g_date_time_format (date, "%x");
}
