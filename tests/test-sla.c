/* test-sla.c — working hours, and the service level on a hand-made fixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * June 2024: the 1st is a Saturday, so the 7th is a Friday and the 10th a
 * Monday.  Working hours 9–17, Monday to Friday, unless a case says.
 */

#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-sla.h"
#include "tandem-store-private.h"
#include "test-util.h"

static void
test_working_hours (void)
{
  g_auto(TandemSlaTerms) t = { 0, };

  tandem_sla_terms_init (&t);
  /* Friday 16:00 → Monday 10:00: one hour on Friday, one on Monday; the weekend counts nothing */
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-07 16:00:00", "2024-06-10 10:00:00"), ==, 2);
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-10 10:00:00", "2024-06-10 12:30:00"), ==, 2.5);
  /* Overnight, outside hours */
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-11 18:00:00", "2024-06-12 08:00:00"), ==, 0);
  /* A whole Saturday */
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-08 10:00:00", "2024-06-08 15:00:00"), ==, 0);
  /* Backwards, or unreadable: nothing */
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-10 12:00:00", "2024-06-10 10:00:00"), ==, 0);
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "soon", "2024-06-10 10:00:00"), ==, 0);
  /* A date alone is midnight: Monday 00:00 → Tuesday 00:00 is one working day */
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-10", "2024-06-11"), ==, 8);
  /* Saturday as a working day */
  t.weekdays |= 1 << 5;
  g_assert_cmpfloat (tandem_sla_working_hours (&t, "2024-06-08 10:00:00", "2024-06-08 15:00:00"), ==, 5);
}

