/* tandem-format.h — amounts, counts and dates as the user's locale writes
 * them, and the ISO 4217 currencies amounts are in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For people only: text for the screen, the charts, the agreement and the
 * command line's text output.  JSON and CSV keep plain numbers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- Currencies (ISO 4217) ------------------------------------------------ */

/* TRUE when @code is one of the active ISO 4217 codes of the table in
 * tandem-format.c: exactly three capital letters, "EUR", "USD"…           */
gboolean     tandem_currency_is_known          (const char *code);
/* Its minor-unit digits (EUR 2, JPY 0, BHD 3), -1 for an unknown code. */
int          tandem_currency_get_digits        (const char *code);
/* How amounts in it are written: "€", "$", "£", "R$"… or the code itself
 * ("CHF", "SEK") when it has no symbol of its own in the table.          */
const char  *tandem_currency_get_symbol        (const char *code);
/* The known codes, in alphabetical order: 0 … tandem_currency_get_n_known () - 1 */
guint        tandem_currency_get_n_known       (void);
const char  *tandem_currency_get_nth           (guint       index);
/* The currency of the user's locale (LC_MONETARY's international symbol,
 * trimmed), or "USD" when it has none (C, POSIX) or an unknown one.       */
const char  *tandem_currency_get_locale_default (void);

/* ---- Text for people -------------------------------------------------------- */

/* @value in @currency with the locale's monetary grouping and decimal mark
 * and the symbol where the locale puts it: "$75,000" (en_US), "75.000 €"
 * (de_DE), "75 000 €" (fr_FR), "$75000" (C).  Whole amounts have no
 * decimals, others the currency's minor-unit digits.  An unknown or NULL
 * @currency writes the number alone.                                      */
char        *tandem_format_amount              (double      value,
                                                const char *currency);
/* A count with the locale's grouping: "4,677", "4.677", "4 677", "4677" (C). */
char        *tandem_format_count               (gint64      value);
/* A number with @digits decimals, grouped, with the locale's decimal mark:
 * "133.3" / "133,3".                                                      */
char        *tandem_format_number              (double      value,
                                                int         digits);
/* A date the locale's way (its %x: "12/03/2026", "03.12.2026"…); under C
 * or POSIX, ISO 8601 ("2026-12-03").                                    */
char        *tandem_format_date                (GDateTime  *date);

G_END_DECLS
