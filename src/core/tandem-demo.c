/* tandem-demo.c — a deterministic, realistic B2B demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every lead gets two hidden traits: fit (from who they are — seniority,
 * industry, company size, e-mail domain, country) and engagement (from how
 * they arrived, plus chance).  Engagement drives their activity events,
 * a burst when they arrive and a trickle for as long as they stay
 * engaged; both drive how far they get down the demand waterfall, so the
 * live model's MQL cells (high fit and recent interest) are the cells
 * that convert best.  So the columns
 * and events a scoring model can see really predict conversion, as they do
 * in a real CRM.  The generator has its own PRNG (splitmix64): the same
 * seed, lead count and end date give the same workspace on any machine.
 */

#include "config.h"

#include "tandem-decisions.h"
#include "tandem-demo.h"
#include "tandem-snapshot.h"
#include "tandem-sla.h"
#include "tandem-scenario.h"
#include "tandem-model.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#define DAY  (24 * 3600)
#define HOUR 3600

/* ---- PRNG ----------------------------------------------------------------- */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* [0, 1) */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static guint
rng_below (Rng  *rng,
           guint n)
{
  return (guint) (rng_double (rng) * n);
}

static gboolean
rng_chance (Rng   *rng,
            double p)
{
  return rng_double (rng) < p;
}

