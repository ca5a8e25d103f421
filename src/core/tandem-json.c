/* tandem-json.c — reading and writing Tandem's JSON documents safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pre-scan is a strict JSON recogniser with an explicit stack of at
 * most TANDEM_JSON_MAX_DEPTH levels: it never recurses, reads each byte
 * once, and keeps for each level the list index or the member name so a
 * refused number can be named by its path.  What it accepts is a subset
 * of what json-glib accepts (json-glib also takes comments, 'quotes',
 * 0x10, 01, trailing text), so json-glib then sees exactly what the
 * pre-scan checked.
 */

#include "config.h"

#include "tandem-json.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (tandem-json-error-quark, tandem_json_error)

/* How much of a name or a number a message quotes */
#define QUOTE_MAX 40

typedef enum
{
  SCAN_VALUE,           /* the document's root, or after ':' or a list's ',' */
  SCAN_VALUE_OR_CLOSE,  /* after '[' */
  SCAN_KEY,             /* after an object's ',' */
  SCAN_KEY_OR_CLOSE,    /* after '{' */
  SCAN_COLON,
  SCAN_COMMA_OR_CLOSE,  /* after a value inside a list or an object */
  SCAN_DONE,            /* after the root value */
} ScanState;

typedef struct
{
  char        container;    /* '[' or '{' */
  guint       index;
  const char *key;          /* raw text between the quotes */
  gsize       key_length;
} ScanLevel;

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  const char *what;
  guint       depth;
  ScanLevel   levels[TANDEM_JSON_MAX_DEPTH];
} Scan;

static void
position_of (const Scan *s,
             const char *at,
             guint      *out_line,
             guint      *out_column)
{
  guint line = 1, column = 1;

  for (const char *q = s->data; q < at && q < s->end; q++)
    if (*q == '\n')
      line++, column = 1;
    else if (((guchar) *q & 0xc0) != 0x80)
      column++;
  *out_line = line;
  *out_column = column;
}

static char *
quote (const char *text,
       gsize       length)
{
  if (length <= QUOTE_MAX)
    return g_strndup (text, length);
  /* Cut on a character boundary: the text is valid UTF-8 */
  {
    const char *cut = g_utf8_find_prev_char (text, text + QUOTE_MAX + 1);
    g_autofree char *head = g_strndup (text, cut ? (gsize) (cut - text) : QUOTE_MAX);
    return g_strconcat (head, "…", NULL);
  }
}

G_GNUC_PRINTF (4, 5)
static gboolean
scan_fail (Scan            *s,
           GError         **error,
           TandemJsonError  code,
           const char      *format,
           ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  position_of (s, s->p, &line, &column);
  g_set_error (error, TANDEM_JSON_ERROR, code, _("%s is not valid JSON: line %u, column %u: %s"),
               s->what, line, column, message);
  return FALSE;
}

static gboolean
scan_too_deep (Scan    *s,
               GError **error)
{
  guint line, column;

  position_of (s, s->p, &line, &column);
  g_set_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_DEEP,
               _("%s is nested more than %u levels deep (line %u, column %u)"),
               s->what, (guint) TANDEM_JSON_MAX_DEPTH, line, column);
  return FALSE;
}

/* The path of the value being read: "fit.rules[3].value" */
static char *
scan_path (const Scan *s)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < s->depth; i++)
    {
      const ScanLevel *level = &s->levels[i];

      if (level->container == '[')
        g_string_append_printf (path, "[%u]", level->index);
      else if (level->key != NULL)
        {
          g_autofree char *key = quote (level->key, level->key_length);
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, key);
        }
    }
  return g_string_free (path, FALSE);
}

static gboolean
scan_number_fail (Scan        *s,
                  GError     **error,
                  const char  *start,
                  const char  *problem)
{
  g_autofree char *path = scan_path (s);
  g_autofree char *literal = quote (start, s->p - start);

  g_set_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_NUMBER, "%s: %s %s",
               path[0] ? path : s->what, literal, problem);
  return FALSE;
}

static char *
describe (const Scan *s)
{
  gunichar c;

  if (s->p >= s->end)
    return g_strdup (_("the end of the text"));
  c = g_utf8_get_char (s->p);
  if (g_unichar_isgraph (c))
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 (c, buf);
      return g_strdup_printf ("“%s”", buf);
    }
  return g_strdup_printf ("U+%04X", c);
}

