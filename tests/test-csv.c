/* test-csv.c — reading CSV: dialects, types, roles, and every error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "tandem-csv.h"
#include "test-util.h"

static TandemCsvPreview *
preview_text (const char             *contents,
              gssize                  length,
              const TandemCsvOptions *options,
              GError                **error)
{
  g_autofree char *path = test_write_file ("preview.csv", contents, length);
  return tandem_csv_preview_new (path, options, 100, error);
}

static TandemCsvPreview *
preview_ok (const char *contents)
{
  g_autoptr(GError) error = NULL;
  TandemCsvPreview *preview = preview_text (contents, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

/* Expects an error whose message contains every one of @words. */
static void
assert_preview_error (const char *contents,
                      gssize      length,
                      int         code,
                      const char *first_word,
                      ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsvPreview) preview = preview_text (contents, length, NULL, &error);
  va_list args;

  g_assert_null (preview);
  g_assert_error (error, TANDEM_CSV_ERROR, code);
  va_start (args, first_word);
  for (const char *w = first_word; w != NULL; w = va_arg (args, const char *))
    if (strstr (error->message, w) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, w);
  va_end (args);
}

static void
test_rfc4180 (void)
{
  g_autoptr(TandemCsvPreview) p = preview_ok ("id,note,size\r\n"
                                              "1,\"Smith, Jane\",3\r\n"
                                              "2,\"said \"\"hi\"\"\",4\r\n"
                                              "3,\"two\r\nlines\",5\r\n"
                                              "4,,6\r\n"
                                              "5,\"\",7");

  g_assert_cmpint (tandem_csv_preview_get_delimiter (p), ==, ',');
  g_assert_cmpuint (tandem_csv_preview_get_n_columns (p), ==, 3);
  g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), ==, 5);
  g_assert_false (tandem_csv_preview_is_truncated (p));
  g_assert_cmpstr (tandem_csv_preview_get_cell (p, 0, 1), ==, "Smith, Jane");
  g_assert_cmpstr (tandem_csv_preview_get_cell (p, 1, 1), ==, "said \"hi\"");
  g_assert_cmpstr (tandem_csv_preview_get_cell (p, 2, 1), ==, "two\r\nlines");
  g_assert_null (tandem_csv_preview_get_cell (p, 3, 1));
  g_assert_null (tandem_csv_preview_get_cell (p, 4, 1));
  g_assert_cmpstr (tandem_csv_preview_get_cell (p, 4, 2), ==, "7");
}

static void
test_dialects (void)
{
  static const struct { const char *text; char delimiter; } cases[] = {
    { "a,b,c\n1,2,3\n", ',' },
    { "a;b;c\n1;2,5;3\n", ';' },
    { "a\tb\tc\n1\t2\t3\n", '\t' },
    { "a|b|c\n1|2|3\n", '|' },
    { "\xEF\xBB\xBF" "a;b\r\n1;2\r\n", ';' },          /* BOM + CRLF */
    { "a,b\r1,2\r3,4\r", ',' },                          /* old Mac line ends */
    { "\"x;y\",b\n\"1;2\",3\n", ',' },                    /* quoted candidates do not count */
    { "only\n1\n2\n", ',' },                              /* one column */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TandemCsvPreview) p = preview_ok (cases[i].text);
      g_assert_cmpint (tandem_csv_preview_get_delimiter (p), ==, cases[i].delimiter);
      g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), >=, 1);
    }

  {
    g_autoptr(TandemCsvPreview) p = preview_ok ("\xEF\xBB\xBF" "Lead ID;Score\r\nL1;2,5\r\n\r\nL2;3\r\n");
    g_assert_cmpstr (tandem_csv_preview_get_name (p, 0), ==, "Lead ID");
    g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), ==, 2);     /* blank line skipped */
    g_assert_cmpstr (tandem_csv_preview_get_cell (p, 0, 1), ==, "2,5");
    /* "2,5" is no number in any locale: it stays text */
    g_assert_cmpint (tandem_csv_preview_get_type (p, 1), ==, TANDEM_COLUMN_TEXT);
  }

  /* An explicit delimiter wins over detection. */
  {
    g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemCsvPreview) p = NULL;

    tandem_csv_options_set_delimiter (options, ';');
    p = preview_text ("a,b;c\n1,2;3\n", -1, options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tandem_csv_preview_get_n_columns (p), ==, 2);
    g_assert_cmpstr (tandem_csv_preview_get_name (p, 0), ==, "a,b");
  }

  /* A file that ends without a line break, and mixed line ends. */
  {
    g_autoptr(TandemCsvPreview) p = preview_ok ("a,b\n1,2\r\n3,4\r5,6");
    g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), ==, 3);
    g_assert_cmpstr (tandem_csv_preview_get_cell (p, 2, 1), ==, "6");
  }
}

