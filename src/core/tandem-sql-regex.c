/* tandem-sql-regex.c — a "matches" pattern in the syntax every engine reads alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TandemScorer matches with GRegex (PCRE2): UTF-8, \d \w \s by Unicode,
 * "." any character but a newline (any newline: LF, CR, VT, FF, NEL, LS,
 * PS), "$" at the end or before a final newline, G_REGEX_CASELESS with
 * Unicode case folding.  SQLite's REGEXP (the sqlite3 shell's
 * ext/misc/regexp.c) is a small engine with "." any character, "$" the
 * very end, \d \w \s in ASCII, no (?…), and a leading "^" anchoring every
 * alternative.  RE2 (DuckDB) and PostgreSQL's AREs differ again.
 *
 * So the pattern is parsed here and written back in a core every engine
 * reads the same way: literals (ASCII punctuation and controls as hex
 * escapes), classes, groups, alternatives, * + ? {m,n}, ^, and the
 * scorer's "." and "$" spelled out; ignoring case becomes classes such
 * as [kK\u212A] for ASCII letters.  Anything else — \d, \w, \s, \b,
 * look-arounds, back-references, possessive quantifiers, POSIX classes,
 * a non-ASCII letter ignoring case — is refused with the reason.
 */

#include "config.h"

#include "tandem-sql-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_REPEAT 1000   /* RE2's limit */

typedef enum { LAST_NONE, LAST_ATOM, LAST_ANCHOR, LAST_EMPTY_GROUP } Last;

typedef struct
{
  const char       *p;
  gboolean          cs;
  TandemSqlDialect  dialect;
  GString          *out;
  char             *reason;
} Re;