static gboolean
scan_hex4 (Scan     *s,
           guint32  *out)
{
  guint32 u = 0;

  /* s->p is on the 'u' */
  if (s->end - s->p < 5)
    return FALSE;
  for (guint i = 1; i <= 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->p[i]);
      if (digit < 0)
        return FALSE;
      u = u * 16 + (guint32) digit;
    }
  s->p += 5;
  *out = u;
  return TRUE;
}

static gboolean
scan_string (Scan    *s,
             GError **error)
{
  s->p++;   /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;
      guint32 u, low;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX,
                          _("a control character inside a text must be written as an escape such as \\n"));
      if (c != '\\')
        {
          s->p++;
          continue;
        }
      s->p++;
      if (s->p >= s->end)
        break;
      switch (*s->p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          s->p++;
          continue;
        case 'u':
          if (!scan_hex4 (s, &u))
            return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("\\u must be followed by four hexadecimal digits"));
          if (u == 0)
            return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("a text must not hold \\u0000 (a NUL character)"));
          if (u >= 0xdc00 && u <= 0xdfff)
            return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("\\u%04X is half of a surrogate pair without its first half"), u);
          if (u >= 0xd800 && u <= 0xdbff)
            {
              if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("\\u%04X is half of a surrogate pair without its second half"), u);
              s->p++;
              if (!scan_hex4 (s, &low))
                return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("\\u must be followed by four hexadecimal digits"));
              if (low < 0xdc00 || low > 0xdfff)
                return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("\\u%04X is half of a surrogate pair without its second half"), u);
            }
          continue;
        default:
          return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("unknown escape \\%c"), g_ascii_isgraph (*s->p) ? *s->p : '?');
        }
    }
  return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("a text is never closed (a \" is missing)"));
}

static gboolean
scan_digits (Scan     *s,
             gboolean *nonzero)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      if (nonzero != NULL && *s->p != '0')
        *nonzero = TRUE;
      s->p++;
    }
  return s->p > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? that reads exactly */
static gboolean
scan_number (Scan    *s,
             GError **error)
{
  const char *start = s->p;
  gboolean nonzero = FALSE;
  g_autofree char *literal = NULL;
  double value;

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("a number must not start with 0"));
    }
  else if (!scan_digits (s, &nonzero))
    return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("a minus sign must be followed by digits"));
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s, &nonzero))
        return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("a decimal point must be followed by digits"));
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s, NULL))
        return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("an exponent must be followed by digits"));
    }

  /* The data need not end in a NUL: read a copy */
  literal = g_strndup (start, s->p - start);
  value = g_ascii_strtod (literal, NULL);
  if (!isfinite (value) || fabs (value) > TANDEM_JSON_MAX_NUMBER)
    {
      g_autofree char *limit = tandem_json_format_number (TANDEM_JSON_MAX_NUMBER);
      g_autofree char *problem = g_strdup_printf (_("is out of range (at most ±%s)"), limit);
      return scan_number_fail (s, error, start, problem);
    }
  if (nonzero && fabs (value) < DBL_MIN)
    return scan_number_fail (s, error, start, _("is too close to 0 to be read exactly; write 0"));
  return TRUE;
}

