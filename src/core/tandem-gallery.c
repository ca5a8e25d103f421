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
  int              content;      /* what its values look like: a Content, or -1 */
} Template;

typedef enum { TITLES, EMAILS, SIZES } Content;

static const Template templates[] = {
  { N_("Senior title"), TANDEM_DIMENSION_FIT, "title|job|position|role", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"contains\", \"value\": [\"VP\", \"Vice President\", \"Director\", \"Chief\", \"Head\", \"CEO\", \"CMO\", \"CTO\"], \"points\": 20, \"label\": \"Senior title\"}",
    N_("a job title column"), TITLES },
  { N_("Junior or student"), TANDEM_DIMENSION_FIT, "title|job|position|role", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"contains\", \"value\": [\"Student\", \"Intern\", \"Assistant\"], \"points\": -15, \"label\": \"Junior or student\"}",
    N_("a job title column"), TITLES },
  { N_("Decision-making seniority"), TANDEM_DIMENSION_FIT, "seniority|level|rank", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"in\", \"value\": [\"C-level\", \"Executive\", \"VP\", \"Director\"], \"points\": 15, \"label\": \"Decision maker\"}",
    N_("a seniority column"), -1 },
  { N_("Company size in the sweet spot"), TANDEM_DIMENSION_FIT, "employee|company.?size|headcount|size", TANDEM_COLUMN_NUMBER,
    "{\"field\": FIELD, \"op\": \"between\", \"value\": [50, 5000], \"points\": 10, \"label\": \"Company size 50–5,000\"}",
    N_("a number-of-employees column"), SIZES },
  { N_("Target industry"), TANDEM_DIMENSION_FIT, "industry|sector|vertical", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"in\", \"value\": [\"Software\", \"Technology\", \"Financial Services\"], \"points\": 10, \"label\": \"Target industry\"}",
    N_("an industry column"), -1 },
  { N_("Free-mail address"), TANDEM_DIMENSION_FIT, "e-?mail", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"ends-with\", \"value\": [\"@gmail.com\", \"@yahoo.com\", \"@hotmail.com\", \"@outlook.com\", \"@aol.com\", \"@icloud.com\"], \"points\": -10, \"label\": \"Free-mail address\"}",
    N_("an email column"), EMAILS },
  { N_("Competitor domain"), TANDEM_DIMENSION_FIT, "e-?mail", TANDEM_COLUMN_TEXT,
    "{\"field\": FIELD, \"op\": \"ends-with\", \"value\": [\"@competitor.example\"], \"points\": -50, \"label\": \"Competitor (edit the domains)\"}",
    N_("an email column"), EMAILS },
  { N_("Recently created"), TANDEM_DIMENSION_INTEREST, "created|create.?date|first.?touch|signup", TANDEM_COLUMN_DATE,
    "{\"field\": FIELD, \"op\": \"within-days\", \"value\": 90, \"points\": 5, \"label\": \"New in the last 90 days\"}",
    N_("a creation date column"), -1 },
  { N_("Pricing page visits"), TANDEM_DIMENSION_INTEREST, "pricing", -1,
    "{\"event\": EVENT, \"points\": 10, \"max\": 30, \"half_life_days\": 30, \"label\": \"Pricing page\"}",
    N_("a pricing-page event"), -1 },
  { N_("Demo request"), TANDEM_DIMENSION_INTEREST, "demo|trial|contact.?sales", -1,
    "{\"event\": EVENT, \"points\": 30, \"max\": 30, \"half_life_days\": 90, \"label\": \"Asked for a demo\"}",
    N_("a demo-request event"), -1 },
  { N_("Webinar attended"), TANDEM_DIMENSION_INTEREST, "webinar|event.?attend", -1,
    "{\"event\": EVENT, \"points\": 10, \"max\": 20, \"within_days\": 120, \"label\": \"Webinar\"}",
    N_("a webinar event"), -1 },
  { N_("Content downloads"), TANDEM_DIMENSION_INTEREST, "download|whitepaper|ebook|content", -1,
    "{\"event\": EVENT, \"points\": 5, \"max\": 15, \"half_life_days\": 60, \"label\": \"Content download\"}",
    N_("a download event"), -1 },
  { N_("Email clicks"), TANDEM_DIMENSION_INTEREST, "click", -1,
    "{\"event\": EVENT, \"points\": 2, \"max\": 10, \"half_life_days\": 30, \"label\": \"Email click\"}",
    N_("an email-click event"), -1 },
  { N_("Web visits"), TANDEM_DIMENSION_INTEREST, "page.?view|visit", -1,
    "{\"event\": EVENT, \"points\": 1, \"max\": 15, \"half_life_days\": 30, \"label\": \"Web visits\"}",
    N_("a page-view event"), -1 },
  { N_("Unsubscribed"), TANDEM_DIMENSION_INTEREST, "unsub|opt.?out", -1,
    "{\"event\": EVENT, \"points\": -30, \"label\": \"Unsubscribed\"}",
    N_("an unsubscribe event"), -1 },
};