static void
test_header (void)
{
  g_autoptr(TandemCsvPreview) p = preview_ok (" Name ,,Score\nAnn,x,1\n");

  g_assert_cmpstr (tandem_csv_preview_get_name (p, 0), ==, "Name");
  g_assert_cmpstr (tandem_csv_preview_get_name (p, 1), ==, "Column 2");

  assert_preview_error ("a,b,a\n1,2,3\n", -1, TANDEM_CSV_ERROR_HEADER, "line 1", "“a”", NULL);
}

static void
test_types (void)
{
  g_autoptr(TandemCsvPreview) p = preview_ok ("n,f,d,dt,b,t,z,e,mixed\n"
                                              "1,1.5,2024-01-31,2024-01-31T10:00:00Z,yes,hello,0123,,2024-01-01\n"
                                              "-2,-3e2,2023-12-01,2024-02-01 08:15,No,world,0456,,3\n"
                                              "3,.25,,2024-02-01,TRUE,,0789,,\n");

  g_assert_cmpint (tandem_csv_preview_get_type (p, 0), ==, TANDEM_COLUMN_NUMBER);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 1), ==, TANDEM_COLUMN_NUMBER);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 2), ==, TANDEM_COLUMN_DATE);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 3), ==, TANDEM_COLUMN_DATE);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 4), ==, TANDEM_COLUMN_BOOLEAN);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 5), ==, TANDEM_COLUMN_TEXT);
  g_assert_cmpint (tandem_csv_preview_get_type (p, 6), ==, TANDEM_COLUMN_TEXT);   /* codes keep their zeros */
  g_assert_cmpint (tandem_csv_preview_get_type (p, 7), ==, TANDEM_COLUMN_TEXT);   /* all empty */
  g_assert_cmpint (tandem_csv_preview_get_type (p, 8), ==, TANDEM_COLUMN_TEXT);

  /* Overrides */
  {
    g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemCsvPreview) q = NULL;

    g_assert_true (tandem_csv_options_parse_type (options, "n=text", &error));
    g_assert_true (tandem_csv_options_parse_type (options, "z=number", &error));
    q = preview_text ("n,z\n1,0123\n", -1, options, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tandem_csv_preview_get_type (q, 0), ==, TANDEM_COLUMN_TEXT);
    g_assert_cmpint (tandem_csv_preview_get_type (q, 1), ==, TANDEM_COLUMN_NUMBER);
  }
}

static void
test_null_tokens (void)
{
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsvPreview) p = NULL;

  tandem_csv_options_add_null_token (options, "Select");
  tandem_csv_options_add_null_token (options, " N/A ");
  tandem_csv_options_add_null_token (options, "   ");   /* ignored */
  g_assert_cmpstr (tandem_csv_options_get_null_tokens (options)[1], ==, "N/A");
  g_assert_null (tandem_csv_options_get_null_tokens (options)[2]);

  p = preview_text ("size,title\n10,Select\nn/a,  \n30,VP\n", -1, options, &error);
  g_assert_no_error (error);
  g_assert_null (tandem_csv_preview_get_cell (p, 0, 1));
  g_assert_null (tandem_csv_preview_get_cell (p, 1, 0));
  g_assert_null (tandem_csv_preview_get_cell (p, 1, 1));
  g_assert_cmpint (tandem_csv_preview_get_type (p, 0), ==, TANDEM_COLUMN_NUMBER);

  /* Without the tokens, “Select” is a value and the column is text. */
  {
    g_autoptr(TandemCsvPreview) q = preview_ok ("size,title\n10,Select\nn/a,VP\n");
    g_assert_cmpint (tandem_csv_preview_get_type (q, 0), ==, TANDEM_COLUMN_TEXT);
  }
}