static gboolean
scan_word (Scan       *s,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

static gboolean
scan (Scan    *s,
      GError **error)
{
  ScanState state = SCAN_VALUE;

  while (s->p < s->end)
    {
      char c = *s->p;
      ScanLevel *top = s->depth > 0 ? &s->levels[s->depth - 1] : NULL;
      g_autofree char *found = NULL;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          s->p++;
          continue;
        }

      switch (state)
        {
        case SCAN_VALUE_OR_CLOSE:
          if (c == ']')
            goto close;
          G_GNUC_FALLTHROUGH;
        case SCAN_VALUE:
          if (c == '[' || c == '{')
            {
              if (s->depth == TANDEM_JSON_MAX_DEPTH)
                return scan_too_deep (s, error);
              s->levels[s->depth++] = (ScanLevel) { .container = c };
              s->p++;
              state = c == '[' ? SCAN_VALUE_OR_CLOSE : SCAN_KEY_OR_CLOSE;
              continue;
            }
          if (c == '"')
            {
              if (!scan_string (s, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (s, error))
                return FALSE;
            }
          else if (!scan_word (s, "true") && !scan_word (s, "false") && !scan_word (s, "null"))
            {
              found = describe (s);
              return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX,
                                _("expected a value (a number, a text in double quotes, true, false, null, a list or an object), found %s"),
                                found);
            }
          state = s->depth == 0 ? SCAN_DONE : SCAN_COMMA_OR_CLOSE;
          continue;

        case SCAN_KEY_OR_CLOSE:
          if (c == '}')
            goto close;
          G_GNUC_FALLTHROUGH;
        case SCAN_KEY:
          if (c != '"')
            {
              found = describe (s);
              return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("expected a name in double quotes, found %s"), found);
            }
          top->key = s->p + 1;
          if (!scan_string (s, error))
            return FALSE;
          top->key_length = s->p - 1 - top->key;
          state = SCAN_COLON;
          continue;

        case SCAN_COLON:
          if (c != ':')
            {
              found = describe (s);
              return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("expected “:” after the name, found %s"), found);
            }
          s->p++;
          state = SCAN_VALUE;
          continue;

        case SCAN_COMMA_OR_CLOSE:
          if (c == ',')
            {
              s->p++;
              if (top->container == '[')
                {
                  top->index++;
                  state = SCAN_VALUE;
                }
              else
                state = SCAN_KEY;
              continue;
            }
          if (c == (top->container == '[' ? ']' : '}'))
            goto close;
          found = describe (s);
          return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX,
                            top->container == '[' ? _("expected “,” or “]”, found %s") : _("expected “,” or “}”, found %s"),
                            found);

        case SCAN_DONE:
        default:
          found = describe (s);
          return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("%s after the end of the document"), found);
        }

    close:
      s->p++;
      s->depth--;
      state = s->depth == 0 ? SCAN_DONE : SCAN_COMMA_OR_CLOSE;
    }

  if (state == SCAN_DONE)
    return TRUE;
  if (state == SCAN_VALUE && s->depth == 0)
    {
      g_set_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX, _("%s is empty"), s->what);
      return FALSE;
    }
  return scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, _("the text ends before the document does"));
}

