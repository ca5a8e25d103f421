/* tandem-file.h — reading the files people hand over: regular files only,
 * looked at without ever blocking on a named pipe or a device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* For people: "a named pipe", "a directory", "a device"… */
const char *tandem_file_describe_type   (mode_t       mode);

/* Whether @path is a symbolic link to something that does not exist; its
 * target goes to @out_target (may be NULL).                              */
gboolean    tandem_file_is_dangling_link (const char  *path,
                                          char       **out_target);

/* Checks with stat() alone that @path is a regular file (symbolic links
 * followed).  Sets a G_IO_ERROR naming the file: NOT_FOUND (also for a
 * symbolic link to nothing), NOT_REGULAR_FILE ("“f.csv” is not a regular
 * file (a named pipe)") or what stat() said.                             */
gboolean    tandem_file_check_regular    (const char  *path,
                                          GError     **error);

/* Opens a regular file for reading, never blocking: checked as above, then
 * opened non-blocking and checked again on the descriptor, which is
 * returned blocking and close-on-exec; -1 with @error set on failure.   */
int         tandem_file_open_regular     (const char  *path,
                                          GError     **error);

/* g_file_get_contents() for a regular file only, opened as above. */
gboolean    tandem_file_get_contents     (const char  *path,
                                          char       **contents,
                                          gsize       *length,
                                          GError     **error);
/* The same, refusing (G_IO_ERROR_MESSAGE_TOO_LARGE) a file of more than
 * @max_length bytes before reading past them.                          */
gboolean    tandem_file_get_contents_bounded (const char  *path,
                                              gsize        max_length,
                                              char       **contents,
                                              gsize       *length,
                                              GError     **error);

G_END_DECLS