static void
test_role_guesses (void)
{
  static const struct { const char *header; const char *role; } cases[] = {
    { "Prospect ID", "id" }, { "Lead Id", "id" }, { "opportunity_id", "id" }, { "mql_id", "id" },
    { "Converted", "outcome" }, { "deal_stage", "stage" }, { "Lead Status", "stage" },
    { "engage_date", "stage-date:Engaging" }, { "MQL Date", "stage-date:MQL" },
    { "won_date", "stage-date:Won" }, { "Date SAL", "stage-date:SAL" }, { "close_date", "stage-date:Closed" },
    { "close_value", "amount" }, { "Amount", "amount" }, { "Lead Source", "source" }, { "origin", "source" },
    { "sales_agent", "owner" }, { "Lead Owner", "owner" }, { "first_contact_date", "created" },
    { "Created At", "created" }, { "First Touch", "first-touch" }, { "first_response_at", "first-touch" },
    { "Job Title", NULL }, { "seller_id", NULL }, { "declared_monthly_revenue", NULL }, { "Revenue", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *role = tandem_csv_guess_role (cases[i].header);
      if (g_strcmp0 (role, cases[i].role) != 0)
        g_error ("“%s” guessed as %s, expected %s", cases[i].header, role, cases[i].role);
    }
}

static void
test_roles_in_preview (void)
{
  /* A guess the data does not fit is dropped; one role, one column. */
  g_autoptr(TandemCsvPreview) p = preview_ok ("Lead ID,Created,Converted,Amount,Lead ID 2,id\n"
                                              "L1,2024-01-01,1,100,x,9\n"
                                              "L2,soon,0,lots,y,8\n");

  g_assert_cmpstr (tandem_csv_preview_get_role (p, 0), ==, "id");
  g_assert_null (tandem_csv_preview_get_role (p, 1));             /* “soon” is no date */
  g_assert_cmpint (tandem_csv_preview_get_type (p, 1), ==, TANDEM_COLUMN_TEXT);
  g_assert_cmpstr (tandem_csv_preview_get_role (p, 2), ==, "outcome");
  g_assert_cmpint (tandem_csv_preview_get_type (p, 2), ==, TANDEM_COLUMN_BOOLEAN);
  g_assert_null (tandem_csv_preview_get_role (p, 3));             /* “lots” is no amount */
  g_assert_null (tandem_csv_preview_get_role (p, 5));             /* id is taken */

  /* Explicit roles win; a role's type follows. */
  {
    g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemCsvPreview) q = NULL;

    g_assert_true (tandem_csv_options_parse_map (options, "id=id", &error));
    g_assert_true (tandem_csv_options_parse_map (options, "Lead ID=attribute", &error));
    g_assert_true (tandem_csv_options_parse_map (options, "Lead ID 2=stage-date:MQL", &error));
    q = preview_text ("Lead ID,Lead ID 2,id\nL1,2024-02-02,9\n", -1, options, &error);
    g_assert_no_error (error);
    g_assert_null (tandem_csv_preview_get_role (q, 0));
    g_assert_cmpstr (tandem_csv_preview_get_role (q, 1), ==, "stage-date:MQL");
    g_assert_cmpint (tandem_csv_preview_get_type (q, 1), ==, TANDEM_COLUMN_DATE);
    g_assert_cmpstr (tandem_csv_preview_get_role (q, 2), ==, "id");
    g_assert_cmpint (tandem_csv_preview_get_type (q, 2), ==, TANDEM_COLUMN_TEXT);
  }
}

