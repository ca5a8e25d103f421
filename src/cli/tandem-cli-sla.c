/* tandem-cli-sla.c — tandem-cli sla
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tandem-sla.h"
#include "tandem-cli-private.h"

/* ---- sla ------------------------------------------------------------------- */

int
command_sla (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — how sales follows up the MQLs marketing delivers"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemSlaReport) report = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *weekdays = NULL;
  g_autofree char *reasons = NULL;
  double follow_up = NAN, accept_days = NAN, commitment = NAN, share = NAN;
  gboolean json = FALSE, set = FALSE;
  int code = EXIT_SUCCESS;
  g_auto(TandemSlaTerms) terms = { 0, };
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("MQLs from this day"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("MQLs up to this day"), "DATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "set", 0, 0, G_OPTION_ARG_NONE, &set, N_("Change the workspace's terms with the options below"), NULL },
    { "follow-up", 0, 0, G_OPTION_ARG_DOUBLE, &follow_up, N_("Working hours sales has to follow up an MQL"), "HOURS" },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("Working hours, e.g. 9-17"), "FROM-TO" },
    { "weekdays", 0, 0, G_OPTION_ARG_STRING, &weekdays, N_("Working days, e.g. mon,tue,wed,thu,fri"), "DAYS" },
    { "accept-days", 0, 0, G_OPTION_ARG_DOUBLE, &accept_days, N_("Days sales has to accept or reject an MQL"), "DAYS" },
    { "commitment", 0, 0, G_OPTION_ARG_DOUBLE, &commitment, N_("MQLs marketing commits to a month"), "N" },
    { "share", 0, 0, G_OPTION_ARG_DOUBLE, &share, N_("Marketing's share of pipeline, in percent"), "PCT" },
    { "reasons", 0, 0, G_OPTION_ARG_STRING, &reasons, N_("The agreed reasons for rejecting an MQL, comma-separated (\"\" for none)"), "CODES" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Working hours from each MQL to the first sales touch (the first-touch "
                                           "column, or reaching SAL): the share within the agreed time, median and "
                                           "90th percentile, per owner; MQLs delivered against the commitment; "
                                           "accepted and rejected MQLs."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("sla takes one argument, the workspace"));
  store = set ? tandem_store_open (argv[1], &error) : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || !tandem_sla_terms_load (store, &terms, &error))
    return fail_error (error);
  if (set)
    {
      if (!isnan (follow_up))
        terms.follow_up_hours = follow_up;
      if (!isnan (accept_days))
        terms.accept_days = accept_days;
      if (!isnan (commitment))
        terms.mql_commitment = commitment;
      if (!isnan (share))
        terms.pipeline_share = share / 100;
      if (hours != NULL && sscanf (hours, "%d-%d", &terms.day_start, &terms.day_end) != 2)
        return usage_error (context, _("--hours is FROM-TO in whole hours, e.g. 9-17"));
      if (weekdays != NULL)
        {
          static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
          g_auto(GStrv) days = g_strsplit (weekdays, ",", -1);
          terms.weekdays = 0;
          for (guint k = 0; days[k]; k++)
            {
              g_autofree char *day = g_ascii_strdown (g_strstrip (days[k]), -1);
              guint d = 0;
              while (d < 7 && !g_str_has_prefix (day, names[d]))
                d++;
              if (d == 7 || day[0] == '\0')
                {
                  g_autofree char *msg = g_strdup_printf (_("“%s” is not a day of the week (mon … sun)"), days[k]);
                  return usage_error (context, msg);
                }
              terms.weekdays |= 1u << d;
            }
        }
      if (reasons != NULL)
        {
          g_auto(GStrv) codes = g_strsplit (reasons, ",", -1);
          /* "" clears them; "a,,b" has an empty code, which the terms refuse */
          tandem_sla_terms_set_reason_codes (&terms, reasons[0] ? (const char *const *) codes : NULL);
          for (guint k = 0; reasons[0] && codes[k]; k++)
            if (g_strstrip (codes[k])[0] == '\0')
              return fail (_("--reasons: a reason code is empty (codes are separated by commas)"));
        }
      if (!tandem_sla_terms_save (store, &terms, &error))
        return fail_error (error);
    }
  else if (!isnan (follow_up) || !isnan (accept_days) || !isnan (commitment) || !isnan (share) || hours != NULL ||
           weekdays != NULL || reasons != NULL)
    return usage_error (context, _("terms change only with --set"));

  report = tandem_sla_compute (store, &terms, from, to, &error);
  if (report == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = tandem_sla_report_to_json (report, &terms);

      print_json (root);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *within = percent (report->share_within);
    printf (_("%'lld MQLs; %'lld followed up, %'lld within %g working hours (%s)\n"), (long long) report->mqls,
            (long long) report->followed_up, (long long) report->within, terms.follow_up_hours, within);
    if (!isnan (report->median_hours))
      printf (_("Response: median %.1f working hours, 90th percentile %.1f\n"), report->median_hours, report->p90_hours);
    printf (_("Accepted within %g days: %'lld; rejected: %'lld\n"), terms.accept_days, (long long) report->accepted,
            (long long) report->rejected);
    if (!isnan (report->committed))
      printf (g_dngettext (GETTEXT_PACKAGE, "Delivered %'lld MQL against a commitment of %.0f\n",
                           "Delivered %'lld MQLs against a commitment of %.0f\n", (gulong) report->mqls),
              (long long) report->mqls, report->committed);
    if (terms.reason_codes != NULL)
      {
        g_autofree char *codes = g_strjoinv (", ", terms.reason_codes);
        printf (_("Agreed rejection reasons: %s\n"), codes);
      }
    for (guint k = 0; k < report->reasons->len; k++)
      {
        TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
        printf (_("  rejected, %s: %'lld\n"), r->owner, (long long) r->mqls);
      }
    printf ("\n%s\n", _("Owner                            MQLs   within   median h"));
    for (guint k = 0; k < report->owners->len; k++)
      {
        TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
        g_autofree char *median = isnan (o->median_hours) ? g_strdup ("—") : g_strdup_printf ("%.1f", o->median_hours);
        printf ("%-30.30s %7lld  %7lld  %9s\n", o->owner, (long long) o->mqls, (long long) o->within, median);
      }
  }
  return EXIT_SUCCESS;
}
