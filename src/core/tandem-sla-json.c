/* tandem-sla-json.c — the service-level report as a JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli sla --json` prints.  Counts are integers; shares and
 * hours are doubles, null where undefined.
 */

#include "config.h"

#include "tandem-json.h"
#include "tandem-sla.h"

JsonNode *
tandem_sla_report_to_json (const TandemSlaReport *report,
                           const TandemSlaTerms  *terms)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  json_builder_begin_object (b);
  tandem_json_set_double (b, "follow_up_hours", terms->follow_up_hours);
  tandem_json_set_strings (b, "reason_codes", (const char *const *) terms->reason_codes, -1);
  tandem_json_set_int (b, "mqls", report->mqls);
  tandem_json_set_int (b, "followed_up", report->followed_up);
  tandem_json_set_int (b, "within", report->within);
  tandem_json_set_double (b, "share_within", report->share_within);
  tandem_json_set_double (b, "median_hours", report->median_hours);
  tandem_json_set_double (b, "p90_hours", report->p90_hours);
  tandem_json_set_int (b, "accepted", report->accepted);
  tandem_json_set_int (b, "rejected", report->rejected);
  tandem_json_set_double (b, "committed", report->committed);
  json_builder_set_member_name (b, "owners");
  json_builder_begin_array (b);
  for (guint k = 0; k < report->owners->len; k++)
    {
      const TandemSlaOwner *o = g_ptr_array_index (report->owners, k);

      json_builder_begin_object (b);
      tandem_json_set_string (b, "owner", o->owner);
      tandem_json_set_int (b, "mqls", o->mqls);
      tandem_json_set_int (b, "within", o->within);
      tandem_json_set_double (b, "median_hours", o->median_hours);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rejected_by_reason");
  json_builder_begin_object (b);
  for (guint k = 0; k < report->reasons->len; k++)
    {
      const TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);

      tandem_json_set_int (b, r->owner, r->mqls);
    }
  json_builder_end_object (b);
  tandem_json_set_int (b, "rejected_uncoded", report->uncoded);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