static void
test_option_errors (void)
{
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsvPreview) p = NULL;

  g_assert_false (tandem_csv_options_parse_map (options, "Owner", &error));
  g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION);
  g_assert_nonnull (strstr (error->message, "COLUMN=ROLE"));
  g_clear_error (&error);

  g_assert_false (tandem_csv_options_parse_map (options, "Owner=boss", &error));
  g_assert_nonnull (strstr (error->message, "Unknown role “boss”"));
  g_clear_error (&error);

  g_assert_false (tandem_csv_options_parse_type (options, "Owner=money", &error));
  g_assert_nonnull (strstr (error->message, "Unknown type “money” for column “Owner”"));
  g_clear_error (&error);

  /* A column the file does not have */
  g_assert_true (tandem_csv_options_parse_map (options, "Ownr=owner", &error));
  p = preview_text ("Owner,x\nAnn,1\n", -1, options, &error);
  g_assert_null (p);
  g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION);
  g_assert_nonnull (strstr (error->message, "no column named “Ownr”"));
  g_clear_error (&error);

  /* A role whose type contradicts an explicit type */
  {
    g_autoptr(TandemCsvOptions) o2 = tandem_csv_options_new ();
    g_assert_true (tandem_csv_options_parse_map (o2, "when=created", &error));
    g_assert_true (tandem_csv_options_parse_type (o2, "when=number", &error));
    p = preview_text ("when\n2024-01-01\n", -1, o2, &error);
    g_assert_null (p);
    g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION);
    g_assert_nonnull (strstr (error->message, "needs the type date"));
    g_clear_error (&error);
  }

  /* Two columns given one role */
  {
    g_autoptr(TandemCsvOptions) o3 = tandem_csv_options_new ();
    g_assert_true (tandem_csv_options_parse_map (o3, "a=owner", &error));
    g_assert_true (tandem_csv_options_parse_map (o3, "b=owner", &error));
    p = preview_text ("a,b\nx,y\n", -1, o3, &error);
    g_assert_null (p);
    g_assert_nonnull (strstr (error->message, "two columns are given the role “owner”"));
  }
}

