/* bench-data.h — the generated leads bench-score and bench-peers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed-seed xorshift and the values the CRM-shaped columns take, so
 * that every run of either benchmark writes the same files.
 */
#pragma once

#include <glib.h>

static guint64 rng = 0x2545F4914F6CDD1Dull;

static guint
pick (guint n)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (guint) (rng % n);
}

static const char *const titles[] = { "CEO", "VP of Sales", "VP of Marketing", "Director of IT", "Marketing Manager",
                                      "Sales Manager", "Software Engineer", "Analyst", "Student", "Consultant" };
static const char *const industries[] = { "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail",
                                          "Education", "Government", "Media" };
static const char *const countries[] = { "United States", "Germany", "France", "United Kingdom", "India", "Brazil", "Japan" };
static const char *const sources[] = { "Webinar", "Paid Search", "Organic Search", "Referral", "Trade Show", "Outbound" };
static const char *const event_types[] = { "page_view", "pricing_page", "demo_request", "webinar_attended",
                                           "content_download", "email_click", "form_fill", "unsubscribe" };
