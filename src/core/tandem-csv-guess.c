/* tandem-csv-guess.c — column guessing: roles from header names, types from the data, the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- Role guessing ------------------------------------------------------ */

/* Lower-case letters and digits only: "Prospect ID" → "prospectid". */
static char *
normalise_header (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

static gboolean
name_in (const char         *normalised,
         const char *const  *names)
{
  return g_strv_contains (names, normalised);
}

static const struct {
  const char *stem;
  const char *stage;
} stage_stems[] = {
  { "suspect", "Suspect" }, { "inquiry", "Inquiry" }, { "enquiry", "Inquiry" },
  { "known", "Known" }, { "engaged", "Engaged" },
  { "mql", "MQL" }, { "tql", "TQL" }, { "sal", "SAL" }, { "sql", "SQL" },
  { "opportunity", "Opportunity" }, { "opp", "Opportunity" },
  { "prospect", "Prospecting" }, { "prospecting", "Prospecting" },
  { "engage", "Engaging" }, { "engaging", "Engaging" },
  { "won", "Won" }, { "lost", "Lost" }, { "close", "Closed" }, { "closed", "Closed" },
  { "customer", "Customer" }, { "disqualified", "Disqualified" },
};

static char *
guess_stage_date (const char *n)
{
  static const char *const suffixes[] = { "date", "at", "on", "time", "timestamp", "datetime", NULL };
  static const char *const prefixes[] = { "dateof", "date", "entered", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (stage_stems); i++)
    {
      const char *stem = stage_stems[i].stem;
      gsize stem_len = strlen (stem);

      for (guint s = 0; suffixes[s]; s++)
        if (g_str_has_prefix (n, stem) && g_strcmp0 (n + stem_len, suffixes[s]) == 0)
          return g_strdup_printf ("stage-date:%s", stage_stems[i].stage);

      for (guint p = 0; prefixes[p]; p++)
        if (g_str_has_prefix (n, prefixes[p]) && g_strcmp0 (n + strlen (prefixes[p]), stem) == 0)
          return g_strdup_printf ("stage-date:%s", stage_stems[i].stage);
    }
  return NULL;
}

char *
tandem_csv_guess_role (const char *header_name)
{
  static const char *const id_names[] = {
    "id", "leadid", "prospectid", "opportunityid", "oppid", "mqlid", "contactid", "recordid",
    "personid", "dealid", "leadnumber", "prospectnumber", NULL
  };
  static const char *const created_names[] = {
    "created", "createdat", "createddate", "createdon", "createtime", "createdtime", "creationdate",
    "leadcreated", "leadcreateddate", "leadcreatedat", "firstcontactdate", "signupdate", "dateadded",
    "datecreated", NULL
  };
  static const char *const stage_names[] = {
    "stage", "dealstage", "leadstage", "lifecyclestage", "currentstage", "pipelinestage",
    "leadstatus", "status", "funnelstage", NULL
  };
  static const char *const outcome_names[] = {
    "outcome", "converted", "won", "iswon", "closedwon", "result", "dealoutcome", "conversion", NULL
  };
  static const char *const amount_names[] = {
    "amount", "closevalue", "dealvalue", "dealamount", "dealsize", "opportunityamount",
    "amountusd", "wonamount", "contractvalue", "acv", NULL
  };
  static const char *const source_names[] = {
    "source", "leadsource", "origin", "channel", "utmsource", "leadorigin", "acquisitionchannel", NULL
  };
  static const char *const owner_names[] = {
    "owner", "leadowner", "salesagent", "salesrep", "accountowner", "assignedto", "rep",
    "opportunityowner", "dealowner", NULL
  };
  static const char *const first_touch_names[] = {
    "firsttouch", "firsttouchat", "firsttouchdate", "firstsalestouch", "firstsalestouchat",
    "firstcall", "firstcallat", "firstresponse", "firstresponseat", "firstcontactedat",
    "firstsalescontact", "firstfollowup", NULL
  };
  g_autofree char *n = NULL;

  g_return_val_if_fail (header_name != NULL, NULL);

  n = normalise_header (header_name);
  if (name_in (n, id_names))
    return g_strdup ("id");
  if (name_in (n, created_names))
    return g_strdup ("created");
  if (name_in (n, stage_names))
    return g_strdup ("stage");
  if (name_in (n, outcome_names))
    return g_strdup ("outcome");
  if (name_in (n, amount_names))
    return g_strdup ("amount");
  if (name_in (n, source_names))
    return g_strdup ("source");
  if (name_in (n, owner_names))
    return g_strdup ("owner");
  if (name_in (n, first_touch_names))
    return g_strdup ("first-touch");
  return guess_stage_date (n);
}

const char *
tandem_csv_guess_event_role (const char *header_name,
                             guint       position)
{
  static const char *const id_names[] = {
    "id", "leadid", "lead", "prospectid", "contactid", "mqlid", "opportunityid", "personid", "leadkey", NULL
  };
  static const char *const type_names[] = {
    "type", "event", "eventtype", "eventname", "activity", "activitytype", "action", NULL
  };
  static const char *const time_names[] = {
    "timestamp", "ts", "time", "at", "date", "datetime", "occurredat", "eventtime", "eventdate",
    "eventat", "activitydate", "createdat", "created", NULL
  };
  static const char *const value_names[] = {
    "value", "amount", "score", "count", "duration", "seconds", "points", NULL
  };
  g_autofree char *n = normalise_header (header_name);

  if (name_in (n, id_names))
    return "id";
  if (name_in (n, type_names))
    return "type";
  if (name_in (n, time_names))
    return "timestamp";
  if (name_in (n, value_names))
    return "value";
  return NULL;
}

/* ---- Column plans ----------------------------------------------------------- */

static void
column_plan_clear (ColumnPlan *c)
{
  g_free (c->name);
  g_free (c->role);
  g_free (c->sql_name);
}

void
tandem_csv_plan_free (Plan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->columns->len; i++)
    column_plan_clear (&g_array_index (plan->columns, ColumnPlan, i));
  g_array_unref (plan->columns);
  g_free (plan);
}

