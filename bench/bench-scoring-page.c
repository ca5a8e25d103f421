/* bench-scoring-page.c — the Scoring page on a big workspace, frame by frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a dbus-run-session -- build/bench/bench-scoring-page WORKSPACE [MODEL.json]
 *
 * Opens the real window on WORKSPACE (storing MODEL.json as its live
 * model first, when it has none), then drives the real matrix widget:
 *   - a threshold handle dragged for 240 frames, one step per frame-clock
 *     tick, as a pointer would: the frame rate and each frame's work
 *     (from the tick to the end of its paint);
 *   - a rule's points changed 20 times: the time from the change to the
 *     end of the first paint that shows the new counts.
 * Timings come from the frame clock's own signals, not from sleeps.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "tandem-resources.h"
#include "tandem-window.h"

#define DRAG_FRAMES   240
#define POINT_CHANGES 20

typedef enum { IDLE, DRAGGING, POINTS, DONE } Phase;

typedef struct
{
  TandemWindow      *window;
  TandemScoringPage *page;
  TandemMatrixView  *view;
  GdkFrameClock     *clock;
  Phase              phase;
  guint              step;
  gint64             tick_started;
  gint64             third_frame;  /* the end of frame 2: steady state from there */
  gint64             first_tick, last_tick;
  GArray            *work;       /* ms per dragged frame */
  GArray            *latency;    /* ms per points change */
  gint64             changed_at;
  double             threshold_lo, threshold_hi;
  double             points;
} Bench;

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare);
  return g_array_index (values, double, MIN ((guint) (values->len * p), values->len - 1));
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *b = data;

  if (b->phase == DRAGGING)
    {
      /* A pointer sweeping the handle back and forth across its band */
      double t = (double) b->step / 60.0;
      double score = b->threshold_lo + (b->threshold_hi - b->threshold_lo) * (0.5 + 0.5 * sin (t * 2 * G_PI / 2));
      b->tick_started = g_get_monotonic_time ();
      if (b->step == 0)
        b->first_tick = b->tick_started;
      tandem_matrix_view_drag_handle (b->view, TANDEM_MATRIX_AXIS_INTEREST, 1, score, FALSE);
      return G_SOURCE_CONTINUE;
    }
  if (b->phase == POINTS && b->changed_at == 0)
    {
      b->points = b->points == 40 ? 5 : 40;
      b->changed_at = g_get_monotonic_time ();
      tandem_scoring_page_set_points (b->page, TANDEM_DIMENSION_FIT, 0, b->points);
      gtk_widget_queue_draw (GTK_WIDGET (b->view));
    }
  return b->phase == DONE ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->phase == DRAGGING && b->tick_started != 0)
    {
      double ms = (now - b->tick_started) / 1000.0;
      if (ms > 30 && g_getenv ("BENCH_VERBOSE"))
        printf ("slow frame %u: %.1f ms\n", b->step, ms);
      g_array_append_val (b->work, ms);
      b->last_tick = now;
      b->tick_started = 0;
      if (b->step == 2)
        b->third_frame = now;
      if (++b->step == DRAG_FRAMES)
        {
          tandem_matrix_view_drag_handle (b->view, TANDEM_MATRIX_AXIS_INTEREST, 1, b->threshold_hi, TRUE);
          b->phase = POINTS;
          b->step = 0;
        }
    }
  else if (b->phase == POINTS && b->changed_at != 0)
    {
      double ms = (now - b->changed_at) / 1000.0;
      g_array_append_val (b->latency, ms);
      b->changed_at = 0;
      if (++b->step == POINT_CHANGES)
        b->phase = DONE;
    }
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
page_ready (TandemScoringPage *page)
{
  return !tandem_scoring_page_is_busy (page) && tandem_scoring_page_get_summary (page) != NULL;
}

