/* tandem-gallery.c — common B2B scoring rules, mapped onto a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each template names the kind of column or event it needs by a pattern
 * over names ("title|job|position"), and becomes a rule on the first
 * column of a fitting type whose name matches, or on the first event
 * type that does.  Workspaces name things their own way; the patterns
 * cover the common CRM exports.
 */

#include "config.h"

#include "tandem-gallery.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  const char      *title;
  TandemDimension  dimension;
  const char      *pattern;      /* over column names or event types */
  int              type;         /* TandemColumnType wanted, or -1 for an event */
  const char      *rule;         /* the rule's JSON, with FIELD or EVENT for the name */
  const char      *needs;        /* what is missing, in words */
} Template;

static const Template templates[] = {
  { N_("Senior title"), TANDEM_DIMENSION_FIT, "title|job|position|role", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"contains\", \"value\": [\"VP\", \"Vice President\", \"Director\", \"Chief\", \"Head\", \"CEO\", \"CMO\", \"CTO\"], \"points\": 20, \"label\": \"Senior title\"}",
    N_("a job title column") },
  { N_("Junior or student"), TANDEM_DIMENSION_FIT, "title|job|position|role", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"contains\", \"value\": [\"Student\", \"Intern\", \"Assistant\"], \"points\": -15, \"label\": \"Junior or student\"}",
    N_("a job title column") },
  { N_("Decision-making seniority"), TANDEM_DIMENSION_FIT, "seniority|level|rank", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"in\", \"value\": [\"C-level\", \"Executive\", \"VP\", \"Director\"], \"points\": 15, \"label\": \"Decision maker\"}",
    N_("a seniority column") },
  { N_("Company size in the sweet spot"), TANDEM_DIMENSION_FIT, "employee|company.?size|headcount|size", TANDEM_COLUMN_NUMBER,
    "{\"field\": FIELD, \"op\": \"between\", \"value\": [50, 5000], \"points\": 10, \"label\": \"Company size 50–5,000\"}",
    N_("a number-of-employees column") },
  { N_("Target industry"), TANDEM_DIMENSION_FIT, "industry|sector|vertical", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"in\", \"value\": [\"Software\", \"Technology\", \"Financial Services\"], \"points\": 10, \"label\": \"Target industry\"}",
    N_("an industry column") },
  { N_("Free-mail address"), TANDEM_DIMENSION_FIT, "e-?mail", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"ends-with\", \"value\": [\"@gmail.com\", \"@yahoo.com\", \"@hotmail.com\", \"@outlook.com\", \"@aol.com\", \"@icloud.com\"], \"points\": -10, \"label\": \"Free-mail address\"}",
    N_("an email column") },
  { N_("Competitor domain"), TANDEM_DIMENSION_FIT, "e-?mail", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"ends-with\", \"value\": [\"@competitor.example\"], \"points\": -50, \"label\": \"Competitor (edit the domains)\"}",
    N_("an email column") },
  { N_("Recently created"), TANDEM_DIMENSION_INTEREST, "created|create.?date|first.?touch|signup", TANDEM_COLUMN_DATE,
    "{\"field\": FIELD, \"op\": \"within-days\", \"value\": 90, \"points\": 5, \"label\": \"New in the last 90 days\"}",
    N_("a creation date column") },
  { N_("Pricing page visits"), TANDEM_DIMENSION_INTEREST, "pricing", -1,
    "{\"event\": EVENT, \"points\": 10, \"max\": 30, \"half_life_days\": 30, \"label\": \"Pricing page\"}",
    N_("a pricing-page event") },
  { N_("Demo request"), TANDEM_DIMENSION_INTEREST, "demo|trial|contact.?sales", -1,
    "{\"event\": EVENT, \"points\": 30, \"max\": 30, \"half_life_days\": 90, \"label\": \"Asked for a demo\"}",
    N_("a demo-request event") },
  { N_("Webinar attended"), TANDEM_DIMENSION_INTEREST, "webinar|event.?attend", -1,
    "{\"event\": EVENT, \"points\": 10, \"max\": 20, \"within_days\": 120, \"label\": \"Webinar\"}",
    N_("a webinar event") },
  { N_("Content downloads"), TANDEM_DIMENSION_INTEREST, "download|whitepaper|ebook|content", -1,
    "{\"event\": EVENT, \"points\": 5, \"max\": 15, \"half_life_days\": 60, \"label\": \"Content download\"}",
    N_("a download event") },
  { N_("Email clicks"), TANDEM_DIMENSION_INTEREST, "click", -1,
    "{\"event\": EVENT, \"points\": 2, \"max\": 10, \"half_life_days\": 30, \"label\": \"Email click\"}",
    N_("an email-click event") },
  { N_("Web visits"), TANDEM_DIMENSION_INTEREST, "page.?view|visit", -1,
    "{\"event\": EVENT, \"points\": 1, \"max\": 15, \"half_life_days\": 30, \"label\": \"Web visits\"}",
    N_("a page-view event") },
  { N_("Unsubscribed"), TANDEM_DIMENSION_INTEREST, "unsub|opt.?out", -1,
    "{\"event\": EVENT, \"points\": -30, \"label\": \"Unsubscribed\"}",
    N_("an unsubscribe event") },
};

void
tandem_gallery_item_free (TandemGalleryItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_clear_pointer (&item->rule, tandem_rule_free);
  g_free (item->sentence);
  g_free (item->missing);
  g_free (item);
}

static char *
json_string (const char *text)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GPtrArray *
tandem_gallery_list (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) events = tandem_store_list_event_types (store);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_gallery_item_free);

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      const Template *tpl = &templates[t];
      g_autoptr(GRegex) regex = g_regex_new (tpl->pattern, G_REGEX_CASELESS, 0, NULL);
      TandemGalleryItem *item = g_new0 (TandemGalleryItem, 1);
      const char *name = NULL;

      item->title = g_strdup (_(tpl->title));
      item->dimension = tpl->dimension;
      if (tpl->type < 0)
        {
          for (guint e = 0; e < events->len && name == NULL; e++)
            if (g_regex_match (regex, g_ptr_array_index (events, e), 0, NULL))
              name = g_ptr_array_index (events, e);
        }
      else
        {
          for (guint c = 0; c < columns->len && name == NULL; c++)
            {
              TandemColumn *column = g_ptr_array_index (columns, c);
              if (column->type == (TandemColumnType) tpl->type && g_strcmp0 (column->role, "id") != 0 &&
                  g_regex_match (regex, column->name, 0, NULL))
                name = column->name;
            }
        }

      if (name != NULL)
        {
          g_autofree char *quoted = json_string (name);
          g_auto(GStrv) parts = g_strsplit (tpl->rule, tpl->type < 0 ? "EVENT" : "FIELD", 2);
          g_autofree char *json = g_strconcat (parts[0], quoted, parts[1], NULL);
          g_autoptr(GError) error = NULL;

          item->rule = tandem_rule_new_from_json (json, &error);
          g_assert_no_error (error);   /* the templates are ours */
          if (!tandem_rule_validate (item->rule, store, NULL))
            g_clear_pointer (&item->rule, tandem_rule_free);
        }
      if (item->rule != NULL)
        {
          g_autofree char *sentence = tandem_rule_dup_condition (item->rule);
          item->sentence = g_strdup_printf ("%s → %+g", sentence, item->rule->points);
        }
      else
        /* Translators: why a gallery rule cannot be added, e.g. "Needs a job title column" */
        item->missing = g_strdup_printf (_("Needs %s"), _(tpl->needs));
      g_ptr_array_add (items, item);
    }
  return items;
}