gboolean
tandem_csv_is_null_token (const TandemCsvOptions *options,
                          const char             *text,
                          gsize                   len)
{
  const char *const *tokens = tandem_csv_options_get_null_tokens (options);

  tandem_csv_trim (&text, &len);
  if (len == 0)
    return TRUE;
  for (guint i = 0; tokens[i]; i++)
    if (strlen (tokens[i]) == len && g_ascii_strncasecmp (text, tokens[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Reads the header into a new plan: names trimmed, blanks named, duplicates
 * refused, options checked against the names.                           */
Plan *
tandem_csv_plan_from_header (CsvReader               *r,
                             const TandemCsvOptions  *options,
                             GError                 **error)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  int rc;

  plan->options = options;
  plan->columns = g_array_new (FALSE, TRUE, sizeof (ColumnPlan));

  rc = tandem_csv_reader_next (r, error);
  if (rc < 0)
    return NULL;
  if (rc == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY, _("“%s” is empty"), r->name);
      return NULL;
    }
  if (r->n_fields > TANDEM_CSV_MAX_COLUMNS)
    {
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
                               _("the header has more than %d columns, more than Tandem reads"),
                               TANDEM_CSV_MAX_COLUMNS);
      return NULL;
    }

  for (guint i = 0; i < r->n_fields; i++)
    {
      ColumnPlan c = { 0, };
      gsize len;
      const char *text = tandem_csv_reader_field (r, i, &len);

      tandem_csv_trim (&text, &len);
      c.name = len > 0 ? g_strndup (text, len) : g_strdup_printf (_("Column %u"), i + 1);
      c.maybe_number = c.maybe_date = c.maybe_boolean = c.maybe_outcome = TRUE;
      g_array_append_val (plan->columns, c);

      if (g_hash_table_contains (seen, c.name))
        {
          tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_HEADER, r, r->record_line,
                                   _("two columns are named “%s”; column names must be unique"), c.name);
          return NULL;
        }
      g_hash_table_add (seen, c.name);
    }

  g_hash_table_iter_init (&iter, options->types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                     _("“%s” has no column named “%s”"), r->name, (const char *) key);
        return NULL;
      }
  g_hash_table_iter_init (&iter, options->roles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                     _("“%s” has no column named “%s”"), r->name, (const char *) key);
        return NULL;
      }

  return g_steal_pointer (&plan);
}