int
main (int    argc,
      char **argv)
{
  Bench b = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) live = NULL;
  const TandemDimensionSpec *interest;
  gint64 start, deadline;
  double opened, checked;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-scoring-page WORKSPACE [MODEL.json]\n"
                       "  (make one: build/bench/bench-score --dir DIR --keep --no-sql --no-pandas)\n");
      return 2;
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_DATA_DIR, TRUE);

  /* The workspace needs a live model to score */
  store = tandem_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  live = tandem_model_load (store, NULL, NULL);
  if (live == NULL)
    {
      g_autoptr(TandemModel) model = NULL;
      if (argc < 3)
        g_error ("%s has no live model: give a MODEL.json to store", argv[1]);
      model = tandem_model_new_from_file (argv[2], &error);
      if (model == NULL || !tandem_model_save (model, store, TRUE, &error))
        g_error ("%s", error->message);
    }
  /* Start from the live model, not a draft left by an earlier run */
  {
    g_autoptr(TandemModel) now_live = tandem_model_load (store, NULL, NULL);
    g_autofree char *draft = g_strconcat (tandem_model_get_name (now_live), " (draft)", NULL);
    tandem_model_delete (store, draft, NULL);
  }
  g_clear_object (&store);

  /* Warm: the file's pages in the page cache, and its page check (PRAGMA
   * quick_check, once per version of the file) on record, as when a
   * workspace is opened again.  The check is timed on its own. */
  {
    gint64 check_start = g_get_monotonic_time ();

    store = tandem_store_open (argv[1], &error);
    if (store == NULL)
      g_error ("%s", error->message);
    g_clear_object (&store);
    checked = (g_get_monotonic_time () - check_start) / 1e6;
  }

  gtk_init ();
  adw_init ();
  g_resources_register (tandem_get_resource ());
  b.work = g_array_new (FALSE, FALSE, sizeof (double));
  b.latency = g_array_new (FALSE, FALSE, sizeof (double));

  b.window = tandem_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (b.window));
  b.page = tandem_window_get_scoring_page (b.window);
  b.view = tandem_scoring_page_get_matrix (b.page);

  start = g_get_monotonic_time ();
  tandem_window_open_path (b.window, argv[1]);
  deadline = start + 600 * G_USEC_PER_SEC;
  while (tandem_window_get_store (b.window) == NULL || !page_ready (b.page))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the page did not score within 10 minutes");
    }
  /* …and the matrix painted with its counts: the end of the next frame */
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
    gboolean painted = FALSE;
    gulong handler;

    g_assert (clock != NULL);
    handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);
    gtk_widget_queue_draw (GTK_WIDGET (b.view));
    while (!painted)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (clock, handler);
  }
  opened = (g_get_monotonic_time () - start) / 1e6;
  /* Let the first frames settle */
  for (int k = 0; k < 50; k++)
    g_main_context_iteration (NULL, FALSE);

  interest = tandem_model_get_dimension (tandem_scoring_page_get_model (b.page), TANDEM_DIMENSION_INTEREST);
  if (interest->n_thresholds < 3)
    g_error ("the benchmark drags the second interest threshold: the model needs three");
  b.threshold_lo = interest->thresholds[2] + 0.5;
  b.threshold_hi = interest->thresholds[0] - 0.5;

  /* The page is on screen now; its frame clock is the window's */
  while (!gtk_widget_get_mapped (GTK_WIDGET (b.view)))
    g_main_context_iteration (NULL, TRUE);
  b.clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
  g_assert (b.clock != NULL);
  g_signal_connect (b.clock, "after-paint", G_CALLBACK (on_after_paint), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.view), on_tick, &b, NULL);
  b.phase = DRAGGING;
  while (b.phase != DONE)
    g_main_context_iteration (NULL, TRUE);

  {
    double seconds = (b.last_tick - b.first_tick) / 1e6;
    double fps = (DRAG_FRAMES - 1) / seconds;
    guint leads = tandem_matrix_view_get_data (b.view)->total;

    printf ("%'u leads; window 1280×800; renderer %s\n", leads, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
    printf ("opened warm, scored and the matrix painted (workspace read on 2 connections, live model too): %.2f s\n",
            opened);
    printf ("  (before it, the file's page check, once for this version of the file: %.2f s)\n", checked);
    printf ("threshold drag, %d frames: %.1f frames per second (target ≥ 60); from the third frame on %.1f\n", DRAG_FRAMES, fps,
            (DRAG_FRAMES - 3) / ((b.last_tick - b.third_frame) / 1e6));
    printf ("  (the first frame of the first edit also turns the live model into a draft: the title and Publish restyle)\n");
    printf ("  work per frame (tick → end of paint): median %.2f ms, 95th %.2f ms, worst %.2f ms (a 60 Hz frame has 16.7 ms)\n",
            percentile (b.work, 0.5), percentile (b.work, 0.95), percentile (b.work, 1.0));
    printf ("points changed → new counts painted, %d changes: median %.1f ms, worst %.1f ms (target ≤ 50 ms)\n",
            POINT_CHANGES, percentile (b.latency, 0.5), percentile (b.latency, 1.0));
  }
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.work);
  g_array_unref (b.latency);
  return 0;
}