static double
rng_normal (Rng *rng)
{
  double u = 1.0 - rng_double (rng);
  double v = rng_double (rng);
  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static double
rng_exponential (Rng   *rng,
                 double mean)
{
  return -mean * log (1.0 - rng_double (rng));
}

static guint
rng_poisson (Rng   *rng,
             double lambda)
{
  /* Knuth for small means, a rounded normal beyond. */
  if (lambda < 30)
    {
      double l = exp (-lambda), p = 1.0;
      guint k = 0;
      do
        {
          k++;
          p *= rng_double (rng);
        }
      while (p > l);
      return k - 1;
    }
  return (guint) MAX (0.0, round (lambda + sqrt (lambda) * rng_normal (rng)));
}

typedef struct
{
  const char *name;
  double      weight;
  double      effect;   /* on fit or engagement */
} Choice;

static const Choice *
rng_pick (Rng          *rng,
          const Choice *choices,
          guint         n)
{
  double total = 0, r;

  for (guint i = 0; i < n; i++)
    total += choices[i].weight;
  r = rng_double (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (r < choices[i].weight)
        return &choices[i];
      r -= choices[i].weight;
    }
  return &choices[n - 1];
}

#define PICK(rng, table) rng_pick ((rng), (table), G_N_ELEMENTS (table))

static double
sigmoid (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

/* ---- The world -------------------------------------------------------------- */

static const Choice seniorities[] = {
  { "C-level", 5, 2.0 }, { "VP", 9, 1.6 }, { "Director", 15, 1.1 }, { "Manager", 26, 0.5 },
  { "Individual Contributor", 35, -0.2 }, { "Student", 10, -1.8 },
};

static const char *const departments[] = { "Marketing", "Sales", "IT", "Engineering", "Operations", "Finance" };

static const Choice industries[] = {
  { "Software", 22, 0.7 }, { "Financial Services", 14, 0.5 }, { "Healthcare", 11, 0.3 },
  { "Manufacturing", 12, 0.2 }, { "Retail", 10, 0.0 }, { "Education", 8, -0.5 },
  { "Government", 6, -0.4 }, { "Media", 7, 0.0 }, { "Telecommunications", 5, 0.2 }, { "Consulting", 5, 0.1 },
};

static const Choice countries[] = {
  { "United States", 38, 0.2 }, { "United Kingdom", 10, 0.2 }, { "Germany", 10, 0.2 }, { "France", 7, 0.0 },
  { "Canada", 6, 0.2 }, { "Netherlands", 4, 0.2 }, { "Australia", 4, 0.1 }, { "India", 7, -0.3 },
  { "Brazil", 5, -0.2 }, { "Japan", 4, 0.0 }, { "Spain", 5, -0.1 },
};

static const Choice sources[] = {
  { "Organic Search", 22, 1.1 }, { "Paid Search", 18, 0.9 }, { "Webinar", 12, 1.5 }, { "Trade Show", 8, 1.2 },
  { "Referral", 7, 1.4 }, { "Content Syndication", 14, 0.6 }, { "Outbound", 12, 0.5 }, { "Partner", 7, 1.1 },
};

static const char *const owners[] = {
  "Dana Reyes", "Sam Okafor", "Priya Natarajan", "Lukas Weber", "Chloé Martin",
  "Marcus Hill", "Aiko Tanaka", "Olivia Brooks", "Mateo Alvarez", "Grace Lindqvist",
};

static const char *const first_names[] = {
  "Ava", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kara", "Liam",
  "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tess", "Umar", "Vera", "Will", "Xena",
  "Yusuf", "Zoe", "Amir", "Beth", "Chen", "Dora", "Emil", "Fatima", "Gus", "Hana", "Ivan", "Julia",
};

static const char *const last_names[] = {
  "Smith", "Garcia", "Müller", "Dubois", "Rossi", "Kowalski", "Tanaka", "Okafor", "Silva", "Nguyen",
  "Johnson", "Berg", "Haddad", "Kim", "Novak", "Patel", "O'Brien", "Jensen", "Costa", "Schmidt",
  "Lopez", "Ivanova", "Chen", "Martin", "Brown", "Khan", "Fischer", "Moreau", "Ali", "Wilson",
};

static const char *const company_first[] = {
  "Blue", "North", "Bright", "Iron", "Silver", "Quantum", "Green", "Summit", "Vertex", "Harbor",
  "Cedar", "Nova", "Atlas", "Pioneer", "Crimson", "Lumen", "Orbit", "Sterling", "Apex", "Willow",
};

static const char *const company_second[] = {
  "Labs", "Systems", "Logistics", "Health", "Capital", "Works", "Media", "Foods", "Analytics",
  "Networks", "Dynamics", "Retail", "Energy", "Partners", "Software", "Learning",
};

static const char *const free_mail[] = { "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me" };

typedef struct
{
  const char *name;
  const char *short_name;
  const char *definition;
  const char *team;
  const char *kind;
  const char *recycle_to;
} StageDef;

static const StageDef classic_stages[] = {
  { "Suspect", "SUS", N_("A person who matches our market but has not yet shown any interest."), "marketing", "open", NULL },
  { "Inquiry", "INQ", N_("A person who raised a hand: filled in a form, registered or asked a question."), "marketing", "open", NULL },
  { "Marketing Qualified Lead", "MQL", N_("An inquiry whose fit and interest scores fall in a sales-ready cell of the matrix."), "marketing", "open", NULL },
  { "Sales Accepted Lead", "SAL", N_("An MQL that sales has reviewed and agreed to work within the agreed time."), "sales", "open", NULL },
  { "Sales Qualified Lead", "SQL", N_("A lead sales has qualified as a real opportunity: need, budget, authority and timing."), "sales", "open", NULL },
  { "Customer", "WON", N_("A lead whose opportunity closed won."), "sales", "won", NULL },
  { "Lost", "LOST", N_("A qualified opportunity that closed lost; recycled to nurture when the timing may change."), "sales", "lost", "Inquiry" },
  { "Disqualified", "DQ", N_("A lead sales rejected as not a fit or not ready; recycled to nurture when it may become one."), "sales", "disqualified", "Inquiry" },
};

/* A sensible live model for the demo's own columns and events: what a
 * marketing-ops team would write on day one.  Fit from who the lead is,
 * interest from recent activity (half-lives, so old clicks fade).       */
static const char demo_model[] =
  "{ \"name\": \"Default B2B\","
  "  \"fit\": { \"floor\": 0, \"cap\": 100, \"bands\": [45, 30, 15], \"rules\": ["
  "    { \"field\": \"Seniority\", \"op\": \"in\", \"value\": [\"C-level\", \"VP\"], \"points\": 30, \"label\": \"Executive\" },"
  "    { \"field\": \"Seniority\", \"op\": \"equals\", \"value\": \"Director\", \"points\": 20, \"label\": \"Director\" },"
  "    { \"field\": \"Seniority\", \"op\": \"equals\", \"value\": \"Manager\", \"points\": 10, \"label\": \"Manager\" },"
  "    { \"field\": \"Seniority\", \"op\": \"equals\", \"value\": \"Student\", \"points\": -25, \"label\": \"Student\" },"
  "    { \"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Software\", \"Financial Services\"], \"points\": 15, \"label\": \"Core industry\" },"
  "    { \"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Healthcare\", \"Manufacturing\", \"Telecommunications\"], \"points\": 8, \"label\": \"Good industry\" },"
  "    { \"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Education\", \"Government\"], \"points\": -10, \"label\": \"Long sales cycle\" },"
  "    { \"field\": \"Company Size\", \"op\": \"between\", \"value\": [50, 5000], \"points\": 15, \"label\": \"Mid-market\" },"
  "    { \"field\": \"Company Size\", \"op\": \">\", \"value\": 5000, \"points\": 10, \"label\": \"Enterprise\" },"
  "    { \"field\": \"Email Domain Type\", \"op\": \"equals\", \"value\": \"free-mail\", \"points\": -15, \"label\": \"Free-mail address\" },"
  "    { \"field\": \"Country\", \"op\": \"in\", \"value\": [\"United States\", \"United Kingdom\", \"Germany\", \"Canada\", \"Netherlands\", \"Australia\"], \"points\": 5, \"label\": \"Core market\" }"
  "  ] },"
  "  \"interest\": { \"floor\": 0, \"cap\": 100, \"bands\": [25, 10, 3], \"rules\": ["
  "    { \"event\": \"demo_request\", \"points\": 35, \"max\": 35, \"half_life_days\": 90, \"label\": \"Demo request\" },"
  "    { \"event\": \"pricing_page\", \"points\": 10, \"max\": 30, \"half_life_days\": 30, \"label\": \"Pricing page\" },"
  "    { \"event\": \"webinar_attended\", \"points\": 10, \"max\": 20, \"half_life_days\": 60, \"label\": \"Webinar\" },"
  "    { \"event\": \"form_fill\", \"points\": 8, \"max\": 16, \"half_life_days\": 60, \"label\": \"Form fill\" },"
  "    { \"event\": \"content_download\", \"points\": 5, \"max\": 15, \"half_life_days\": 45, \"label\": \"Content download\" },"
  "    { \"event\": \"email_click\", \"points\": 2, \"max\": 10, \"half_life_days\": 30, \"label\": \"E-mail click\" },"
  "    { \"event\": \"page_view\", \"points\": 1, \"max\": 15, \"half_life_days\": 30, \"label\": \"Page views\" },"
  "    { \"event\": \"unsubscribe\", \"points\": -30, \"label\": \"Unsubscribed\" }"
  "  ] },"
  "  \"mql\": [\"A1\", \"A2\", \"B1\"] }";

/* ---- Writing ---------------------------------------------------------------- */

typedef struct
{
  TandemStore  *store;
  sqlite3_stmt *lead;
  sqlite3_stmt *event;
  sqlite3_stmt *stage;
  gint64        end;        /* last second of the end day, UTC */
  gint64        rowid;
} Writer;

static void
format_time (gint64  t,
             char    out[20])
{
  time_t tt = (time_t) t;
  struct tm tm;

  gmtime_r (&tt, &tm);
  strftime (out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int
weekday (gint64 t)
{
  /* 1970-01-01 was a Thursday; 0 = Monday */
  return (int) (((t / DAY) + 3) % 7);
}

/* Moves a moment into working hours (Mon–Fri, 9:00–17:00, the service
 * level's default hours), forwards. */
static gint64
working_time (gint64 t)
{
  gint64 day = t - t % DAY;
  gint64 hour = (t % DAY) / HOUR;

  if (hour < 9)
    t = day + 9 * HOUR + (t % HOUR);
  else if (hour >= 17)
    t = day + DAY + 9 * HOUR + (t % HOUR);
  while (weekday (t) >= 5)
    t += DAY;
  return t;
}

/* Runs an insert whose values are bound, and readies it for the next. */
static gboolean
step_insert (Writer        *w,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (w->store, error, _("Could not write the demo workspace"));
      return FALSE;
    }
  return TRUE;
}

/* The current lead, @name (a stage, an event type) and @at as ?1 to ?3 */
static void
bind_dated (Writer        *w,
            sqlite3_stmt  *stmt,
            const char    *name,
            gint64         at)
{
  char text[20];

  format_time (at, text);
  sqlite3_bind_int64 (stmt, 1, w->rowid);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
}

static gboolean
add_stage (Writer      *w,
           const char  *stage,
           gint64       at,
           GError     **error)
{
  bind_dated (w, w->stage, stage, at);
  return step_insert (w, w->stage, error);
}

static gboolean
add_event (Writer      *w,
           const char  *type,
           gint64       at,
           double       value,
           GError     **error)
{
  bind_dated (w, w->event, type, at);
  if (isnan (value))
    sqlite3_bind_null (w->event, 4);
  else
    sqlite3_bind_double (w->event, 4, value);
  return step_insert (w, w->event, error);
}

/* The lead columns, in order, with their types and roles. */
enum {
  COL_ID, COL_FIRST, COL_LAST, COL_EMAIL, COL_COMPANY, COL_TITLE, COL_SENIORITY, COL_INDUSTRY,
  COL_SIZE, COL_REVENUE, COL_COUNTRY, COL_DOMAIN, COL_SOURCE, COL_OWNER, COL_CREATED, COL_VISITS,
  COL_STAGE, COL_FIRST_TOUCH, COL_OUTCOME, COL_AMOUNT, COL_REASON, N_COLS
};

static const struct {
  const char       *name;
  TandemColumnType  type;
  const char       *role;
} demo_columns[N_COLS] = {
  { "Lead ID", TANDEM_COLUMN_TEXT, "id" },
  { "First Name", TANDEM_COLUMN_TEXT, NULL },
  { "Last Name", TANDEM_COLUMN_TEXT, NULL },
  { "Email", TANDEM_COLUMN_TEXT, NULL },
  { "Company", TANDEM_COLUMN_TEXT, NULL },
  { "Job Title", TANDEM_COLUMN_TEXT, NULL },
  { "Seniority", TANDEM_COLUMN_TEXT, NULL },
  { "Industry", TANDEM_COLUMN_TEXT, NULL },
  { "Company Size", TANDEM_COLUMN_NUMBER, NULL },
  { "Annual Revenue", TANDEM_COLUMN_NUMBER, NULL },
  { "Country", TANDEM_COLUMN_TEXT, NULL },
  { "Email Domain Type", TANDEM_COLUMN_TEXT, NULL },
  { "Lead Source", TANDEM_COLUMN_TEXT, "source" },
  { "Owner", TANDEM_COLUMN_TEXT, "owner" },
  { "Created", TANDEM_COLUMN_DATE, "created" },
  { "Web Visits", TANDEM_COLUMN_NUMBER, NULL },
  { "Stage", TANDEM_COLUMN_TEXT, "stage" },
  { "First Touch", TANDEM_COLUMN_DATE, "first-touch" },
  { "Outcome", TANDEM_COLUMN_BOOLEAN, "outcome" },
  { "Amount", TANDEM_COLUMN_NUMBER, "amount" },
  { "Rejection Reason", TANDEM_COLUMN_TEXT, NULL },
};

/* The reasons sales gives when it rejects an MQL: the agreed codes (the
 * demo's service level lists them), and now and then words of its own */
static const char *const demo_reasons[] = {
  "No budget", "Not the decision maker", "Bad contact data", "No real interest", "Competitor's customer",
  "Already a customer", NULL,
};

static char *
job_title (Rng        *rng,
           const char *seniority,
           const char *department)
{
  static const char *const chiefs[] = { "CEO", "CMO", "CTO", "CFO", "COO", "Chief Revenue Officer" };
  static const char *const individual[] = {
    "Software Engineer", "Marketing Specialist", "Sales Representative", "Data Analyst",
    "Accountant", "IT Administrator", "Operations Coordinator", "Content Writer",
  };

  if (g_str_equal (seniority, "C-level"))
    return g_strdup (chiefs[rng_below (rng, G_N_ELEMENTS (chiefs))]);
  if (g_str_equal (seniority, "VP"))
    return g_strdup_printf ("VP of %s", department);
  if (g_str_equal (seniority, "Director"))
    return g_strdup_printf ("Director of %s", department);
  if (g_str_equal (seniority, "Manager"))
    return g_strdup_printf ("%s Manager", department);
  if (g_str_equal (seniority, "Student"))
    return g_strdup ("Student");
  return g_strdup (individual[rng_below (rng, G_N_ELEMENTS (individual))]);
}

static char *
email_local_part (const char *first,
                  const char *last)
{
  g_autofree char *joined = g_strdup_printf ("%s.%s", first, last);
  g_autofree char *ascii = g_str_to_ascii (joined, "C");
  GString *s = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.')
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/* One lead's journey down the waterfall, from @start (the inquiry).
 * Writes its stage history; returns the outcome (1 won, 0 lost, -1 none)
 * and sets the last stage, the MQL moment and the deal amount.          */
typedef struct
{
  const char *last_stage;
  const char *reason;       /* why sales rejected it as an MQL, or NULL */
  gint64      mql_at;       /* 0 if never an MQL */
  int         outcome;
  double      amount;
} Journey;

/* The lead reaches @stage at @at: its history says so, and its journey. */
static gboolean
enter_stage (Writer      *w,
             Journey     *j,
             const char  *stage,
             gint64       at,
             GError     **error)
{
  j->last_stage = stage;
  return add_stage (w, stage, at, error);
}

static gboolean
walk_waterfall (Writer   *w,
                Rng      *rng,
                double    fit,
                double    engagement,
                gboolean  demo_request,
                double    company_size,
                gint64    start,
                Journey  *j,
                GError  **error)
{
  double log_eng = log (engagement);
  gint64 t = start, next;

  for (int cycle = 0; cycle < 3; cycle++)
    {
      if (!enter_stage (w, j, "Inquiry", t, error))
        return FALSE;

      /* MQL: marketing's old rules, which fit and engagement drive */
      if (!rng_chance (rng, sigmoid (-1.3 + 0.75 * fit + 1.2 * log_eng + (demo_request ? 1.6 : 0) - cycle * 0.3)))
        return TRUE;
      next = t + (gint64) ((0.5 + rng_exponential (rng, 12)) * DAY);
      if (next > w->end)
        return TRUE;
      t = next;
      if (!enter_stage (w, j, "Marketing Qualified Lead", t, error))
        return FALSE;
      if (j->mql_at == 0)
        j->mql_at = t;

      /* SAL, or rejected by sales */
      if (!rng_chance (rng, sigmoid (-0.15 + 0.65 * fit + 0.3 * log_eng)))
        {
          next = t + (gint64) ((1 + rng_below (rng, 10)) * DAY + rng_below (rng, DAY));
          if (next > w->end)
            return TRUE;
          t = next;
          if (!enter_stage (w, j, "Disqualified", t, error))
            return FALSE;
          /* Poor fit: money and authority; else contact data, interest,
           * competitors; one in twelve in sales' own words, one in
           * twenty-five with none */
          {
            double r = rng_double (rng);
            if (r < 0.04)
              j->reason = NULL;
            else if (r < 0.12)
              j->reason = "Wrong timing";
            else if (fit < 0.5)
              j->reason = demo_reasons[rng_below (rng, 2)];
            else
              {
                /* contact data 30 %, interest 35 %, a competitor's 25 %, a customer already 10 % */
                double q = rng_double (rng);
                j->reason = demo_reasons[q < 0.30 ? 2 : q < 0.65 ? 3 : q < 0.90 ? 4 : 5];
              }
          }
          goto maybe_recycle;
        }
      next = working_time (t + (gint64) (rng_exponential (rng, 3) * DAY));
      /* A rare CRM wart: the SAL dated hours before the MQL (but after
       * the inquiry, which came at least half a day before the MQL). */
      if (rng_chance (rng, 0.005))
        next = t - DAY / 4;
      if (next > w->end)
        return TRUE;
      t = MAX (next, t - DAY / 4);
      if (!enter_stage (w, j, "Sales Accepted Lead", t, error))
        return FALSE;

      /* SQL */
      if (!rng_chance (rng, sigmoid (-0.45 + 0.55 * fit + 0.7 * log_eng)))
        {
          next = t + (gint64) ((3 + rng_below (rng, 20)) * DAY);
          if (next > w->end)
            return TRUE;
          t = next;
          if (!enter_stage (w, j, "Disqualified", t, error))
            return FALSE;
          goto maybe_recycle;
        }
      next = working_time (t + (gint64) ((1 + rng_exponential (rng, 10)) * DAY));
      if (next > w->end)
        return TRUE;
      t = next;
      if (!enter_stage (w, j, "Sales Qualified Lead", t, error))
        return FALSE;

      /* Close: weeks to months later; still open if that is after the end */
      next = working_time (t + (gint64) ((14 + rng_exponential (rng, 45)) * DAY));
      if (next > w->end)
        return TRUE;
      t = next;
      if (rng_chance (rng, sigmoid (-1.75 + 0.7 * fit + 1.0 * log_eng + (demo_request ? 0.4 : 0))))
        {
          if (!enter_stage (w, j, "Customer", t, error))
            return FALSE;
          j->outcome = 1;
          /* Annual contract value: bigger companies buy bigger deals */
          j->amount = round (8000 * pow (MAX (company_size, 5) / 50.0, 0.35) * exp (0.35 * rng_normal (rng)) / 100) * 100;
          j->amount = CLAMP (j->amount, 5000, 250000);
          return TRUE;
        }
      if (!enter_stage (w, j, "Lost", t, error))
        return FALSE;
      j->outcome = 0;

    maybe_recycle:
      /* Recycled to nurture: an inquiry again, some months later */
      if (!rng_chance (rng, 0.15))
        return TRUE;
      next = t + (gint64) ((30 + rng_below (rng, 120)) * DAY);
      if (next > w->end)
        return TRUE;
      t = working_time (next);
      if (t > w->end)
        return TRUE;
      engagement *= 1.2;
      log_eng = log (engagement);
    }
  return TRUE;
}

static gboolean
generate_lead (Writer      *w,
               Rng         *rng,
               guint        index,
               gint64       start,
               GError     **error)
{
  const Choice *seniority = PICK (rng, seniorities);
  const Choice *industry = PICK (rng, industries);
  const Choice *country = PICK (rng, countries);
  const Choice *source = PICK (rng, sources);
  const char *department = departments[rng_below (rng, G_N_ELEMENTS (departments))];
  const char *first = first_names[rng_below (rng, G_N_ELEMENTS (first_names))];
  const char *last = last_names[rng_below (rng, G_N_ELEMENTS (last_names))];
  const char *owner = owners[rng_below (rng, G_N_ELEMENTS (owners))];
  g_autofree char *company = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *local = NULL;
  g_autofree char *email = NULL;
  g_autofree char *title = NULL;
  g_autofree char *key = g_strdup_printf ("L-%06u", index + 1);
  double free_mail_p, size, revenue, fit, engagement, span = (double) (w->end - start);
  gboolean is_free_mail, demo_request;
  gint64 created, first_touch = 0;
  guint n_events, visits = 0;
  Journey journey = { NULL, NULL, 0, -1, 0 };
  char created_text[20], touch_text[20];

  company = g_strdup_printf ("%s %s", company_first[rng_below (rng, G_N_ELEMENTS (company_first))],
                             company_second[rng_below (rng, G_N_ELEMENTS (company_second))]);
  title = job_title (rng, seniority->name, department);

  free_mail_p = g_str_equal (seniority->name, "Student") ? 0.6 :
                g_str_equal (seniority->name, "Individual Contributor") ? 0.25 : 0.08;
  is_free_mail = rng_chance (rng, free_mail_p);
  local = email_local_part (first, last);
  if (is_free_mail)
    domain = g_strdup (free_mail[rng_below (rng, G_N_ELEMENTS (free_mail))]);
  else
    {
      g_autofree char *lower = g_ascii_strdown (company, -1);
      g_strdelimit (lower, " ", '-');
      domain = g_strdup_printf ("%s.com", lower);
    }
  email = g_strdup_printf ("%s@%s", local, domain);

  size = round (CLAMP (exp (4.3 + 1.6 * rng_normal (rng)), 1, 120000));
  revenue = round (size * 180000 * exp (0.5 * rng_normal (rng)) / 1000) * 1000;

  /* The hidden traits */
  fit = seniority->effect + industry->effect + country->effect
        + 0.45 * CLAMP (log10 (size) - 2.0, -2, 2)
        + (is_free_mail ? -0.9 : 0.0) + 0.5 * rng_normal (rng);
  engagement = source->effect * exp (0.8 * rng_normal (rng));

  /* Arrivals grow over the 18 months, fewer at weekends, in office hours */
  created = start + (gint64) (span * pow (rng_double (rng), 0.8));
  if (weekday (created) >= 5 && rng_chance (rng, 0.7))
    created -= (weekday (created) - 4) * DAY;
  created = created - created % DAY + (gint64) ((8 + CLAMP (4.5 + 2.5 * rng_normal (rng), 0, 14)) * HOUR)
            + rng_below (rng, HOUR);
  created = MIN (created, w->end - HOUR);

  w->rowid = index + 1;

  /* Some were known before they raised a hand */
  if (rng_chance (rng, 0.2))
    {
      gint64 suspect = created - (gint64) ((5 + rng_below (rng, 60)) * DAY);
      if (!add_stage (w, "Suspect", suspect, error))
        return FALSE;
    }

  /* Activity: engaged leads do more, soon after they arrive */
  demo_request = rng_chance (rng, sigmoid (-2.6 + 1.3 * log (engagement) + 0.35 * fit));
  n_events = rng_poisson (rng, 3 + 13 * engagement);
  for (guint e = 0; e < n_events; e++)
    {
      gint64 at = created + (gint64) (rng_exponential (rng, 25) * DAY) + rng_below (rng, DAY);
      double r = rng_double (rng);
      const char *type;
      double value = NAN;

      if (at > w->end)
        continue;
      if (r < 0.52)
        {
          type = "page_view";
          value = 10 + rng_below (rng, 290);
          visits++;
        }
      else if (r < 0.68)
        type = "email_click";
      else if (r < 0.79)
        type = "content_download";
      else if (r < 0.79 + 0.07 * MIN (engagement, 2.0))
        type = "pricing_page";
      else if (r < 0.95)
        type = "webinar_attended";
      else
        type = "form_fill";
      if (!add_event (w, type, at, value, error))
        return FALSE;
    }
  /* And engaged leads stay engaged: a steady trickle of visits, clicks,
   * downloads and webinars for as long as the demo runs, at a rate that
   * grows with engagement.  So the interest a model scores today (its
   * recent activity, half-lives fading the old) tells how engaged a lead
   * is at any age, not only in its first weeks, and engagement is what
   * drives the outcome below.                                           */
  {
    double mean_gap = 30.0 / (1.2 * MIN (engagement, 4.0));

    for (gint64 at = created + 30 * DAY + (gint64) (rng_exponential (rng, mean_gap) * DAY);
         at <= w->end;
         at += (gint64) (rng_exponential (rng, mean_gap) * DAY) + 1)
      {
        double r = rng_double (rng);
        const char *type = r < 0.45 ? "page_view" : r < 0.70 ? "email_click" : r < 0.82 ? "content_download"
                           : r < 0.92 ? "webinar_attended" : r < 0.97 ? "pricing_page" : "form_fill";
        double value = NAN;
        gint64 when = at + (gint64) rng_below (rng, DAY / 2);

        if (r < 0.45)
          {
            value = 10 + rng_below (rng, 290);
            visits++;
          }
        if (!add_event (w, type, MIN (when, w->end), value, error))
          return FALSE;
      }
  }
  if (demo_request)
    {
      gint64 at = working_time (created + (gint64) (rng_exponential (rng, 10) * DAY));
      if (at <= w->end && !add_event (w, "demo_request", at, NAN, error))
        return FALSE;
    }
  if (rng_chance (rng, CLAMP (0.08 / engagement, 0.01, 0.3)))
    {
      gint64 at = created + (gint64) ((10 + rng_exponential (rng, 60)) * DAY);
      if (at <= w->end && !add_event (w, "unsubscribe", at, NAN, error))
        return FALSE;
    }

  if (!walk_waterfall (w, rng, fit, engagement, demo_request, size, created, &journey, error))
    return FALSE;

  /* Sales' first touch after the MQL: usually hours, sometimes days */
  if (journey.mql_at != 0)
    {
      first_touch = working_time (journey.mql_at + (gint64) (exp (log (3.0) + 1.1 * rng_normal (rng)) * HOUR));
      if (first_touch > w->end)
        first_touch = 0;
    }

  format_time (created, created_text);
  if (first_touch)
    format_time (first_touch, touch_text);

  sqlite3_bind_text (w->lead, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (w->lead, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 3, last, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 4, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (w->lead, 5, company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (w->lead, 6, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (w->lead, 7, seniority->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 8, industry->name, -1, SQLITE_STATIC);
  sqlite3_bind_double (w->lead, 9, size);
  sqlite3_bind_double (w->lead, 10, revenue);
  sqlite3_bind_text (w->lead, 11, country->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 12, is_free_mail ? "free-mail" : "business", -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 13, source->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 14, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->lead, 15, created_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (w->lead, 16, visits);
  sqlite3_bind_text (w->lead, 17, journey.last_stage, -1, SQLITE_STATIC);
  if (first_touch)
    sqlite3_bind_text (w->lead, 18, touch_text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (w->lead, 18);
  if (journey.outcome >= 0)
    sqlite3_bind_int (w->lead, 19, journey.outcome);
  else
    sqlite3_bind_null (w->lead, 19);
  if (journey.outcome == 1)
    sqlite3_bind_double (w->lead, 20, journey.amount);
  else
    sqlite3_bind_null (w->lead, 20);
  if (journey.reason != NULL)
    sqlite3_bind_text (w->lead, COL_REASON + 1, journey.reason, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (w->lead, COL_REASON + 1);
  sqlite3_bind_int64 (w->lead, N_COLS + 1, w->rowid);
  return step_insert (w, w->lead, error);
}

static gboolean
write_taxonomy (TandemStore  *store,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store,
                                                       "INSERT INTO stages (position, name, short_name, definition, team, kind, recycle_to) "
                                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                                       error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (classic_stages); i++)
    {
      const StageDef *s = &classic_stages[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_text (stmt, 2, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, s->short_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, s->definition, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, s->team, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, s->kind, -1, SQLITE_STATIC);
      if (s->recycle_to)
        sqlite3_bind_text (stmt, 7, s->recycle_to, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 7);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          tandem_store_set_error (store, error, _("Could not write the demo workspace"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Dates every row that @sql updates at the demo's last day, @end_text. */
static gboolean
stamp_all (TandemStore  *store,
           const char   *sql,
           const char   *end_text,
           const char   *failure,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stamp = tandem_store_prepare (store, sql, error);

  if (stamp == NULL)
    return FALSE;
  sqlite3_bind_text (stamp, 1, end_text, -1, SQLITE_STATIC);
  if (sqlite3_step (stamp) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, failure);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_model (TandemStore  *store,
             const char   *end_text,
             GError      **error)
{
  g_autoptr(TandemModel) model = tandem_model_new_from_json (demo_model, -1, error);

  if (model == NULL || !tandem_model_insert (model, store, TRUE, error) ||
      !tandem_decision_insert (store, NULL, model, _("The demo's starting model"), error))
    return FALSE;

  /* Dated by the demo's own end date, not the clock: the same seed must
   * give the same workspace, whenever it is generated. */
  /* And a sample Targets scenario: a quarter's revenue goal, with rates
   * close to what the demo's own waterfall shows */
  {
    static const char scenario[] =
      "{\"stages\": [\"Inquiry\", \"MQL\", \"SAL\", \"SQL\", \"Won\"],"
      " \"rates\": [0.34, 0.65, 0.59, 0.37], \"mode\": \"revenue\", \"revenue\": 9000000, \"deal_size\": 40000,"
      " \"rounding\": \"ceil\", \"period\": \"quarter\", \"marketing_share\": 0.6,"
      " \"lag_days\": [9, 3, 8, 43]}";
    g_autoptr(TandemPlanInput) input = tandem_plan_input_new_from_json (scenario, -1, error);
    g_auto(TandemSlaTerms) terms = { 0, };

    if (input == NULL || !tandem_scenario_save (store, _("Quarterly plan"), input, error))
      return FALSE;
    /* The service level: the default terms, and the reasons sales agreed to give */
    tandem_sla_terms_init (&terms);
    tandem_sla_terms_set_reason_codes (&terms, demo_reasons);
    if (!tandem_sla_terms_save (store, &terms, error))
      return FALSE;
    if (!stamp_all (store, "UPDATE scenarios SET created_at = ?1, modified_at = ?1", end_text,
                    _("Could not write the demo's scenario"), error))
      return FALSE;
  }

  return stamp_all (store, "UPDATE decisions SET at = ?1", end_text, _("Could not write the demo workspace"), error) &&
         stamp_all (store, "UPDATE models SET created_at = ?1, modified_at = ?1", end_text,
                    _("Could not write the demo workspace"), error);
}

static gboolean
generate (TandemStore   *store,
          guint          n_leads,
          guint64        seed,
          const GDate   *end,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GString) update = g_string_new ("INSERT INTO leads (key");
  g_autoptr(GString) values = g_string_new (") VALUES (?1");
  g_autofree char *end_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *leads_text = NULL;
  Writer w = { store, NULL, NULL, NULL, 0, 0 };
  Rng rng = { seed };
  GDate epoch;
  gint64 start;
  gboolean ok = FALSE;

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  w.end = (gint64) (g_date_get_julian (end) - g_date_get_julian (&epoch)) * DAY + DAY - 1;
  start = w.end + 1 - 548 * (gint64) DAY;

  for (guint c = 0; c < N_COLS; c++)
    {
      g_autoptr(TandemColumn) column = tandem_store_add_column (store, demo_columns[c].name, demo_columns[c].type,
                                                                demo_columns[c].role, error);
      if (column == NULL)
        return FALSE;
      if (c == COL_ID)
        continue;
      g_string_append_printf (update, ", %s", column->sql_name);
      g_string_append_printf (values, ", ?%u", c + 1);
    }
  g_string_append_printf (update, ", id%s, ?%u)", values->str, N_COLS + 1);

  w.lead = tandem_store_prepare (store, update->str, error);
  w.event = tandem_store_prepare (store, "INSERT INTO events (lead, type, at, value) VALUES (?1, ?2, ?3, ?4)", error);
  w.stage = tandem_store_prepare (store, "INSERT INTO stage_history (lead, stage, entered_at) VALUES (?1, ?2, ?3)", error);
  if (w.lead == NULL || w.event == NULL || w.stage == NULL)
    goto out;

  /* Leads first: stage history and events refer to them.  Their rows are
   * written at the end of each lead; foreign keys are checked at commit. */
  if (!tandem_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    goto out;

  for (guint i = 0; i < n_leads; i++)
    {
      if ((i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!generate_lead (&w, &rng, i, start, error))
        goto out;
    }

  end_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (end), g_date_get_month (end), g_date_get_day (end));
  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  leads_text = g_strdup_printf ("%u", n_leads);
  ok = write_taxonomy (store, error) &&
       write_model (store, end_text, error) &&
       tandem_store_refresh_null_counts (store, error) &&
       tandem_store_record_import (store, "demo", "demo", n_leads, error) &&
       tandem_store_set_setting (store, "demo.seed", seed_text, error) &&
       tandem_store_set_setting (store, "demo.end", end_text, error) &&
       tandem_store_set_setting (store, "demo.leads", leads_text, error);

out:
  g_clear_pointer (&w.lead, sqlite3_finalize);
  g_clear_pointer (&w.event, sqlite3_finalize);
  g_clear_pointer (&w.stage, sqlite3_finalize);
  return ok;
}

gboolean
tandem_demo_generate (TandemStore   *store,
                      guint          n_leads,
                      guint64        seed,
                      GDate         *end,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  GDate today;
  gboolean bulk, ok = TRUE;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_leads > 0, FALSE);
  g_return_val_if_fail (end == NULL || g_date_valid (end), FALSE);

  columns = tandem_store_list_columns (store);
  if (tandem_store_count_leads (store) > 0 || columns->len > 0)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                           _("The demo can only be written into an empty workspace"));
      return FALSE;
    }

  if (end == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      end = &today;
    }

  /* Into an empty workspace: the rollback journal, as for new leads (each
   * page written once, not to the WAL and then again) */
  bulk = tandem_store_try_bulk_mode (store, TRUE);
  if (!tandem_store_begin (store, error))
    ok = FALSE;
  else if (!generate (store, n_leads, seed, end, cancellable, error) || !tandem_snapshot_rebuild (store, error) ||
           !tandem_store_commit (store, error))
    {
      tandem_store_rollback (store);
      ok = FALSE;
    }
  if (bulk)
    tandem_store_try_bulk_mode (store, FALSE);
  return ok;
}