static gboolean
refuse (Re         *re,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (Re         *re,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_free (re->reason);
  re->reason = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_cased (gunichar c)
{
  return g_unichar_tolower (c) != c || g_unichar_toupper (c) != c || g_unichar_totitle (c) != c;
}

/* One character, as a class member or a literal, the same to every engine. */
static void
put_char (Re       *re,
          gunichar  c)
{
  if (c < 0x80 && g_ascii_isalnum ((char) c))
    g_string_append_c (re->out, (char) c);
  else if (c < 0x80 || c == 0x85)
    /* PostgreSQL reads \x with any number of hex digits; \u is exactly four there
     * and in SQLite, but unknown to PCRE and RE2, which take \xHH. */
    g_string_append_printf (re->out, re->dialect == TANDEM_SQL_POSTGRES ? "\\u%04X" : "\\x%02X", c);
  else
    g_string_append_unichar (re->out, c);
}

/* The characters ignoring case adds to ASCII letter @c (PCRE2's sets). */
static void
put_other_cases (Re       *re,
                 gunichar  c)
{
  gunichar lower = (gunichar) g_ascii_tolower ((char) c);

  put_char (re, lower == c ? (gunichar) g_ascii_toupper ((char) c) : lower);
  if (lower == 'k')
    put_char (re, 0x212A);   /* KELVIN SIGN */
  if (lower == 's')
    put_char (re, 0x017F);   /* LATIN SMALL LETTER LONG S */
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha ((char) c);
}

static gboolean
literal (Re       *re,
         gunichar  c)
{
  if (!re->cs && is_ascii_letter (c))
    {
      g_string_append_c (re->out, '[');
      put_char (re, c);
      put_other_cases (re, c);
      g_string_append_c (re->out, ']');
      return TRUE;
    }
  if (!re->cs && c >= 0x80 && is_cased (c))
    {
      char buf[8] = { 0, };
      g_unichar_to_utf8 (c, buf);
      return refuse (re, _("“%s” ignoring case: SQL engines fold only ASCII letters the same way; "
                           "make the rule case-sensitive or write both cases in a class"), buf);
    }
  put_char (re, c);
  return TRUE;
}

static gunichar
next_char (Re *re)
{
  gunichar c = g_utf8_get_char (re->p);
  re->p = g_utf8_next_char (re->p);
  return c;
}

/* After a backslash: a character, or FALSE with the reason. */
static gboolean
escape (Re       *re,
        gboolean  in_class,
        gunichar *out)
{
  char e = *re->p;

  if (e == '\0')
    return refuse (re, _("a trailing backslash"));
  if (e == 'x')
    {
      const char *s = re->p + 1;
      guint64 v = 0;
      char *end = NULL;

      if (*s == '{')
        {
          v = g_ascii_strtoull (s + 1, &end, 16);
          if (end == s + 1 || *end != '}' || v > 0x10FFFF)
            return refuse (re, _("an unreadable \\x{…} escape"));
          re->p = end + 1;
        }
      else
        {
          guint n = 0;
          while (n < 2 && g_ascii_isxdigit (s[n]))
            v = v * 16 + (guint64) g_ascii_xdigit_value (s[n++]);
          re->p = s + n;
        }
      if (v == 0)
        return refuse (re, _("a NUL character"));
      *out = (gunichar) v;
      return TRUE;
    }
  re->p++;
  switch (e)
    {
    case 'n': *out = '\n'; return TRUE;
    case 'r': *out = '\r'; return TRUE;
    case 't': *out = '\t'; return TRUE;
    case 'f': *out = '\f'; return TRUE;
    case 'a': *out = 0x07; return TRUE;
    case 'e': *out = 0x1B; return TRUE;
    case 'b':
      if (in_class)
        {
          *out = 0x08;
          return TRUE;
        }
      break;
    default:
      break;
    }
  if (g_ascii_isalnum (e))
    {
      if (strchr ("dDwWsSbBhHvV", e) != NULL)
        return refuse (re, _("\\%c follows Unicode in Tandem but not in SQL engines; "
                             "write a class such as [0-9] or [A-Za-z]"), e);
      return refuse (re, _("the escape \\%c (anchors, back-references, properties and octal "
                           "escapes have no common SQL form)"), e);
    }
  re->p--;
  *out = next_char (re);
  return TRUE;
}

/* A class item's character (an escape or a plain one). */
static gboolean
class_char (Re       *re,
            gunichar *out)
{
  if (*re->p == '\\')
    {
      re->p++;
      return escape (re, TRUE, out);
    }
  if (*re->p == '[' && (re->p[1] == ':' || re->p[1] == '.' || re->p[1] == '='))
    return refuse (re, _("POSIX classes such as [:alpha:]"));
  *out = next_char (re);
  return TRUE;
}

static gboolean
class (Re *re)
{
  gboolean first = TRUE;

  g_string_append_c (re->out, '[');
  if (*re->p == '^')
    {
      g_string_append_c (re->out, '^');
      re->p++;
    }
  while (*re->p != '\0' && (first || *re->p != ']'))
    {
      gunichar lo, hi;

      first = FALSE;
      if (!class_char (re, &lo))
        return FALSE;
      hi = lo;
      if (re->p[0] == '-' && re->p[1] != ']' && re->p[1] != '\0')
        {
          re->p++;
          if (!class_char (re, &hi))
            return FALSE;
        }
      if (hi < lo)
        return refuse (re, _("a range out of order"));

      put_char (re, lo);
      if (hi != lo)
        {
          g_string_append_c (re->out, '-');
          put_char (re, hi);
        }
      if (!re->cs)
        {
          for (gunichar c = lo; c <= hi && c < 0x80; c++)
            if (is_ascii_letter (c))
              put_other_cases (re, c);
          for (gunichar c = MAX (lo, 0x80); c <= hi; c++)
            if (is_cased (c))
              return refuse (re, _("a class with non-ASCII letters ignoring case: SQL engines fold only "
                                   "ASCII letters the same way; make the rule case-sensitive"));
        }
    }
  if (*re->p != ']')
    return refuse (re, _("an unclosed class"));
  re->p++;
  g_string_append_c (re->out, ']');
  return TRUE;
}

/* "{m}", "{m,}" or "{m,n}" at re->p: TRUE and the bounds (n = -1 for no
 * upper bound); otherwise a literal "{" (as PCRE2 reads it).             */
static gboolean
repeat (const char  *p,
        const char **end,
        gint64      *m,
        gint64      *n)
{
  char *e = NULL;

  if (*p != '{' || !g_ascii_isdigit (p[1]))
    return FALSE;
  *m = (gint64) g_ascii_strtoull (p + 1, &e, 10);
  *n = *m;
  if (*e == ',')
    {
      const char *s = e + 1;
      if (*s == '}')
        *n = -1, e = (char *) s;
      else if (g_ascii_isdigit (*s))
        *n = (gint64) g_ascii_strtoull (s, &e, 10);
      else
        return FALSE;
    }
  if (*e != '}')
    return FALSE;
  *end = e + 1;
  return TRUE;
}

static gboolean
quantifier (Re   *re,
            Last *last)
{
  char q = *re->p;

  if (*last != LAST_ATOM)
    return refuse (re, _("a repeat of nothing, of an anchor or of an empty group"));
  if (q == '{')
    {
      const char *end;
      gint64 m, n;

      repeat (re->p, &end, &m, &n);
      if (m > MAX_REPEAT || n > MAX_REPEAT)
        return refuse (re, _("a repeat count over %d"), MAX_REPEAT);
      if (n == 0)
        return refuse (re, _("a repeat of zero times"));
      if (m == 0 && n < 0)
        g_string_append_c (re->out, '*');
      else if (m == 1 && n < 0)
        g_string_append_c (re->out, '+');
      else if (m == 0 && n == 1)
        g_string_append_c (re->out, '?');
      else if (n < 0)
        g_string_append_printf (re->out, "{%" G_GINT64_FORMAT ",}", m);
      else if (m == n)
        g_string_append_printf (re->out, "{%" G_GINT64_FORMAT "}", m);
      else
        g_string_append_printf (re->out, "{%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "}", m, n);
      re->p = end;
    }
  else
    {
      g_string_append_c (re->out, q);
      re->p++;
    }
  /* Lazy matches what greedy matches; possessive does not */
  if (*re->p == '?')
    re->p++;
  else if (*re->p == '+')
    return refuse (re, _("a possessive quantifier"));
  if (*re->p == '*' || *re->p == '+' || *re->p == '?' || repeat (re->p, &(const char *) { NULL }, &(gint64) { 0 }, &(gint64) { 0 }))
    return refuse (re, _("a repeat of a repeat"));
  *last = LAST_NONE;
  return TRUE;
}

/* The newlines GRegex knows: "." stops at them, "$" may stand before one */
static void
newline_class (Re       *re,
               gboolean  negate)
{
  g_string_append (re->out, negate ? "[^" : "[");
  put_char (re, '\n');
  g_string_append_c (re->out, '-');
  put_char (re, '\r');
  put_char (re, 0x85);
  put_char (re, 0x2028);
  put_char (re, 0x2029);
  g_string_append_c (re->out, ']');
}

gboolean
tandem_sql_translate_regex (const char        *pattern,
                            gboolean           case_sensitive,
                            TandemSqlDialect   dialect,
                            GString           *out,
                            char             **reason)
{
  Re re = { pattern, case_sensitive, dialect, out, NULL };
  Last last = LAST_NONE;
  GArray *opened = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean ok = TRUE;

  g_return_val_if_fail (g_utf8_validate (pattern, -1, NULL), FALSE);

  /* In parentheses: SQLite anchors every alternative on a leading "^" */
  g_string_append_c (out, '(');
  while (ok && *re.p != '\0')
    {
      gunichar c;

      switch (*re.p)
        {
        case '(':
          if (re.p[1] == '?' && re.p[2] == ':')
            re.p += 3;
          else if (re.p[1] == '?' || re.p[1] == '*')
            {
              ok = refuse (&re, _("look-arounds, named groups, inline options and verbs ((?…), (*…))"));
              break;
            }
          else
            re.p++;
          g_string_append_c (out, '(');
          g_array_append_val (opened, out->len);
          last = LAST_NONE;
          break;
        case ')':
          re.p++;
          if (opened->len == 0)
            {
              ok = refuse (&re, _("an unmatched “)”"));
              break;
            }
          last = g_array_index (opened, gsize, opened->len - 1) == out->len ? LAST_EMPTY_GROUP : LAST_ATOM;
          g_array_set_size (opened, opened->len - 1);
          g_string_append_c (out, ')');
          break;
        case '|':
          re.p++;
          g_string_append_c (out, '|');
          last = LAST_NONE;
          break;
        case '*':
        case '+':
        case '?':
          ok = quantifier (&re, &last);
          break;
        case '{':
          if (repeat (re.p, &(const char *) { NULL }, &(gint64) { 0 }, &(gint64) { 0 }))
            ok = quantifier (&re, &last);
          else
            {
              re.p++;
              ok = literal (&re, '{');
              last = LAST_ATOM;
            }
          break;
        case '^':
          re.p++;
          g_string_append_c (out, '^');
          last = LAST_ANCHOR;
          break;
        case '$':
          re.p++;
          /* At the end, or before a final newline (CR LF counts as one) */
          g_string_append_c (out, '(');
          put_char (&re, '\r');
          put_char (&re, '\n');
          g_string_append_c (out, '|');
          newline_class (&re, FALSE);
          g_string_append (out, ")?$");
          last = LAST_ANCHOR;
          break;
        case '.':
          re.p++;
          newline_class (&re, TRUE);
          last = LAST_ATOM;
          break;
        case '[':
          re.p++;
          ok = class (&re);
          last = LAST_ATOM;
          break;
        case '\\':
          re.p++;
          ok = escape (&re, FALSE, &c) && literal (&re, c);
          last = LAST_ATOM;
          break;
        default:
          c = next_char (&re);
          ok = literal (&re, c);
          last = LAST_ATOM;
          break;
        }
    }
  if (ok && opened->len > 0)
    ok = refuse (&re, _("an unclosed “(”"));
  g_array_unref (opened);
  g_string_append_c (out, ')');

  if (!ok)
    *reason = re.reason;
  else
    g_free (re.reason);
  return ok;
}