static void
test_terms (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_auto(TandemSlaTerms) t = { 0, };
  g_auto(TandemSlaTerms) back = { 0, };

  tandem_sla_terms_init (&t);
  t.follow_up_hours = 2;
  t.mql_commitment = 120;
  g_assert_true (tandem_sla_terms_save (store, &t, &error));
  g_assert_true (tandem_sla_terms_load (store, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (back.follow_up_hours, ==, 2);
  g_assert_cmpfloat (back.mql_commitment, ==, 120);
  g_assert_true (isnan (back.pipeline_share));

  t.day_start = 18;
  g_assert_false (tandem_sla_terms_save (store, &t, &error));
  g_assert_nonnull (strstr (error->message, "working hours must start before they end"));
  g_clear_error (&error);
  tandem_sla_terms_init (&t);
  t.pipeline_share = 1.5;
  g_assert_false (tandem_sla_terms_save (store, &t, &error));
  g_assert_nonnull (strstr (error->message, "between 0 and 100 %"));
  g_clear_error (&error);

  /* Rejection reason codes: kept trimmed, read back; refused when empty,
   * given twice (ignoring case), too long or too many — and then the
   * stored terms stay as they were */
  tandem_sla_terms_init (&t);
  tandem_sla_terms_set_reason_codes (&t, (const char *[]) { " No budget ", "Competitor", NULL });
  g_assert_true (tandem_sla_terms_save (store, &t, &error));
  g_assert_true (tandem_sla_terms_load (store, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (back.reason_codes), ==, 2);
  g_assert_cmpstr (back.reason_codes[0], ==, "No budget");
  g_assert_cmpstr (back.reason_codes[1], ==, "Competitor");
  {
    static const struct { const char *codes[3]; const char *message; } bad[] = {
      { { "No budget", " no BUDGET", NULL }, "the rejection reason code “no BUDGET” is given twice" },
      { { "No budget", "", NULL }, "a rejection reason code is empty" },
    };
    for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
      {
        g_auto(TandemSlaTerms) c = { 0, };
        tandem_sla_terms_init (&c);
        tandem_sla_terms_set_reason_codes (&c, bad[k].codes);
        /* "" alone would mean no codes: set it behind the back of the trimming */
        if (bad[k].codes[1][0] == '\0')
          {
            g_free (c.reason_codes[1]);
            c.reason_codes[1] = g_strdup ("  ");
          }
        g_assert_false (tandem_sla_terms_save (store, &c, &error));
        g_assert_nonnull (strstr (error->message, bad[k].message));
        g_clear_error (&error);
      }
  }
  {
    g_auto(TandemSlaTerms) c = { 0, };
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *long_code = g_strnfill (81, 'x');

    for (guint k = 0; k < 31; k++)
      g_ptr_array_add (many, g_strdup_printf ("Reason %u", k));
    g_ptr_array_add (many, NULL);
    tandem_sla_terms_init (&c);
    tandem_sla_terms_set_reason_codes (&c, (const char *const *) many->pdata);
    g_assert_false (tandem_sla_terms_save (store, &c, &error));
    g_assert_nonnull (strstr (error->message, "at most 30"));
    g_clear_error (&error);
    tandem_sla_terms_set_reason_codes (&c, (const char *[]) { long_code, NULL });
    g_assert_false (tandem_sla_terms_save (store, &c, &error));
    g_assert_nonnull (strstr (error->message, "longer than 80"));
    g_clear_error (&error);
  }
  g_assert_true (tandem_sla_terms_load (store, &back, &error));
  g_assert_cmpuint (g_strv_length (back.reason_codes), ==, 2);

  /* Terms a hand or another tool damaged: refused, named */
  g_assert_true (tandem_store_set_setting (store, "sla.terms", "{\"reason_codes\": [\"No budget\", 3]}", &error));
  g_assert_false (tandem_sla_terms_load (store, &back, &error));
  g_assert_nonnull (strstr (error->message, "reason_codes is not a list of texts"));
  g_clear_error (&error);
  {
    static const struct { const char *json; const char *message; } damaged[] = {
      /* 2^32 + 9 once wrapped to 9 o'clock */
      { "{\"day_start\": 4294967305}", "damaged: day_start: 4294967305 is out of range (0 to 24)" },
      { "{\"day_end\": 99999999999999999999}", "damaged: day_end: 99999999999999999999 is out of range (at most ±1e15)" },
      { "{\"day_start\": 8.5}", "damaged: day_start: must be a whole number, not 8.5" },
      { "{\"weekdays\": 128}", "damaged: weekdays: 128 is out of range (0 to 127)" },
      { "{\"follow_up_hours\": 1e999}", "damaged: follow_up_hours: 1e999 is out of range (at most ±1e15)" },
      { "{\"accept_days\": \"5\"}", "damaged: accept_days: must be a number, not a string" },
      { "{\"mql_commitment\": 1e12}", "damaged: mql_commitment: 1000000000000 is out of range (at most ±1000000000)" },
      { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "are damaged: The service-level agreement is nested more than 64 levels deep" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (damaged); k++)
      {
        g_assert_true (tandem_store_set_setting (store, "sla.terms", damaged[k].json, &error));
        g_assert_false (tandem_sla_terms_load (store, &back, &error));
        g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT);
        if (strstr (error->message, damaged[k].message) == NULL)
          g_error ("case %u: “%s” does not contain “%s”", k, error->message, damaged[k].message);
        g_clear_error (&error);
      }
  }
  /* A commitment that could not be read back is not saved */
  tandem_sla_terms_init (&t);
  t.mql_commitment = 1e12;
  g_assert_false (tandem_sla_terms_save (store, &t, &error));
  g_assert_nonnull (strstr (error->message, "from 0 to 1,000,000,000"));
  g_clear_error (&error);
  t.mql_commitment = 1e9;
  t.follow_up_hours = 0.1 + 0.2;
  g_assert_true (tandem_sla_terms_save (store, &t, &error));
  g_assert_true (tandem_sla_terms_load (store, &back, &error));
  g_assert_no_error (error);
  g_assert_true (back.mql_commitment == 1e9 && back.follow_up_hours == 0.1 + 0.2);
  /* No codes agreed: none */
  tandem_sla_terms_set_reason_codes (&t, NULL);
  g_assert_null (t.reason_codes);
}

/* Rejections read as the agreed codes: ignoring case and spaces; other
 * texts "(not an agreed code)"; every code listed, used or not */
static void
test_reason_codes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *leads = test_write_file ("reasons.csv",
                                            "Lead ID,Owner,Rejection Reason\n"
                                            "R1,Ann,No budget\n"
                                            "R2,Ann,  no BUDGET \n"
                                            "R3,Bob,Wrong number\n"
                                            "R4,Bob,\n"
                                            "R5,Bob,Competitor\n", -1);
  g_autoptr(TandemSlaReport) r = NULL;
  g_auto(TandemSlaTerms) t = { 0, };
  g_auto(GStrv) data_reasons = NULL;
  static const struct { const char *reason; gint64 count; } expected[] = {
    { "No budget", 2 }, { "(no reason given)", 1 }, { "(not an agreed code)", 1 }, { "Competitor", 1 }, { "Duplicate", 0 },
  };

  g_assert_true (tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_store_exec (store,
    "INSERT INTO stage_history (lead, stage, entered_at) "
    "SELECT id, 'MQL', '2024-06-10 09:00:00' FROM leads UNION ALL "
    "SELECT id, 'Disqualified', '2024-06-11 09:00:00' FROM leads", &error));

  /* The data's own reasons, to agree on: most used first, one per spelling */
  data_reasons = tandem_sla_data_reasons (store, 10);
  g_assert_cmpuint (g_strv_length (data_reasons), ==, 3);
  g_assert_cmpstr (data_reasons[0], ==, "No budget");

  tandem_sla_terms_init (&t);
  tandem_sla_terms_set_reason_codes (&t, (const char *[]) { "No budget", "Competitor", "Duplicate", NULL });
  r = tandem_sla_compute (store, &t, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->rejected, ==, 5);
  g_assert_cmpint (r->uncoded, ==, 1);
  g_assert_cmpuint (r->reasons->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      TandemSlaOwner *reason = g_ptr_array_index (r->reasons, k);
      g_assert_cmpstr (reason->owner, ==, expected[k].reason);
      g_assert_cmpint (reason->mqls, ==, expected[k].count);
    }
  g_clear_pointer (&r, tandem_sla_report_free);

  /* Without codes: the data's texts as written */
  tandem_sla_terms_set_reason_codes (&t, NULL);
  r = tandem_sla_compute (store, &t, NULL, NULL, &error);
  g_assert_cmpint (r->uncoded, ==, 0);
  g_assert_cmpuint (r->reasons->len, ==, 5);   /* "No budget", "  no BUDGET ", … as they stand */
}

static void
test_compliance (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *leads = test_write_file ("sla.csv",
                                            "Lead ID,Owner,First Touch,Rejection Reason\n"
                                            "L1,Ann,2024-06-10 10:00:00,\n"
                                            "L2,Ann,2024-06-10 15:00:00,\n"
                                            "L3,Bob,,No budget\n"
                                            "L4,Bob,2024-05-01 12:00:00,\n", -1);
  g_autoptr(TandemSlaReport) r = NULL;
  TandemSlaOwner *ann;
  g_auto(TandemSlaTerms) t = { 0, };

  g_assert_true (tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_store_exec (store,
    "INSERT INTO stage_history (lead, stage, entered_at) VALUES"
    " (1, 'MQL', '2024-06-07 16:00:00'),"                     /* touched Monday 10:00: 2 h, within */
    " (2, 'Marketing Qualified Lead', '2024-06-10 09:00:00'),"  /* touched 15:00: 6 h, late … */
    " (2, 'Sales Accepted Lead', '2024-06-11 09:00:00'),"       /* … but accepted the next day */
    " (3, 'MQL', '2024-06-11 10:00:00'),"                      /* never touched … */
    " (3, 'Disqualified', '2024-06-12 10:00:00'),"             /* … and rejected */
    " (4, 'MQL', '2024-05-01 09:00:00')", &error));            /* before the period */
  tandem_sla_terms_init (&t);
  t.mql_commitment = 10;

  r = tandem_sla_compute (store, &t, "2024-06-01", "2024-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->mqls, ==, 3);
  g_assert_cmpint (r->followed_up, ==, 2);
  g_assert_cmpint (r->within, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->share_within, 1.0 / 3, 1e-12);
  g_assert_cmpfloat (r->median_hours, ==, 4);                  /* of 2 and 6 */
  g_assert_cmpfloat_with_epsilon (r->p90_hours, 5.6, 1e-12);   /* 2 + 0.9 × (6 − 2) */
  g_assert_cmpint (r->accepted, ==, 1);
  g_assert_cmpint (r->rejected, ==, 1);
  g_assert_cmpuint (r->reasons->len, ==, 1);
  g_assert_cmpstr (((TandemSlaOwner *) g_ptr_array_index (r->reasons, 0))->owner, ==, "No budget");
  g_assert_cmpfloat_with_epsilon (r->committed, 10 * 30 / 30.4375, 1e-9);
  g_assert_cmpuint (r->owners->len, ==, 2);
  ann = g_ptr_array_index (r->owners, 0);
  g_assert_cmpstr (ann->owner, ==, "Ann");
  g_assert_cmpint (ann->mqls, ==, 2);
  g_assert_cmpint (ann->within, ==, 1);
  g_assert_cmpfloat (ann->median_hours, ==, 4);   /* of her 2 and 6 */
  g_assert_true (isnan (((TandemSlaOwner *) g_ptr_array_index (r->owners, 1))->median_hours));   /* Bob: no touch */
  g_clear_pointer (&r, tandem_sla_report_free);

  /* All time: the May MQL too, touched 3 working hours later */
  r = tandem_sla_compute (store, &t, NULL, NULL, &error);
  g_assert_cmpint (r->mqls, ==, 4);
  g_assert_cmpint (r->within, ==, 2);
  g_assert_true (isnan (r->committed));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sla/working-hours", test_working_hours);
  g_test_add_func ("/sla/terms", test_terms);
  g_test_add_func ("/sla/compliance", test_compliance);
  g_test_add_func ("/sla/reason-codes", test_reason_codes);
  return g_test_run ();
}
