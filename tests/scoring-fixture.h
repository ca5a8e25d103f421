/* scoring-fixture.h — four leads and their events, shared by the scoring tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-csv.h"
#include "test-util.h"

#define LEADS \
  "Lead ID,Job Title,Employees,Email,Created,Active,Country\n" \
  "L1,VP of Sales,250,ann@acme.com,2024-05-30 10:00:00,yes,France\n" \
  "L2,\"  director of IT \",40,bob@gmail.com,2024-01-15,no,\n" \
  "L3,Student,,cy@yahoo.com,2023-06-01,,Germany\n" \
  "L4,CEO,12,di@acme.com,2024-06-01,yes,France\n"

#define EVENTS \
  "lead_id,type,timestamp\n" \
  "L1,demo_request,2024-05-31 12:00:00\n" \
  "L1,page_view,2024-05-01\n" \
  "L1,page_view,2024-05-25\n" \
  "L2,page_view,2024-06-02\n" \
  "L2,demo_request,2023-12-01\n" \
  "L4,page_view,2024-06-01 00:00:00\n"

static inline TandemStore *
fixture_store (void)
{
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_new_memory (&error);
  g_autofree char *leads = test_write_file ("leads.csv", LEADS, -1);
  g_autofree char *events = test_write_file ("events.csv", EVENTS, -1);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();

  g_assert_true (tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error));
  tandem_csv_options_set_kind (options, TANDEM_IMPORT_EVENTS);
  g_assert_true (tandem_store_import_csv (store, events, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

