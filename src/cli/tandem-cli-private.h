/* tandem-cli-private.h — what tandem-cli's command groups share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers live in tandem-cli.c, each command in the file of its
 * group (tandem-cli-workspace.c, -scoring.c, -funnel.c, -plan.c, -sla.c,
 * -charts.c).  A command takes its own name as argv[0] and returns the
 * exit status.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "tandem-json.h"
#include "tandem-scorer.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

typedef int (*CommandFunc) (int argc, char **argv);

/* ---- Messages ----------------------------------------------------------- */

/* "tandem-cli: MESSAGE" on one line of stderr; returns EXIT_FAILURE. */
int       fail                (const char      *message);
int       fail_error          (GError          *error);
/* The mistake and a pointer to --help; returns EXIT_USAGE. */
int       usage_error         (GOptionContext  *context,
                               const char      *message);
/* Parses a command's options (argv[0] is the command); on a mistake
 * *@exit_code is set and FALSE returned. */
gboolean  parse_options       (GOptionContext  *context,
                               int             *argc,
                               char          ***argv,
                               int             *exit_code);
/* --json, "Print JSON", into @json. */
void      add_json_entry      (GOptionContext  *context,
                               gboolean        *json);
/* A document from the core's *_to_json(), pretty, on stdout. */
void      print_json          (JsonNode        *root);
/* "12.5 %", or "—" for NaN */
char     *percent             (double           value);

/* ---- Scoring options: --model, --rules, --as-of -------------------------- */

typedef struct
{
  char *model;
  char *rules;
  char *as_of;
} ScoringOptions;

void          add_scoring_entries   (GOptionContext  *context,
                                     ScoringOptions  *o);
void          scoring_options_clear (ScoringOptions  *o);
/* --model NAME, --rules FILE, or the live model. */
TandemModel  *choose_model          (TandemStore     *store,
                                     const char      *model_name,
                                     const char      *rules_path,
                                     GError         **error);
/* A date, YYYY-MM-DD, into @out; NULL @text leaves it. */
gboolean      parse_as_of           (const char      *text,
                                     GDate           *out,
                                     GError         **error);
/* Opens the workspace and scores it; on failure prints why and sets *code. */
TandemScorer *open_and_score        (const char      *path,
                                     ScoringOptions  *o,
                                     TandemStore    **out_store,
                                     int             *code);

/* ---- The commands ------------------------------------------------------- */

/* tandem-cli-workspace.c */
int command_demo      (int argc, char **argv);
int command_import    (int argc, char **argv);
int command_info      (int argc, char **argv);
int command_currency  (int argc, char **argv);
/* tandem-cli-scoring.c */
int command_rules     (int argc, char **argv);
int command_score     (int argc, char **argv);
int command_explain   (int argc, char **argv);
int command_matrix    (int argc, char **argv);
int command_insights  (int argc, char **argv);
int command_diff      (int argc, char **argv);
int command_sql       (int argc, char **argv);
/* tandem-cli-funnel.c */
int command_taxonomy  (int argc, char **argv);
int command_waterfall (int argc, char **argv);
/* tandem-cli-plan.c */
int command_plan      (int argc, char **argv);
/* tandem-cli-suggest.c */
int command_suggest   (int argc, char **argv);
/* tandem-cli-sla.c */
int command_sla       (int argc, char **argv);
#ifdef TANDEM_HAVE_CHARTS
/* tandem-cli-charts.c */
int command_chart     (int argc, char **argv);
int command_agreement (int argc, char **argv);
#endif

G_END_DECLS