/* Checks a record's field count against the header. */
static gboolean
check_field_count (CsvReader  *r,
                   Plan       *plan,
                   GError    **error)
{
  if (r->n_fields != plan->columns->len)
    {
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_FIELD_COUNT, r, r->record_line,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "the row has %u field but the header has %u columns",
                                            "the row has %u fields but the header has %u columns",
                                            r->n_fields),
                               r->n_fields, plan->columns->len);
      return FALSE;
    }
  return TRUE;
}

void
tandem_csv_observe_field (const Plan *plan,
                          ColumnPlan *c,
                          const char *text,
                          gsize       len)
{
  gboolean b;

  if (tandem_csv_is_null_token (plan->options, text, len))
    {
      c->nulls++;
      return;
    }
  c->values++;
  if (c->maybe_number && !tandem_csv_parse_number_len (text, len, NULL))
    c->maybe_number = FALSE;
  if (c->maybe_date && !tandem_csv_parse_date_len (text, len, NULL))
    c->maybe_date = FALSE;
  if (c->maybe_boolean && !tandem_csv_parse_boolean_len (text, len, &b))
    c->maybe_boolean = FALSE;
  if (c->maybe_outcome && !tandem_csv_parse_outcome_len (text, len, &b))
    c->maybe_outcome = FALSE;
}

void
tandem_csv_observe (Plan      *plan,
                    CsvReader *r)
{
  for (guint i = 0; i < r->n_fields; i++)
    {
      gsize len;
      const char *text = tandem_csv_reader_field (r, i, &len);
      tandem_csv_observe_field (plan, tandem_csv_plan_column (plan, i), text, len);
    }
}

TandemColumnType
tandem_csv_inferred_type (const ColumnPlan *c)
{
  if (c->values == 0)
    return TANDEM_COLUMN_TEXT;
  if (c->maybe_boolean)
    return TANDEM_COLUMN_BOOLEAN;
  if (c->maybe_number)
    return TANDEM_COLUMN_NUMBER;
  if (c->maybe_date)
    return TANDEM_COLUMN_DATE;
  return TANDEM_COLUMN_TEXT;
}

/* Whether the data read so far fits a role a guess proposes. */
static gboolean
data_fits_role (const ColumnPlan *c,
                TandemRoleKind    kind)
{
  switch (kind)
    {
    case TANDEM_ROLE_ID:
      /* An id column with a gap is still the id column: the import then
       * names the row, rather than quietly dropping the ids.            */
      return TRUE;
    case TANDEM_ROLE_CREATED:
    case TANDEM_ROLE_STAGE_DATE:
    case TANDEM_ROLE_FIRST_TOUCH:
      return c->maybe_date;
    case TANDEM_ROLE_OUTCOME:
      return c->maybe_outcome;
    case TANDEM_ROLE_AMOUNT:
      return c->maybe_number;
    case TANDEM_ROLE_ATTRIBUTE:
    case TANDEM_ROLE_STAGE:
    case TANDEM_ROLE_SOURCE:
    case TANDEM_ROLE_OWNER:
    default:
      return TRUE;
    }
}

/* Decides each column's type and role from the options, the header names
 * and the data observed.  Explicit choices win; a guess is dropped when
 * the data does not fit it or an earlier column holds the role already.  */