static void
choice_free (TandemGalleryChoice *choice)
{
  g_free (choice->column);
  g_free (choice->top_values);
  g_free (choice);
}

void
tandem_gallery_item_free (TandemGalleryItem *item)
{
  if (item == NULL)
    return;
  g_free (item->matched_by);
  g_clear_pointer (&item->choices, g_ptr_array_unref);
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

/* Most of a sample (at least half, and two) matching @pattern */
static gboolean
most_match (const char *const *values,
            const char        *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  guint n = 0, hits = 0;

  for (; values != NULL && values[n] != NULL; n++)
    hits += g_regex_match (regex, values[n], 0, NULL);
  return n >= 2 && hits * 2 >= n;
}

gboolean
tandem_gallery_looks_like_titles (const char *const *values)
{
  return most_match (values, "\\b(manager|director|head|chief|vp|vice president|president|ceo|cto|cfo|cmo|coo|"
                             "founder|owner|engineer|developer|analyst|consultant|specialist|coordinator|"
                             "assistant|intern|student|officer|lead|executive|professional|unemployed)\\b");
}

gboolean
tandem_gallery_looks_like_emails (const char *const *values)
{
  return most_match (values, "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");
}

gboolean
tandem_gallery_looks_like_sizes (const char *const *values)
{
  return most_match (values, "^\\s*(\\d[\\d,.]*\\s*(-|–|to)\\s*\\d[\\d,.]*|\\d[\\d,.]*\\s*\\+|[<>]\\s*\\d[\\d,.]*)"
                             "(\\s*(employees|staff|people))?\\s*$");
}

/* A column's most frequent values: for recognising it, and for the user */
static GStrv
sample_values (TandemStore *store,
               const char  *column,
               char       **shown)
{
  g_autoptr(GPtrArray) values = tandem_store_column_values (store, column, 12, NULL);
  g_autoptr(GStrvBuilder) sample = g_strv_builder_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; values != NULL && k < values->len; k++)
    {
      const TandemValueCount *v = g_ptr_array_index (values, k);
      g_strv_builder_add (sample, v->value);
      if (k < 4)
        g_string_append_printf (text, "%s%s (%" G_GINT64_FORMAT ")", k ? ", " : "", v->value, v->count);
    }
  if (values != NULL && values->len > 4)
    g_string_append (text, ", …");
  *shown = g_string_free (g_steal_pointer (&text), FALSE);
  return g_strv_builder_end (sample);
}

static gboolean
looks_like (Content            content,
            const char *const *values)
{
  switch (content)
    {
    case TITLES: return tandem_gallery_looks_like_titles (values);
    case EMAILS: return tandem_gallery_looks_like_emails (values);
    case SIZES:  return tandem_gallery_looks_like_sizes (values);
    default:     return FALSE;
    }
}

