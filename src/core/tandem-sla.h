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
} TandemSlaTerms;

void      tandem_sla_terms_init     (TandemSlaTerms       *terms);
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
  GPtrArray *reasons;         /* TandemSlaOwner reused: owner = the reason, mqls = how many rejected for it */
  GArray    *hours;           /* double: every response time, for the distribution */
} TandemSlaReport;

void             tandem_sla_report_free (TandemSlaReport *report);
/* MQLs that entered in [@from, @to] (NULL: unbounded), dated by the
 * stage history, followed up by the first-touch column or the SAL stage.
 * Rejections are counted by reason when the leads have a text column
 * whose name says reason ("Rejection Reason", "lost_reason"…). */
TandemSlaReport *tandem_sla_compute     (TandemStore          *store,
                                         const TandemSlaTerms *terms,
                                         const char           *from,
                                         const char           *to,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSlaReport, tandem_sla_report_free)

G_END_DECLS
