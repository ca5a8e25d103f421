/* tandem-json.h — reading and writing Tandem's JSON documents safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every JSON text Tandem reads (a model file, what a workspace keeps) goes
 * through tandem_json_parse().  Before json-glib sees it (its parser is
 * recursive and lenient), a linear pre-scan accepts only strict JSON
 * (RFC 8259: no comments, no single quotes, nothing after the document) in
 * UTF-8, at most TANDEM_JSON_MAX_SIZE bytes, nested at most
 * TANDEM_JSON_MAX_DEPTH levels, with no \u0000 and no lone surrogate, and
 * whose every number reads exactly as a double within
 * ±TANDEM_JSON_MAX_NUMBER.  Out of range: 1e20, 1e999, integers past 64 bits
 * (json-glib would wrap them silently).  A non-zero number nearer to 0 than
 * the smallest normal double (about 2.2e-308), such as 1e-400, is refused
 * too: it would read as 0 or lose digits, and nothing Tandem counts is
 * that small.  These refusals name the JSON path ("fit.rules[3].value").
 *
 * Every JSON text Tandem writes goes through tandem_json_to_data(), and
 * numbers into a builder through tandem_json_add_number(), so whatever is
 * written reads back to the same value.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TANDEM_JSON_ERROR (tandem_json_error_quark ())

typedef enum
{
  TANDEM_JSON_ERROR_SYNTAX,     /* not strict JSON; the message gives line and column */
  TANDEM_JSON_ERROR_TOO_DEEP,   /* nested more than TANDEM_JSON_MAX_DEPTH levels */
  TANDEM_JSON_ERROR_TOO_LARGE,  /* more than TANDEM_JSON_MAX_SIZE bytes */
  TANDEM_JSON_ERROR_NUMBER,     /* a number out of range; the message starts with the JSON path */
  TANDEM_JSON_ERROR_INVALID,    /* JSON of the wrong shape; the message starts with the JSON path */
} TandemJsonError;

GQuark tandem_json_error_quark (void);

#define TANDEM_JSON_MAX_DEPTH   64
#define TANDEM_JSON_MAX_SIZE    (8 * 1024 * 1024)
#define TANDEM_JSON_MAX_NUMBER  1e15

/* @what names the document in messages, capitalised: _("The model").
 * Returns the root, or NULL with @error set.                           */
JsonNode   *tandem_json_parse        (const char   *data,
                                      gssize        length,
                                      const char   *what,
                                      GError      **error);
/* Reads a document: its root, parsed as above, handed to @read. */
typedef gpointer (*TandemJsonReadFunc) (JsonNode  *root,
                                        GError   **error);
gpointer    tandem_json_read         (const char          *data,
                                      gssize               length,
                                      const char          *what,
                                      TandemJsonReadFunc   read,
                                      GError             **error);
/* Whether @error says the text is not JSON at all (its syntax, depth or
 * size), rather than JSON of the wrong shape. */
gboolean    tandem_json_error_is_syntax (const GError     *error);
/* Compact, or pretty with two spaces. */
char       *tandem_json_to_data      (JsonNode     *root,
                                      gboolean      pretty);
/* An integer when whole, a double otherwise, null when not finite. */
void        tandem_json_add_number   (JsonBuilder  *builder,
                                      double        value);
/* A measure (a rate, days): always a double (1.0, not 1), so that a
 * reader sees the same type whatever the value; null when not finite. */
void        tandem_json_add_double   (JsonBuilder  *builder,
                                      double        value);
/* A member and its value in one call; the numbers as above, a NULL
 * string as null. */
void        tandem_json_set_number   (JsonBuilder  *builder,
                                      const char   *member,
                                      double        value);
void        tandem_json_set_double   (JsonBuilder  *builder,
                                      const char   *member,
                                      double        value);
void        tandem_json_set_int      (JsonBuilder  *builder,
                                      const char   *member,
                                      gint64        value);
void        tandem_json_set_string   (JsonBuilder  *builder,
                                      const char   *member,
                                      const char   *value);
void        tandem_json_set_boolean  (JsonBuilder  *builder,
                                      const char   *member,
                                      gboolean      value);

/* A member holding the list of @n @strings; when @n is negative, @strings
 * ends with NULL (a NULL @strings is an empty list). */
void        tandem_json_set_strings  (JsonBuilder         *builder,
                                      const char          *member,
                                      const char *const   *strings,
                                      gssize               n);

/* ---- Reading a document's shape ---------------------------------------
 * Errors are TANDEM_JSON_ERROR_INVALID, "PATH: message".               */

/* Sets @error to "PREFIX: message" in @domain; returns FALSE.  The
 * model's and the CSV reader's messages are written the same way. */
gboolean    tandem_json_set_error_valist (GError     **error,
                                          GQuark       domain,
                                          int          code,
                                          const char  *prefix,
                                          const char  *format,
                                          va_list      args) G_GNUC_PRINTF (5, 0);
gboolean    tandem_json_set_error    (GError      **error,
                                      GQuark        domain,
                                      int           code,
                                      const char   *prefix,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (5, 6);
#define tandem_json_invalid(error, path, ...) \
  tandem_json_set_error ((error), TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_INVALID, (path), __VA_ARGS__)
/* "PATH.KEY", or "KEY" when @path is empty */
char       *tandem_json_member_path  (const char   *path,
                                      const char   *key);
/* "a number", "a list", …: what a node holds, for messages */
const char *tandem_json_node_kind    (JsonNode     *node);
gboolean    tandem_json_is_number    (JsonNode     *node);
gboolean    tandem_json_is_string    (JsonNode     *node);
gboolean    tandem_json_is_boolean   (JsonNode     *node);
/* Refuses a member whose name is not in @allowed. */
gboolean    tandem_json_check_keys   (JsonObject         *object,
                                      const char         *path,
                                      const char *const  *allowed,
                                      GError            **error);
/* A number in [@min, @max] ("PATH: 2e+07 is out of range (at most ±1e6)"). */
gboolean    tandem_json_read_number  (JsonNode     *node,
                                      const char   *path,
                                      double        min,
                                      double        max,
                                      double       *out,
                                      GError      **error);
/* The same for a whole number. */
gboolean    tandem_json_read_integer (JsonNode     *node,
                                      const char   *path,
                                      gint64        min,
                                      gint64        max,
                                      gint64       *out,
                                      GError      **error);
/* A member read with tandem_json_read_number(); absent or null is "is
 * missing" when @required, otherwise *@out_has is FALSE and *@out kept. */
gboolean    tandem_json_get_number   (JsonObject   *object,
                                      const char   *path,
                                      const char   *key,
                                      double        min,
                                      double        max,
                                      gboolean      required,
                                      gboolean     *out_has,
                                      double       *out,
                                      GError      **error);
/* A number as messages show it: "1e15", "0.25", "-3". */
char       *tandem_json_format_number (double      value);

G_END_DECLS
