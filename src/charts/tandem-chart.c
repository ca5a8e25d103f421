/* tandem-chart.c — what every Tandem chart shares: colours, text, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-chart.h"
#include "tandem-format.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <stdio.h>
#include <unistd.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

void
tandem_chart_style_init (TandemChartStyle *style,
                         TandemChartTheme  theme)
{
  static const TandemChartStyle light = {
    RGB (0xffffff), RGB (0x241f31), RGB (0x5e5c64), RGB (0xc0bfbc), RGB (0xc64600), FALSE, FALSE, 1.0, 1.0, NULL,
  };
  static const TandemChartStyle dark = {
    RGB (0x242424), RGB (0xffffff), RGB (0xc0bfbc), RGB (0x5e5c64), RGB (0xffa348), TRUE, FALSE, 1.0, 1.0, NULL,
  };
  static const TandemChartStyle projector = {
    RGB (0xffffff), RGB (0x000000), RGB (0x3d3846), RGB (0x77767b), RGB (0xc64600), FALSE, TRUE, 1.5, 2.0, NULL,
  };

  switch (theme)
    {
    case TANDEM_CHART_THEME_DARK:
      *style = dark;
      break;
    case TANDEM_CHART_THEME_PROJECTOR:
      *style = projector;
      break;
    case TANDEM_CHART_THEME_LIGHT:
    default:
      *style = light;
      break;
    }
  style->font_family = g_strdup ("Cantarell");
}

void
tandem_chart_style_clear (TandemChartStyle *style)
{
  g_clear_pointer (&style->font_family, g_free);
}

gboolean
tandem_chart_theme_from_string (const char       *name,
                                TandemChartTheme *out)
{
  static const char *const names[] = { "light", "dark", "projector" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *out = (TandemChartTheme) i;
        return TRUE;
      }
  return FALSE;
}

void
tandem_chart_set_source (cairo_t          *cr,
                         const TandemRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
mix (const TandemRgba *a,
     const TandemRgba *b,
     double            t,
     TandemRgba       *out)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = 1;
}

/* Single-hue sequential scales read in every kind of colour blindness:
 * lightness carries the value.  Blue for volume, purple for conversion
 * (neither is the orange of the MQL outline). */
void
tandem_chart_ramp (const TandemChartStyle *style,
                   gboolean                second_ramp,
                   double                  t,
                   TandemRgba             *out)
{
  static const TandemRgba light_stops[2][3] = {
    { RGB (0xf2f6fc), RGB (0x99c1f1), RGB (0x1a5fb4) },
    { RGB (0xf6f2f8), RGB (0xc0a0d0), RGB (0x613583) },
  };
  static const TandemRgba dark_stops[2][3] = {
    { RGB (0x2a2e35), RGB (0x245aa0), RGB (0x99c1f1) },
    { RGB (0x2e2a33), RGB (0x7a4a9c), RGB (0xdcb8ec) },
  };
  const TandemRgba *stops = style->dark ? dark_stops[second_ramp != 0] : light_stops[second_ramp != 0];

  if (!(t >= 0))
    t = 0;
  t = MIN (t, 1);
  if (t < 0.5)
    mix (&stops[0], &stops[1], t * 2, out);
  else
    mix (&stops[1], &stops[2], (t - 0.5) * 2, out);
}

void
tandem_chart_text_on (const TandemRgba *background,
                      TandemRgba       *out)
{
  /* Relative luminance (sRGB, roughly linearised) */
  double l = 0.2126 * pow (background->red, 2.2) + 0.7152 * pow (background->green, 2.2) +
             0.0722 * pow (background->blue, 2.2);

  *out = l > 0.22 ? (TandemRgba) { 0, 0, 0, 0.87 } : (TandemRgba) { 1, 1, 1, 1 };
}

PangoLayout *
tandem_chart_layout (cairo_t                *cr,
                     const TandemChartStyle *style,
                     double                  size,
                     gboolean                bold,
                     const char             *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * style->font_scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
tandem_chart_text (cairo_t                *cr,
                   const TandemChartStyle *style,
                   double                  size,
                   gboolean                bold,
                   const TandemRgba       *color,
                   double                  x,
                   double                  y,
                   double                  xalign,
                   const char             *text)
{
  g_autoptr(PangoLayout) layout = tandem_chart_layout (cr, style, size, bold, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (cr);
  tandem_chart_set_source (cr, color);
  cairo_move_to (cr, x - width * xalign, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return width;
}

char *
tandem_chart_format_count (guint64 n)
{
  return tandem_format_count ((gint64) MIN (n, (guint64) G_MAXINT64));
}

char *
tandem_chart_format_percent (double fraction)
{
  if (!isfinite (fraction))
    return g_strdup ("—");
  /* Translators: a percentage, e.g. "18.2 %" (the decimal sign follows the locale) */
  return g_strdup_printf (_("%.1f %%"), fraction * 100);
}

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
tandem_chart_commit_file (cairo_status_t   status,
                          const char      *partial,
                          const char      *path,
                          GError         **error)
{
  g_autofree char *name = NULL;
  int saved;

  if (status == CAIRO_STATUS_SUCCESS && g_rename (partial, path) == 0)
    return TRUE;
  saved = errno;
  name = g_filename_display_basename (path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
               status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved));
  g_unlink (partial);
  return FALSE;
}

gboolean
tandem_chart_export (const char             *path,
                     int                     width,
                     int                     height,
                     double                  scale,
                     const TandemChartStyle *style,
                     TandemChartDrawFunc     draw,
                     gpointer                user_data,
                     GError                **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *partial = g_strdup_printf ("%s.partial-%d", path, (int) getpid ());
  g_autofree char *name = g_filename_display_basename (path);
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  FILE *file;
  cairo_t *cr;
  enum { PNG, SVG, PDF } format;

  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot tell the format of “%s”: name it .png, .svg or .pdf"), name);
      return FALSE;
    }
  if (width < 100 || height < 100 || width > 10000 || height > 10000 || !(scale >= 1 && scale <= 4))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart is 100 to 10,000 pixels wide and high, at a scale of 1 to 4 (asked for %d × %d at %g)"),
                   width, height, scale);
      return FALSE;
    }

  /* Written whole under another name, then renamed: a failure or a
   * crash never leaves half a file under the one asked for. */
  file = g_fopen (partial, "wb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  switch (format)
    {
    case SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_file, file, width, height);
      break;
    case PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_file, file, width, height);
      break;
    case PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    }

  cr = cairo_create (surface);
  tandem_chart_set_source (cr, &style->background);
  cairo_paint (cr);
  draw (cr, width, height, style, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_file, file);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (file) != 0 && status == CAIRO_STATUS_SUCCESS)
    status = CAIRO_STATUS_WRITE_ERROR;
  return tandem_chart_commit_file (status, partial, path, error);
}