gboolean
tandem_csv_plan_decide (Plan        *plan,
                        const char  *file_name,
                        GError     **error)
{
  const TandemCsvOptions *options = plan->options;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  /* Explicit roles first, so that they win over guesses. */
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      const char *role = g_hash_table_lookup (options->roles, c->name);
      gpointer type = g_hash_table_lookup (options->types, c->name);

      g_clear_pointer (&c->role, g_free);
      c->role_explicit = role != NULL;
      c->type_explicit = type != NULL;
      c->role_kind = TANDEM_ROLE_ATTRIBUTE;

      if (role != NULL && role[0] != '\0')
        {
          if (g_hash_table_contains (taken, role))
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: two columns are given the role “%s”; a role belongs to one column"),
                           file_name, role);
              return FALSE;
            }
          c->role = g_strdup (role);
          g_hash_table_add (taken, c->role);
        }
    }

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      gpointer type = g_hash_table_lookup (options->types, c->name);

      if (!c->role_explicit)
        {
          g_autofree char *guess = NULL;
          TandemRoleKind kind = TANDEM_ROLE_ATTRIBUTE;

          if (options->kind == TANDEM_IMPORT_EVENTS)
            guess = g_strdup (tandem_csv_guess_event_role (c->name, i));
          else
            guess = tandem_csv_guess_role (c->name);

          if (guess != NULL && options->kind != TANDEM_IMPORT_EVENTS)
            tandem_role_parse (guess, &kind, NULL, NULL);

          if (guess != NULL && !g_hash_table_contains (taken, guess) && data_fits_role (c, kind) &&
              (type == NULL || tandem_role_required_type (kind) < 0 ||
               GPOINTER_TO_INT (type) - 1 == tandem_role_required_type (kind)))
            {
              c->role = g_steal_pointer (&guess);
              g_hash_table_add (taken, c->role);
            }
        }

      if (options->kind == TANDEM_IMPORT_EVENTS)
        {
          /* Events columns have fixed meanings. */
          if (g_strcmp0 (c->role, "timestamp") == 0)
            c->type = TANDEM_COLUMN_DATE;
          else if (g_strcmp0 (c->role, "value") == 0)
            c->type = TANDEM_COLUMN_NUMBER;
          else
            c->type = TANDEM_COLUMN_TEXT;
          continue;
        }

      tandem_role_parse (c->role, &c->role_kind, NULL, NULL);

      if (type != NULL)
        {
          int required = tandem_role_required_type (c->role_kind);

          c->type = GPOINTER_TO_INT (type) - 1;
          if (required >= 0 && (int) c->type != required)
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: column “%s” has the role “%s”, which needs the type %s, "
                             "but it is set to %s"),
                           file_name, c->name, c->role,
                           tandem_column_type_to_string (required),
                           tandem_column_type_to_string (c->type));
              return FALSE;
            }
        }
      else if (tandem_role_required_type (c->role_kind) >= 0)
        c->type = tandem_role_required_type (c->role_kind);
      else
        c->type = tandem_csv_inferred_type (c);
    }

  if (options->kind == TANDEM_IMPORT_EVENTS)
    {
      static const char *const required_roles[] = { "id", "type", "timestamp" };
      for (guint k = 0; k < G_N_ELEMENTS (required_roles); k++)
        if (!g_hash_table_contains (taken, required_roles[k]))
          {
            g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_NO_ID,
                         _("%s: no column is the events’ %s; name one with --map COLUMN=%s"),
                         file_name, required_roles[k], required_roles[k]);
            return FALSE;
          }
    }
  else if (options->kind == TANDEM_IMPORT_MERGE && !g_hash_table_contains (taken, "id"))
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_NO_ID,
                   _("%s: no column holds the lead id, so its rows cannot be matched to leads; "
                     "name it with --map COLUMN=id"),
                   file_name);
      return FALSE;
    }

  return TRUE;
}