static TandemRule *
rule_on (const Template *tpl,
         TandemStore    *store,
         const char     *name,
         GError        **error)
{
  g_autofree char *quoted = json_string (name);
  g_auto(GStrv) parts = g_strsplit (tpl->rule, tpl->type < 0 ? "EVENT" : "FIELD", 2);
  g_autofree char *json = g_strconcat (parts[0], quoted, parts[1], NULL);
  g_autoptr(GError) local = NULL;
  TandemRule *rule = tandem_rule_new_from_json (json, &local);

  g_assert_no_error (local);   /* the templates are ours */
  if (!tandem_rule_validate (rule, store, error))
    g_clear_pointer (&rule, tandem_rule_free);
  return rule;
}

TandemRule *
tandem_gallery_rule_on (const TandemGalleryItem *item,
                        TandemStore             *store,
                        const char              *column,
                        GError                 **error)
{
  g_return_val_if_fail (item->template_index < G_N_ELEMENTS (templates), NULL);
  return rule_on (&templates[item->template_index], store, column, error);
}

GPtrArray *
tandem_gallery_list (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) events = tandem_store_list_event_types (store);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_gallery_item_free);
  /* Each text column's sample, read once for every template */
  g_autoptr(GPtrArray) samples = g_ptr_array_new_full (columns->len, (GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_full (columns->len, g_free);

  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      char *text = NULL;
      gboolean useful = g_strcmp0 (column->role, "id") != 0 &&
                        (column->type == TANDEM_COLUMN_TEXT || column->type == TANDEM_COLUMN_NUMBER);

      g_ptr_array_add (samples, useful ? sample_values (store, column->name, &text) : NULL);
      g_ptr_array_add (shown, text);
    }

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      const Template *tpl = &templates[t];
      g_autoptr(GRegex) regex = g_regex_new (tpl->pattern, G_REGEX_CASELESS, 0, NULL);
      TandemGalleryItem *item = g_new0 (TandemGalleryItem, 1);
      const char *name = NULL;

      item->title = g_strdup (_(tpl->title));
      item->dimension = tpl->dimension;
      item->template_index = t;
      item->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
      if (tpl->type < 0)
        {
          for (guint e = 0; e < events->len && name == NULL; e++)
            if (g_regex_match (regex, g_ptr_array_index (events, e), 0, NULL))
              name = g_ptr_array_index (events, e);
        }
      else
        {
          const char *by_content = NULL;

          for (guint c = 0; c < columns->len; c++)
            {
              TandemColumn *column = g_ptr_array_index (columns, c);
              TandemGalleryChoice *choice;

              if (column->type != (TandemColumnType) tpl->type || g_strcmp0 (column->role, "id") == 0)
                continue;
              if (name == NULL && g_regex_match (regex, column->name, 0, NULL))
                name = column->name;
              if (by_content == NULL && tpl->content >= 0 &&
                  looks_like (tpl->content, (const char *const *) g_ptr_array_index (samples, c)))
                by_content = column->name;
              choice = g_new0 (TandemGalleryChoice, 1);
              choice->column = g_strdup (column->name);
              choice->top_values = g_strdup (g_ptr_array_index (shown, c));
              g_ptr_array_add (item->choices, choice);
            }
          if (name == NULL && by_content != NULL)
            {
              static const char *const why[] = {
                N_("its values look like job titles"), N_("its values look like e-mail addresses"),
                N_("its values look like company sizes"),
              };
              name = by_content;
              item->matched_by = g_strdup (_(why[tpl->content]));
            }
        }

      if (name != NULL)
        item->rule = rule_on (tpl, store, name, NULL);
      if (item->rule != NULL)
        {
          g_autofree char *sentence = tandem_rule_dup_condition (item->rule);
          item->sentence = g_strdup_printf ("%s → %+g", sentence, item->rule->points);
        }
      else if (item->choices->len > 0)
        /* Translators: a gallery rule no column's name fits: the user picks one */
        item->missing = g_strdup_printf (_("No column is named like %s: choose one"), _(tpl->needs));
      else
        /* Translators: why a gallery rule cannot be added, e.g. "Needs a job title column" */
        item->missing = g_strdup_printf (_("Needs %s"), _(tpl->needs));
      g_ptr_array_add (items, item);
    }
  return items;
}
