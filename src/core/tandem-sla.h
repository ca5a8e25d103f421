/* tandem-sla.h — the service-level agreement: terms, and compliance from the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

typedef struct
{
  double  follow_up_hours;  /* sales follows up each MQL within this many working hours */
  int     day_start;        /* working hours, whole hours: 9 … */
  int     day_end;          /* … 17 */
  guint   weekdays;         /* bit 0 Monday … bit 6 Sunday; default Monday to Friday */
  double  accept_days;      /* sales accepts or rejects within this many days */
  double  mql_commitment;   /* MQLs marketing delivers a month; NAN: none */
  double  pipeline_share;   /* marketing's share of pipeline, a fraction; NAN: none */
  GStrv   reason_codes;     /* the agreed reasons for rejecting an MQL; NULL: none agreed */
} TandemSlaTerms;

#define TANDEM_SLA_MAX_REASON_CODES 30

/* The defaults (no reason codes; any held are freed).  Declare terms
 * zeroed: g_auto(TandemSlaTerms) t = { 0, }; they own their codes.    */
void      tandem_sla_terms_init     (TandemSlaTerms       *terms);
/* Frees the codes; the terms are zeroed. */
void      tandem_sla_terms_clear    (TandemSlaTerms       *terms);
/* Every check saving makes: hours, days, shares, codes. */
gboolean  tandem_sla_terms_validate (const TandemSlaTerms *terms,
                                     GError              **error);
/* Replaces the codes (trimmed; NULL or empty: none). */
void      tandem_sla_terms_set_reason_codes (TandemSlaTerms     *terms,
                                             const char *const  *codes);
/* The workspace's terms (settings "sla.terms"), or the defaults. */
gboolean  tandem_sla_terms_load     (TandemStore          *store,
                                     TandemSlaTerms       *terms,
                                     GError              **error);
gboolean  tandem_sla_terms_save     (TandemStore          *store,
                                     const TandemSlaTerms *terms,
                                     GError              **error);
/* Working hours between two moments ("YYYY-MM-DD[ HH:MM:SS]", local
 * clock time as the CRM wrote it); 0 when @to is not after @from. */
double    tandem_sla_working_hours  (const TandemSlaTerms *terms,
                                     const char           *from,
                                     const char           *to);

typedef struct
{
  char   *owner;
  gint64  mqls;
  gint64  within;
  double  median_hours;    /* NAN without a response */
} TandemSlaOwner;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TandemSlaTerms, tandem_sla_terms_clear)

typedef struct
{
  gint64     mqls;            /* MQLs in the period */
  gint64     followed_up;     /* with a sales touch (or SAL) after becoming MQL */
  gint64     within;          /* … within the follow-up time */
  double     share_within;    /* within ÷ mqls; NAN without MQLs */
  double     median_hours;    /* working hours to the first touch; NAN without any */
  double     p90_hours;
  gint64     accepted;        /* reached SAL within accept_days */
  gint64     rejected;        /* disqualified without reaching SAL */
  double     committed;       /* months × commitment; NAN without one */
  GPtrArray *owners;          /* TandemSlaOwner, most MQLs first */
  GPtrArray *reasons;         /* TandemSlaOwner reused: owner = the reason, mqls = how many rejected for it.
                               * With agreed codes: every code (even at 0), then "(not an agreed code)"
                               * and "(no reason given)" when some are; without: the data's texts. */
  gint64     uncoded;         /* rejections whose reason is not an agreed code (0 without codes) */
  GArray    *hours;           /* double: every response time, for the distribution */
} TandemSlaReport;

void             tandem_sla_report_free (TandemSlaReport *report);
/* MQLs that entered in [@from, @to] (NULL: unbounded), dated by the
 * stage history, followed up by the first-touch column or the SAL stage.
 * Rejections are counted by reason when the leads have a text column
 * whose name says reason ("Rejection Reason", "lost_reason"…), matched
 * to the agreed codes ignoring case and surrounding spaces.  Per owner,
 * the median response in working hours. */
TandemSlaReport *tandem_sla_compute     (TandemStore          *store,
                                         const TandemSlaTerms *terms,
                                         const char           *from,
                                         const char           *to,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSlaReport, tandem_sla_report_free)

/* The terms' follow-up time and codes, then the report: counts (integers),
 * shares and hours (doubles, null where undefined), per owner, and the
 * rejections by reason (tandem-sla-json.c). */
JsonNode        *tandem_sla_report_to_json (const TandemSlaReport *report,
                                            const TandemSlaTerms  *terms);

/* The distinct texts of the leads' rejection-reason column, most used
 * first (at most @limit): codes to agree on.  Empty without the column. */
GStrv            tandem_sla_data_reasons (TandemStore          *store,
                                          guint                 limit);

G_END_DECLS