JsonNode *
tandem_json_parse (const char  *data,
                   gssize       length,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree Scan *s = NULL;
  const char *bad = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length > TANDEM_JSON_MAX_SIZE)
    {
      g_set_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_LARGE, _("%s is larger than %u MiB"),
                   what, (guint) (TANDEM_JSON_MAX_SIZE / (1024 * 1024)));
      return NULL;
    }

  s = g_new0 (Scan, 1);
  s->data = s->p = data;
  s->end = data + length;
  s->what = what;
  if (!g_utf8_validate_len (data, length, &bad))
    {
      s->p = bad;
      scan_fail (s, error, TANDEM_JSON_ERROR_SYNTAX, "%s",
                 *bad == '\0' ? _("a NUL byte is not allowed") : _("the text is not UTF-8"));
      return NULL;
    }
  if (!scan (s, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX, _("%s is not valid JSON: %s"),
                   what, local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* json-glib writes a double with g_ascii_dtostr() (%.17g, which reads back
 * exactly) and appends ".0" when there is no '.': after an exponent that
 * makes "1e+20.0", which is not JSON.  Drop those ".0".                   */
static void
fix_exponents (char *text)
{
  gboolean in_string = FALSE;
  char prev = '\0';
  char *out = text;

  for (const char *p = text; *p; prev = out[-1])
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            *out++ = *p++;
          else if (*p == '"')
            in_string = FALSE;
          *out++ = *p++;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      if ((*p == 'e' || *p == 'E') && g_ascii_isdigit (prev))
        {
          *out++ = *p++;
          if (*p == '+' || *p == '-')
            *out++ = *p++;
          while (g_ascii_isdigit (*p))
            *out++ = *p++;
          if (p[0] == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
            p += 2;
          continue;
        }
      *out++ = *p++;
    }
  *out = '\0';
}

gpointer
tandem_json_read (const char          *data,
                  gssize               length,
                  const char          *what,
                  TandemJsonReadFunc   read,
                  GError             **error)
{
  g_autoptr(JsonNode) root = tandem_json_parse (data, length, what, error);

  return root != NULL ? read (root, error) : NULL;
}

gboolean
tandem_json_error_is_syntax (const GError *error)
{
  return g_error_matches (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX) ||
         g_error_matches (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_DEEP) ||
         g_error_matches (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_LARGE);
}

char *
tandem_json_to_data (JsonNode *root,
                     gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  if (pretty)
    {
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
    }
  text = json_generator_to_data (generator, NULL);
  fix_exponents (text);
  return text;
}

void
tandem_json_add_number (JsonBuilder *builder,
                        double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

void
tandem_json_add_double (JsonBuilder *builder,
                        double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

void
tandem_json_set_number (JsonBuilder *builder,
                        const char  *member,
                        double       value)
{
  json_builder_set_member_name (builder, member);
  tandem_json_add_number (builder, value);
}

void
tandem_json_set_double (JsonBuilder *builder,
                        const char  *member,
                        double       value)
{
  json_builder_set_member_name (builder, member);
  tandem_json_add_double (builder, value);
}

void
tandem_json_set_int (JsonBuilder *builder,
                     const char  *member,
                     gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
tandem_json_set_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
tandem_json_set_boolean (JsonBuilder *builder,
                         const char  *member,
                         gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

void
tandem_json_set_strings (JsonBuilder        *builder,
                         const char         *member,
                         const char *const  *strings,
                         gssize              n)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (gsize i = 0; strings != NULL && (n < 0 ? strings[i] != NULL : i < (gsize) n); i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

/* ---- Reading a document's shape ----------------------------------------- */

gboolean
tandem_json_set_error_valist (GError     **error,
                              GQuark       domain,
                              int          code,
                              const char  *prefix,
                              const char  *format,
                              va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, domain, code, "%s: %s", prefix, message);
  return FALSE;
}

gboolean
tandem_json_set_error (GError     **error,
                       GQuark       domain,
                       int          code,
                       const char  *prefix,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  tandem_json_set_error_valist (error, domain, code, prefix, format, args);
  va_end (args);
  return FALSE;
}

char *
tandem_json_member_path (const char *path,
                         const char *key)
{
  return g_strdup_printf ("%s%s%s", path, path[0] ? "." : "", key);
}

const char *
tandem_json_node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:  return _("a string");
    case G_TYPE_BOOLEAN: return _("true or false");
    default:             return _("a number");
    }
}

gboolean
tandem_json_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
tandem_json_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
tandem_json_is_boolean (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
tandem_json_check_keys (JsonObject         *object,
                        const char         *path,
                        const char *const  *allowed,
                        GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *where = tandem_json_member_path (path, l->data);
        return tandem_json_invalid (error, where, _("unknown key \"%s\""), (const char *) l->data);
      }
  return TRUE;
}

char *
tandem_json_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text;

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  text = g_string_new (buf);
  /* 1e+20 → 1e20, 1e-07 → 1e-7 */
  g_string_replace (text, "e+", "e", 1);
  g_string_replace (text, "e0", "e", 1);
  g_string_replace (text, "e-0", "e-", 1);
  return g_string_free (text, FALSE);
}

static gboolean
out_of_range (GError     **error,
              const char  *path,
              double       value,
              double       min,
              double       max)
{
  g_autofree char *shown = tandem_json_format_number (value);
  g_autofree char *lo = tandem_json_format_number (min);
  g_autofree char *hi = tandem_json_format_number (max);

  if (min == -max)
    return tandem_json_invalid (error, path, _("%s is out of range (at most ±%s)"), shown, hi);
  return tandem_json_invalid (error, path, _("%s is out of range (%s to %s)"), shown, lo, hi);
}

gboolean
tandem_json_read_number (JsonNode    *node,
                         const char  *path,
                         double       min,
                         double       max,
                         double      *out,
                         GError     **error)
{
  double value;

  if (!tandem_json_is_number (node))
    return tandem_json_invalid (error, path, _("must be a number, not %s"), tandem_json_node_kind (node));
  value = json_node_get_double (node);
  if (!isfinite (value))
    return tandem_json_invalid (error, path, _("must be a finite number"));
  if (value < min || value > max)
    return out_of_range (error, path, value, min, max);
  *out = value;
  return TRUE;
}

gboolean
tandem_json_read_integer (JsonNode    *node,
                          const char  *path,
                          gint64       min,
                          gint64       max,
                          gint64      *out,
                          GError     **error)
{
  double value;

  if (!tandem_json_read_number (node, path, (double) min, (double) max, &value, error))
    return FALSE;
  if (value != floor (value))
    return tandem_json_invalid (error, path, _("must be a whole number, not %g"), value);
  *out = (gint64) value;
  return TRUE;
}

gboolean
tandem_json_get_number (JsonObject  *object,
                        const char  *path,
                        const char  *key,
                        double       min,
                        double       max,
                        gboolean     required,
                        gboolean    *out_has,
                        double      *out,
                        GError     **error)
{
  g_autofree char *where = tandem_json_member_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return tandem_json_invalid (error, where, _("is missing"));
      if (out_has)
        *out_has = FALSE;
      return TRUE;
    }
  if (!tandem_json_read_number (node, where, min, max, out, error))
    return FALSE;
  if (out_has)
    *out_has = TRUE;
  return TRUE;
}