gboolean
tandem_csv_read_records (CsvReader           *r,
                         Plan                *plan,
                         guint64              max_rows,
                         TandemCsvRecordFunc  each,
                         gpointer             data,
                         TandemProgressFunc   progress,
                         gpointer             progress_data,
                         double               progress_from,
                         double               progress_to,
                         GCancellable        *cancellable,
                         guint64             *out_rows,
                         GError             **error)
{
  guint64 rows = 0;
  int rc = 0;

  while (rows < max_rows && (rc = tandem_csv_reader_next (r, error)) > 0)
    {
      if (!check_field_count (r, plan, error))
        return FALSE;
      if (each != NULL && !each (r, plan, data, error))
        return FALSE;
      rows++;

      if ((rows & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (progress_from + (progress_to - progress_from) * tandem_csv_reader_fraction (r), progress_data);
        }
    }
  if (rows < max_rows && rc < 0)
    return FALSE;

  if (out_rows)
    *out_rows = rows;
  return TRUE;
}

gboolean
tandem_csv_observe_record (CsvReader *r,
                           Plan      *plan,
                           gpointer   data,
                           GError   **error)
{
  tandem_csv_observe (plan, r);
  return TRUE;
}

/* ---- Preview ------------------------------------------------------------------ */

struct _TandemCsvPreview
{
  char       delimiter;
  Plan      *plan;
  GPtrArray *cells;   /* n_rows × n_columns, NULL for null cells */
  guint      n_rows;
  gboolean   truncated;
};

static gboolean
keep_cells (CsvReader *r,
            Plan      *plan,
            gpointer   data,
            GError   **error)
{
  TandemCsvPreview *preview = data;

  tandem_csv_observe (plan, r);
  for (guint i = 0; i < r->n_fields; i++)
    {
      gsize len;
      const char *text = tandem_csv_reader_field (r, i, &len);
      g_ptr_array_add (preview->cells, tandem_csv_is_null_token (plan->options, text, len) ? NULL : g_strndup (text, len));
    }
  preview->n_rows++;
  return TRUE;
}

TandemCsvPreview *
tandem_csv_preview_new (const char              *path,
                        const TandemCsvOptions  *options,
                        guint                    max_rows,
                        GError                 **error)
{
  g_autoptr(TandemCsvPreview) preview = g_new0 (TandemCsvPreview, 1);
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(TandemCsvOptions) own_options = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = own_options = tandem_csv_options_new ();

  r = tandem_csv_reader_open (path, options->delimiter, error);
  if (r == NULL)
    return NULL;

  preview->delimiter = r->delimiter;
  preview->cells = g_ptr_array_new_with_free_func (g_free);
  preview->plan = tandem_csv_plan_from_header (r, options, error);
  if (preview->plan == NULL)
    return NULL;

  if (!tandem_csv_read_records (r, preview->plan, max_rows, keep_cells, preview, NULL, NULL, 0, 0, NULL, NULL, error))
    return NULL;

  /* Is there more? */
  rc = tandem_csv_reader_next (r, NULL);
  preview->truncated = rc != 0;

  /* Guesses over a sample; the import re-decides over every row. */
  if (!tandem_csv_plan_decide (preview->plan, r->name, error))
    return NULL;

  /* The options are the caller's: the plan must not keep them. */
  preview->plan->options = NULL;

  return g_steal_pointer (&preview);
}

void
tandem_csv_preview_free (TandemCsvPreview *self)
{
  if (self == NULL)
    return;
  tandem_csv_plan_free (self->plan);
  if (self->cells)
    g_ptr_array_unref (self->cells);
  g_free (self);
}

char
tandem_csv_preview_get_delimiter (const TandemCsvPreview *self)
{
  return self->delimiter;
}

guint
tandem_csv_preview_get_n_columns (const TandemCsvPreview *self)
{
  return self->plan->columns->len;
}

const char *
tandem_csv_preview_get_name (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, NULL);
  return tandem_csv_plan_column (self->plan, column)->name;
}

TandemColumnType
tandem_csv_preview_get_type (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, TANDEM_COLUMN_TEXT);
  return tandem_csv_plan_column (self->plan, column)->type;
}

const char *
tandem_csv_preview_get_role (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, NULL);
  return tandem_csv_plan_column (self->plan, column)->role;
}

guint
tandem_csv_preview_get_n_rows (const TandemCsvPreview *self)
{
  return self->n_rows;
}

gboolean
tandem_csv_preview_is_truncated (const TandemCsvPreview *self)
{
  return self->truncated;
}

const char *
tandem_csv_preview_get_cell (const TandemCsvPreview *self,
                             guint                   row,
                             guint                   column)
{
  guint n_columns = self->plan->columns->len;

  g_return_val_if_fail (row < self->n_rows && column < n_columns, NULL);
  return g_ptr_array_index (self->cells, (gsize) row * n_columns + column);
}
