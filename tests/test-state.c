/* test-state.c — the shared undo history and draft keeper, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "tandem-draft-keeper.h"
#include "tandem-history.h"

static gpointer
copy_string (gpointer s)
{
  return g_strdup (s);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_history_steps (void)
{
  g_autoptr(TandemHistory) history = tandem_history_new (copy_string, g_free, 0);
  guint notified = 0;
  char *state;

  g_signal_connect (history, "notify::can-undo", G_CALLBACK (count_notify), &notified);
  g_assert_false (tandem_history_get_can_undo (history));
  g_assert_false (tandem_history_get_can_redo (history));
  g_assert_null (tandem_history_undo (history, "a"));

  tandem_history_push (history, "a", NULL);    /* a → b */
  tandem_history_push (history, "b", NULL);    /* b → c */
  g_assert_cmpuint (notified, ==, 1);           /* only when it changes */
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 2);

  state = tandem_history_undo (history, "c");
  g_assert_cmpstr (state, ==, "b");
  g_free (state);
  g_assert_true (tandem_history_get_can_redo (history));
  state = tandem_history_undo (history, "b");
  g_assert_cmpstr (state, ==, "a");
  g_free (state);
  g_assert_false (tandem_history_get_can_undo (history));
  g_assert_cmpuint (notified, ==, 2);

  state = tandem_history_redo (history, "a");
  g_assert_cmpstr (state, ==, "b");
  g_free (state);
  /* A new edit after an undo drops what could be redone */
  tandem_history_push (history, "b", NULL);
  g_assert_false (tandem_history_get_can_redo (history));
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 2);

  tandem_history_clear (history);
  g_assert_false (tandem_history_get_can_undo (history));
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 0);
}

static void
test_history_coalescing (void)
{
  g_autoptr(TandemHistory) history = tandem_history_new (copy_string, g_free, 0);
  char *state;

  /* Typing "abc" in one field, then another field */
  tandem_history_push (history, "", "name");
  tandem_history_push (history, "a", "name");
  tandem_history_push (history, "ab", "name");
  tandem_history_push (history, "abc", "size");
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 2);

  state = tandem_history_undo (history, "abc+");
  g_assert_cmpstr (state, ==, "abc");
  g_free (state);
  state = tandem_history_undo (history, "abc");
  g_assert_cmpstr (state, ==, "");
  g_free (state);

  /* After an undo the same key starts a new step */
  state = tandem_history_redo (history, "");
  g_free (state);
  tandem_history_push (history, "abc", "name");
  tandem_history_push (history, "abcd", "name");
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 2);

  /* break() ends a step however the next is keyed */
  tandem_history_break (history);
  tandem_history_push (history, "abcde", "name");
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 3);
}

static void
test_history_cap (void)
{
  g_autoptr(TandemHistory) history = tandem_history_new (copy_string, g_free, 3);
  char *state;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *s = g_strdup_printf ("%u", i);
      tandem_history_push (history, s, NULL);
    }
  g_assert_cmpuint (tandem_history_get_n_undo (history), ==, 3);
  /* The oldest went: the last three remain, newest first */
  for (guint i = 9; i >= 7; i--)
    {
      g_autofree char *want = g_strdup_printf ("%u", i);
      state = tandem_history_undo (history, "x");
      g_assert_cmpstr (state, ==, want);
      g_free (state);
    }
  g_assert_null (tandem_history_undo (history, "x"));

  /* The default cap */
  {
    g_autoptr(TandemHistory) big = tandem_history_new (copy_string, g_free, 0);

    for (guint i = 0; i < TANDEM_HISTORY_DEFAULT_CAP + 20; i++)
      tandem_history_push (big, "s", NULL);
    g_assert_cmpuint (tandem_history_get_n_undo (big), ==, TANDEM_HISTORY_DEFAULT_CAP);
  }
}

typedef struct
{
  guint     saves;
  gboolean  fail;
  guint     failures;
  gboolean  destroyed;
} Sink;

static gboolean
sink_save (gpointer   data,
           GError   **error)
{
  Sink *sink = data;

  if (sink->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "the workspace is read-only");
      return FALSE;
    }
  sink->saves++;
  return TRUE;
}

static void
sink_destroy (gpointer data)
{
  ((Sink *) data)->destroyed = TRUE;
}

static void
on_failed (TandemDraftKeeper *keeper,
           GError            *error,
           gpointer           data)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  ((Sink *) data)->failures++;
}

static void
test_draft_keeper (void)
{
  Sink sink = { 0 };
  TandemDraftKeeper *keeper = tandem_draft_keeper_new (10, sink_save, &sink, sink_destroy);
  g_autoptr(GError) error = NULL;

  g_signal_connect (keeper, "failed", G_CALLBACK (on_failed), &sink);
  g_assert_false (tandem_draft_keeper_get_pending (keeper));

  /* A burst of edits is one save, once the edits pause */
  for (guint i = 0; i < 5; i++)
    tandem_draft_keeper_queue (keeper);
  g_assert_true (tandem_draft_keeper_get_pending (keeper));
  while (tandem_draft_keeper_get_pending (keeper))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sink.saves, ==, 1);

  /* flush() writes at once; with nothing pending it writes nothing */
  tandem_draft_keeper_queue (keeper);
  g_assert_true (tandem_draft_keeper_flush (keeper, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sink.saves, ==, 2);
  g_assert_true (tandem_draft_keeper_flush (keeper, &error));
  g_assert_cmpuint (sink.saves, ==, 2);

  /* cancel() forgets it: no save comes later */
  tandem_draft_keeper_queue (keeper);
  tandem_draft_keeper_cancel (keeper);
  g_assert_false (tandem_draft_keeper_get_pending (keeper));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sink.saves, ==, 2);

  /* A failed save says why and stays pending: nothing is lost */
  sink.fail = TRUE;
  tandem_draft_keeper_queue (keeper);
  g_assert_false (tandem_draft_keeper_flush (keeper, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (sink.failures, ==, 1);
  g_assert_true (tandem_draft_keeper_get_pending (keeper));
  sink.fail = FALSE;
  g_assert_true (tandem_draft_keeper_flush (keeper, &error));
  g_assert_cmpuint (sink.saves, ==, 3);
  g_assert_cmpuint (tandem_draft_keeper_get_n_saves (keeper), ==, 3);

  /* Disposed with a save pending: cancelled, the owner's data released */
  tandem_draft_keeper_queue (keeper);
  g_object_unref (keeper);
  g_assert_true (sink.destroyed);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (sink.saves, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/state/history/steps", test_history_steps);
  g_test_add_func ("/state/history/coalescing", test_history_coalescing);
  g_test_add_func ("/state/history/cap", test_history_cap);
  g_test_add_func ("/state/draft-keeper", test_draft_keeper);

  return g_test_run ();
}
