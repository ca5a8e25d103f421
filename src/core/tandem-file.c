/* tandem-file.c — reading the files people hand over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CSV file, a model or a workspace may come from anyone.  Opening a named
 * pipe blocks until someone writes to it, and opening a device can do
 * anything; so a file is looked at with stat() first, opened with
 * O_NONBLOCK and checked again on the descriptor (the path may have been
 * swapped in between).
 */

#include "config.h"

#include "tandem-file.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

const char *
tandem_file_describe_type (mode_t mode)
{
  /* Translators: these complete "“f.csv” is not a regular file (%s)" */
  if (S_ISFIFO (mode))
    return _("a named pipe");
  if (S_ISDIR (mode))
    return _("a directory");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISLNK (mode))
    return _("a symbolic link");
  if (S_ISREG (mode))
    return _("a regular file");
  return _("an unknown kind of file");
}

gboolean
tandem_file_is_dangling_link (const char  *path,
                              char       **out_target)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return FALSE;
  if (g_stat (path, &st) == 0 || errno != ENOENT)
    return FALSE;
  if (out_target != NULL)
    *out_target = g_file_read_link (path, NULL);
  return TRUE;
}

static void
set_stat_error (const char  *path,
                int          saved_errno,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *target = NULL;

  if (saved_errno == ENOENT && tandem_file_is_dangling_link (path, &target))
    {
      g_autofree char *target_name = target ? g_filename_display_name (target) : g_strdup ("?");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is a symbolic link to “%s”, which does not exist"), name, target_name);
      return;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
}

static gboolean
check_mode (const char  *path,
            mode_t       mode,
            GError     **error)
{
  g_autofree char *name = NULL;

  if (S_ISREG (mode))
    return TRUE;
  name = g_filename_display_basename (path);
  /* Translators: the second %s is "a named pipe", "a directory"… */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
               _("“%s” is not a regular file (%s)"), name, tandem_file_describe_type (mode));
  return FALSE;
}

gboolean
tandem_file_check_regular (const char  *path,
                           GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      set_stat_error (path, errno, error);
      return FALSE;
    }
  return check_mode (path, st.st_mode, error);
}

int
tandem_file_open_regular (const char  *path,
                          GError     **error)
{
  struct stat st;
  int fd, flags;

  g_return_val_if_fail (path != NULL, -1);

  if (!tandem_file_check_regular (path, error))
    return -1;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_stat_error (path, errno, error);
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      set_stat_error (path, saved, error);
      return -1;
    }
  if (!check_mode (path, st.st_mode, error))
    {
      close (fd);
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

gboolean
tandem_file_get_contents (const char  *path,
                          char       **contents,
                          gsize       *length,
                          GError     **error)
{
  return tandem_file_get_contents_bounded (path, G_MAXSIZE, contents, length, error);
}

gboolean
tandem_file_get_contents_bounded (const char  *path,
                                  gsize        max_length,
                                  char       **contents,
                                  gsize       *length,
                                  GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (contents != NULL, FALSE);

  fd = tandem_file_open_regular (path, error);
  if (fd < 0)
    return FALSE;

  bytes = g_byte_array_sized_new (fstat (fd, &st) == 0 && st.st_size > 0 && (gsize) st.st_size < MIN (max_length, G_MAXINT32)
                                  ? (guint) st.st_size + 1 : 4096);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_basename (path);
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if ((gsize) n > max_length - bytes->len)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *limit = g_format_size (max_length);
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("“%s” is larger than %s, more than Tandem reads from such a file"), name, limit);
          return FALSE;
        }
      g_byte_array_append (bytes, chunk, (guint) n);
    }
  close (fd);

  if (length != NULL)
    *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}