static void
test_structure_errors (void)
{
  assert_preview_error ("", 0, TANDEM_CSV_ERROR_EMPTY, "is empty", NULL);
  assert_preview_error ("\xEF\xBB\xBF", 3, TANDEM_CSV_ERROR_EMPTY, "is empty", NULL);
  assert_preview_error ("\n\n\n", -1, TANDEM_CSV_ERROR_EMPTY, "is empty", NULL);
  assert_preview_error ("a,b\n1,2\n3,\"four\n5,6\n", -1, TANDEM_CSV_ERROR_UNCLOSED_QUOTE,
                        "preview.csv", "line 3", "never closed", NULL);
  assert_preview_error ("a,b\n1,\"two\"x\n", -1, TANDEM_CSV_ERROR_BAD_QUOTE,
                        "line 2", "field 2", "after its closing quote", NULL);
  assert_preview_error ("a,b\n1,2\n1,2,3\n", -1, TANDEM_CSV_ERROR_FIELD_COUNT,
                        "line 3", "3 fields", "2 columns", NULL);
  assert_preview_error ("a,b\n1\n", -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 2", "1 field", NULL);
  assert_preview_error ("a,b\n1,caf\xE9\n", -1, TANDEM_CSV_ERROR_ENCODING, "line 2", "field 2", "UTF-8", NULL);
  assert_preview_error ("a,b\n1,x\0y\n", 10, TANDEM_CSV_ERROR_ENCODING, "line 2", "NUL", NULL);

  /* The line number counts the lines inside quoted fields. */
  assert_preview_error ("a,b\n1,\"x\ny\nz\"\n2\n", -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 5", NULL);
  /* …as the records' line breaks count: CRLF once, a lone CR too. */
  assert_preview_error ("a,b\r\n1,\"x\r\ny\r\nz\"\r\n2\r\n", -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 5", NULL);
  assert_preview_error ("a,b\r1,\"x\ry\rz\"\r2\r", -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 5", NULL);
  assert_preview_error ("a,b\r1,\"x\r\r\"\"\r\"\r2\r", -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 6", NULL);
  /* A CRLF split between two reads of the file is one line break. */
  {
    g_autoptr(GString) text = g_string_new ("a,b\n1,\"");

    while (text->len < 1024 * 1024 - 1)
      g_string_append_c (text, 'x');
    g_string_append (text, "\r\ny\"\n2\n");
    g_assert_cmpint (text->str[1024 * 1024 - 1], ==, '\r');
    assert_preview_error (text->str, -1, TANDEM_CSV_ERROR_FIELD_COUNT, "line 4", NULL);
  }

  /* Bounded: too many columns is a clear error, not a crash. */
  {
    g_autoptr(GString) wide = g_string_new (NULL);
    for (int i = 0; i < TANDEM_CSV_MAX_COLUMNS + 5; i++)
      g_string_append_printf (wide, "%sc%d", i ? "," : "", i);
    g_string_append_c (wide, '\n');
    assert_preview_error (wide->str, -1, TANDEM_CSV_ERROR_TOO_LARGE, "line 1", "more than", NULL);
  }

  /* A file that is not there */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemCsvPreview) p = tandem_csv_preview_new ("/nonexistent/leads.csv", NULL, 10, &error);
    g_assert_null (p);
    g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "leads.csv"));
  }
}

static void
test_truncated_preview (void)
{
  g_autoptr(GString) text = g_string_new ("id,v\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TandemCsvPreview) p = NULL;

  for (int i = 0; i < 500; i++)
    g_string_append_printf (text, "%d,%d\n", i, i * 2);
  path = test_write_file ("long.csv", text->str, -1);
  p = tandem_csv_preview_new (path, NULL, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), ==, 20);
  g_assert_true (tandem_csv_preview_is_truncated (p));
}

static void
test_parse_values (void)
{
  double d = 0;
  gboolean b = FALSE;
  char *s = NULL;

  g_assert_true (tandem_parse_number ("  42 ", &d));
  g_assert_cmpfloat (d, ==, 42);
  g_assert_true (tandem_parse_number ("-1.5e3", &d));
  g_assert_cmpfloat (d, ==, -1500);
  g_assert_true (tandem_parse_number ("0.25", &d));
  g_assert_true (tandem_parse_number ("0", &d));
  g_assert_true (tandem_parse_number (".5", &d));
  g_assert_false (tandem_parse_number ("1,5", &d));
  g_assert_false (tandem_parse_number ("1 000", &d));
  g_assert_false (tandem_parse_number ("0x1A", &d));
  g_assert_false (tandem_parse_number ("inf", &d));
  g_assert_false (tandem_parse_number ("nan", &d));
  g_assert_false (tandem_parse_number ("1e999", &d));
  g_assert_false (tandem_parse_number ("007", &d));
  g_assert_false (tandem_parse_number ("", &d));
  g_assert_false (tandem_parse_number ("-", &d));
  g_assert_false (tandem_parse_number ("1e", &d));

  g_assert_true (tandem_parse_date ("2024-02-29", &s));
  g_assert_cmpstr (s, ==, "2024-02-29");
  g_clear_pointer (&s, g_free);
  g_assert_true (tandem_parse_date ("2024-02-29T23:30:15.123+02:00", &s));
  g_assert_cmpstr (s, ==, "2024-02-29 21:30:15");
  g_clear_pointer (&s, g_free);
  g_assert_true (tandem_parse_date ("2024-12-31 23:30-0100", &s));
  g_assert_cmpstr (s, ==, "2025-01-01 00:30:00");
  g_clear_pointer (&s, g_free);
  g_assert_true (tandem_parse_date ("2018-02-26 19:58:54", &s));
  g_assert_cmpstr (s, ==, "2018-02-26 19:58:54");
  g_clear_pointer (&s, g_free);
  g_assert_false (tandem_parse_date ("2023-02-29", NULL));
  g_assert_false (tandem_parse_date ("2023-13-01", NULL));
  g_assert_false (tandem_parse_date ("2023-1-01", NULL));
  g_assert_false (tandem_parse_date ("01/02/2023", NULL));
  g_assert_false (tandem_parse_date ("2023-01-01T25:00", NULL));
  g_assert_false (tandem_parse_date ("2023-01-01 10:00 tomorrow", NULL));

  g_assert_true (tandem_parse_boolean ("Yes", &b) && b);
  g_assert_true (tandem_parse_boolean ("FALSE", &b) && !b);
  g_assert_false (tandem_parse_boolean ("1", &b));

  g_assert_true (tandem_parse_outcome ("Closed Won", &b) && b);
  g_assert_true (tandem_parse_outcome ("lost", &b) && !b);
  g_assert_true (tandem_parse_outcome ("1", &b) && b);
  g_assert_true (tandem_parse_outcome ("0", &b) && !b);
  g_assert_false (tandem_parse_outcome ("Engaging", &b));
}

/* Numbers and dates read the same whatever the user's locale. */
static void
test_locale_independent (void)
{
  static const char *const locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8" };
  double d = 0;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        {
          /* build-aux/test.sh installs them, and then a skip is a failure */
          if (g_getenv ("TANDEM_REQUIRE_LOCALES") != NULL)
            g_error ("locale %s is not installed", locales[i]);
          g_test_message ("locale %s is not installed; checked under C only", locales[i]);
          continue;
        }
      g_assert_true (tandem_parse_number ("1.5", &d));
      g_assert_cmpfloat (d, ==, 1.5);
      g_assert_false (tandem_parse_number ("1,5", &d));
      {
        g_autoptr(TandemCsvPreview) p = preview_ok ("n;m\n1.25;2,5\n");
        g_assert_cmpint (tandem_csv_preview_get_type (p, 0), ==, TANDEM_COLUMN_NUMBER);
        g_assert_cmpint (tandem_csv_preview_get_type (p, 1), ==, TANDEM_COLUMN_TEXT);
      }
    }
  setlocale (LC_ALL, "C.UTF-8");
}

