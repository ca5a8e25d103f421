/* bench-suggest.c — suggesting a model from outcomes on a million leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-suggest [--leads N] [--dir DIR]
 *
 * Builds a workspace of N leads (default 1,000,000) shaped like a CRM
 * export — text, number and yes/no columns, a sales-filled leaky column,
 * an id, a 0/1 outcome drawn from a logistic model of planted conditions —
 * and about 2 events a lead, then times tandem_suggest_run() (reading,
 * screening, candidates, the liblinear fit, the back-test) and prints it
 * with the back-test's figures.  Target: at most 10 s on 2 cores.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "tandem-csv.h"
#include "tandem-suggest.h"

static guint64 rng = 0x2545F4914F6CDD1Dull;

static double
rnd (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (double) (rng >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

#define PICK(a) (a[(guint) (rnd () * G_N_ELEMENTS (a)) % G_N_ELEMENTS (a)])

static const char *const origins[] = { "API", "Landing Page Submission", "Lead Add Form", "Lead Import" };
static const char *const sources[] = { "Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference",
                                       "Referral Sites", "Welingak Website", "Facebook" };
static const char *const activities[] = { "Email Opened", "SMS Sent", "Olark Chat Conversation", "Page Visited on Website",
                                          "Converted to Lead", "Email Bounced", "Form Submitted on Website" };
static const char *const occupations[] = { "Unemployed", "Working Professional", "Student", "Businessman", "" };
static const char *const countries[] = { "India", "India", "India", "United States", "United Arab Emirates", "Singapore", "" };
static const char *const specialisations[] = { "Finance Management", "Human Resource Management", "Marketing Management",
                                               "Operations Management", "Business Administration", "IT Projects Management", "" };
static const char *const event_types[] = { "page_view", "email_open", "webinar_attended", "brochure_download" };

static void
write_data (const char *leads_path,
            const char *events_path,
            guint       n)
{
  FILE *leads = g_fopen (leads_path, "w");
  FILE *events = g_fopen (events_path, "w");

  fputs ("Prospect ID,Lead Origin,Lead Source,TotalVisits,Total Time Spent on Website,Last Activity,"
         "What is your current occupation,Country,Specialization,Do Not Email,Tags,Converted\n", leads);
  fputs ("lead_id,type,timestamp\n", events);
  for (guint i = 0; i < n; i++)
    {
      const char *origin = PICK (origins), *activity = PICK (activities), *occupation = PICK (occupations);
      guint visits = (guint) (rnd () * rnd () * 30), seconds = (guint) (rnd () * 2200);
      gboolean no_email = rnd () < 0.08;
      guint n_events = (guint) (rnd () * 5);
      guint webinars = 0;
      double logit;
      gboolean won;

      for (guint e = 0; e < n_events; e++)
        {
          const char *type = PICK (event_types);
          webinars += g_str_equal (type, "webinar_attended");
          fprintf (events, "P%u,%s,2026-%02u-%02u 10:00:00\n", i + 1, type, 1 + (guint) (rnd () * 11),
                   1 + (guint) (rnd () * 28));
        }
      logit = -1.6 + 2.0 * g_str_equal (origin, "Lead Add Form") + 1.5 * g_str_equal (occupation, "Working Professional") -
              1.8 * g_str_equal (activity, "Olark Chat Conversation") + 0.0008 * seconds - 0.9 * no_email + 0.5 * webinars;
      won = rnd () < 1 / (1 + exp (-logit));
      fprintf (leads, "P%u,%s,%s,%u,%u,%s,%s,%s,%s,%s,%s,%d\n", i + 1, origin, PICK (sources), visits, seconds, activity,
               occupation, PICK (countries), PICK (specialisations), no_email ? "Yes" : "No",
               won ? (rnd () < 0.95 ? "Will revert after reading the email" : "Ringing")
                   : (rnd () < 0.6 ? "Ringing" : "Interested in other courses"),
               won);
    }
  fclose (leads);
  fclose (events);
}

int
main (int    argc,
      char **argv)
{
  int n_leads = 1000000;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— time a suggested model on N leads");
  GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT, &n_leads, "Leads (1000000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to build the workspace (a new temporary directory)", "DIR" },
    { NULL }
  };
  g_autofree char *leads = NULL;
  g_autofree char *events = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemSuggestion) s = NULL;
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GTimer) timer = g_timer_new ();
  const TandemBacktest *t;
  double seconds;
  GDate as_of;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_leads < 100)
    {
      g_printerr ("bench-suggest: %s\n", error ? error->message : "--leads must be 100 or more");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("bench-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  leads = g_build_filename (dir, "leads.csv", NULL);
  events = g_build_filename (dir, "events.csv", NULL);
  path = g_build_filename (dir, "bench.tandem", NULL);
  tandem_store_delete_files (path);

  printf ("Generating %d leads and about %d events…\n", n_leads, 2 * n_leads);
  write_data (leads, events, (guint) n_leads);
  store = tandem_store_create (path, &error);
  g_assert_no_error (error);
  if (!tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  tandem_csv_options_set_kind (options, TANDEM_IMPORT_EVENTS);
  if (!tandem_store_import_csv (store, events, options, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  g_clear_object (&store);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);

  {
    TandemSuggestOptions o;
    tandem_suggest_options_init (&o);
    g_date_clear (&as_of, 1);
    g_date_set_dmy (&as_of, 31, 12, 2026);
    o.as_of = &as_of;
    g_timer_start (timer);
    s = tandem_suggest_run (store, &o, NULL, NULL, NULL, &error);
    seconds = g_timer_elapsed (timer, NULL);
  }
  if (s == NULL)
    g_error ("%s", error->message);
  t = tandem_suggestion_get_backtest (s);
  printf ("Suggested a model from %d leads (%u candidate conditions, %u rules) in %.2f s on %u cores (target ≤ 10 s)\n",
          n_leads, tandem_suggestion_get_n_candidates (s),
          tandem_model_get_dimension (tandem_suggestion_get_model (s), TANDEM_DIMENSION_FIT)->rules->len +
          tandem_model_get_dimension (tandem_suggestion_get_model (s), TANDEM_DIMENSION_INTEREST)->rules->len,
          seconds, g_get_num_processors ());
  printf ("Back-test on %u holdout leads: AUC %.3f, top-decile lift %.2f, MQL share %.1f %%, MQL conversion %.1f %% "
          "(base rate %.1f %%)\n", t->leads, t->auc, t->top_decile_lift, 100 * t->mql_share, 100 * t->mql_conversion,
          100 * t->base_rate);
  g_clear_object (&store);
  tandem_store_delete_files (path);
  g_unlink (leads);
  g_unlink (events);
  g_rmdir (dir);
  return 0;
}