/* Reads @path twice, through the reader (the preview) and through a full
 * import with every column as text, and checks each field against @rows
 * (GStrv, the header first).  Empty fields are null, as documented: the
 * preview gives NULL, the workspace stores NULL and counts it.          */
static void
assert_parsed (const char *path,
               GPtrArray  *rows)
{
  char **header = g_ptr_array_index (rows, 0);
  guint n_columns = g_strv_length (header);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsvPreview) p = tandem_csv_preview_new (path, NULL, 100, &error);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (tandem_csv_preview_get_delimiter (p), ==, ',');
  g_assert_cmpuint (tandem_csv_preview_get_n_columns (p), ==, n_columns);
  g_assert_cmpuint (tandem_csv_preview_get_n_rows (p), ==, rows->len - 1);
  g_assert_false (tandem_csv_preview_is_truncated (p));
  for (guint c = 0; c < n_columns; c++)
    {
      g_assert_cmpstr (tandem_csv_preview_get_name (p, c), ==, header[c]);
      tandem_csv_options_set_type (options, header[c], TANDEM_COLUMN_TEXT);
    }
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length (row), ==, n_columns);
      for (guint c = 0; c < n_columns; c++)
        g_assert_cmpstr (tandem_csv_preview_get_cell (p, r - 1, c), ==, row[c][0] ? row[c] : NULL);
    }

  store = tandem_store_new_memory (&error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (store), ==, rows->len - 1);
  columns = tandem_store_list_columns (store);
  g_assert_cmpuint (columns->len, ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      gint64 nulls = 0;

      for (guint r = 1; r < rows->len; r++)
        nulls += ((char **) g_ptr_array_index (rows, r))[c][0] == '\0';
      g_assert_cmpstr (column->name, ==, header[c]);
      g_assert_cmpint (column->type, ==, TANDEM_COLUMN_TEXT);
      g_assert_cmpint (column->nulls, ==, nulls);
    }
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autofree char *key = g_strdup_printf ("%u", r);   /* no id column: the row number */
      gint64 id = tandem_store_lookup_lead (store, key);
      g_autoptr(GPtrArray) cells = NULL;

      g_assert_cmpint (id, >, 0);
      cells = tandem_store_fetch_leads (store, &id, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cells->len, ==, n_columns);
      for (guint c = 0; c < n_columns; c++)
        g_assert_cmpstr (g_ptr_array_index (cells, c), ==, row[c][0] ? row[c] : NULL);
    }
}

/* csv-spectrum's cases, in fixtures of our own with the same shapes: each
 * NAME.csv beside NAME.json, its rows as arrays of strings. */
static void
test_csv_spectrum (void)
{
  static const char *const names[] = {
    "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
    "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *csv_name = g_strconcat (names[i], ".csv", NULL);
      g_autofree char *json_name = g_strconcat (names[i], ".json", NULL);
      g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "csv-spectrum", csv_name, NULL);
      g_autofree char *json = g_test_build_filename (G_TEST_DIST, "fixtures", "csv-spectrum", json_name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GError) error = NULL;
      JsonArray *array;

      g_test_message ("csv-spectrum case %s", names[i]);
      g_assert_true (json_parser_load_from_file (parser, json, &error));
      g_assert_no_error (error);
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint r = 0; r < json_array_get_length (array); r++)
        {
          JsonArray *fields = json_array_get_array_element (array, r);
          GStrvBuilder *builder = g_strv_builder_new ();

          for (guint c = 0; c < json_array_get_length (fields); c++)
            g_strv_builder_add (builder, json_array_get_string_element (fields, c));
          g_ptr_array_add (rows, g_strv_builder_end (builder));
          g_strv_builder_unref (builder);
        }
      assert_parsed (csv, rows);
    }
}

/* A quoted field is kept byte for byte (CRLF stays CRLF, a lone CR stays
 * CR) whichever of LF, CRLF or CR ends the records. */
static void
test_quoted_bytes_kept (void)
{
  static const char *const terminators[] = { "\n", "\r\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (terminators); i++)
    {
      const char *t = terminators[i];
      g_autofree char *text = g_strconcat ("k,v", t, "\"a\r\nb\",\"c\rd\"", t, "\"e\nf\",\"\rx\"", t,
                                           "\"\r\n\r\ny\",\"g\n\r\"", t, NULL);
      g_autofree char *path = test_write_file ("bytes.csv", text, -1);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      g_ptr_array_add (rows, g_strsplit ("k|v", "|", -1));
      g_ptr_array_add (rows, g_strsplit ("a\r\nb|c\rd", "|", -1));
      g_ptr_array_add (rows, g_strsplit ("e\nf|\rx", "|", -1));
      g_ptr_array_add (rows, g_strsplit ("\r\n\r\ny|g\n\r", "|", -1));
      assert_parsed (path, rows);
    }
}

/* Writing CSV: a cell a spreadsheet would run as a formula (OWASP's list,
 * their fullwidth forms, after white space too) is quoted text with a
 * leading '; anything else is written as it is, quoted when needed.    */
static void
test_formula_guard (void)
{
  static const struct { const char *value; const char *written; } cases[] = {
    { "=1+1", "\"'=1+1\"" },
    { "+1", "\"'+1\"" },
    { "-5.00", "\"'-5.00\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tx", "\"'\tx\"" },
    { "\rx", "\"'\rx\"" },
    { "|cmd", "\"'|cmd\"" },
    { "\xEF\xBC\x9D" "1+1", "\"'\xEF\xBC\x9D" "1+1\"" },          /* ＝ U+FF1D */
    { "\xEF\xBC\x8B" "1", "\"'\xEF\xBC\x8B" "1\"" },              /* ＋ U+FF0B */
    { "\xEF\xBC\x8D" "1", "\"'\xEF\xBC\x8D" "1\"" },              /* － U+FF0D */
    { "\xEF\xBC\xA0" "x", "\"'\xEF\xBC\xA0" "x\"" },              /* ＠ U+FF20 */
    { " =1+1", "\"' =1+1\"" },
    { "  \n|x", "\"'  \n|x\"" },
    { "\xC2\xA0@x", "\"'\xC2\xA0@x\"" },                        /* no-break space */
    { "\xE3\x80\x80\xEF\xBC\x9Dx", "\"'\xE3\x80\x80\xEF\xBC\x9Dx\"" },  /* ideographic space, ＝ */
    { "=\"a\",b", "\"'=\"\"a\"\",b\"" },
    /* Not formulas */
    { "L-001", "L-001" },
    { "a=b", "a=b" },
    { "a|b", "a|b" },
    { " x", " x" },
    { "   ", "   " },
    { "", "" },
    { "caf\xC3\xA9", "caf\xC3\xA9" },
    { "\xEF\xBC\x91", "\xEF\xBC\x91" },                           /* １ U+FF11 */
    { "Smith, Jane", "\"Smith, Jane\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "said \"hi\"", "\"said \"\"hi\"\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      tandem_csv_append_field (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].written);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/csv/dialects", test_dialects);
  g_test_add_func ("/csv/header", test_header);
  g_test_add_func ("/csv/types", test_types);
  g_test_add_func ("/csv/null-tokens", test_null_tokens);
  g_test_add_func ("/csv/role-guesses", test_role_guesses);
  g_test_add_func ("/csv/roles-in-preview", test_roles_in_preview);
  g_test_add_func ("/csv/option-errors", test_option_errors);
  g_test_add_func ("/csv/structure-errors", test_structure_errors);
  g_test_add_func ("/csv/truncated-preview", test_truncated_preview);
  g_test_add_func ("/csv/parse-values", test_parse_values);
  g_test_add_func ("/csv/locale-independent", test_locale_independent);
  g_test_add_func ("/csv/csv-spectrum", test_csv_spectrum);
  g_test_add_func ("/csv/quoted-bytes-kept", test_quoted_bytes_kept);
  g_test_add_func ("/csv/formula-guard", test_formula_guard);

  return g_test_run ();
}
