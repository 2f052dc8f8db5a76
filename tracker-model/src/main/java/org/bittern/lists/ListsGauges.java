package org.bittern.lists;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bittern.lists.ListsStatus.State;
import org.bittern.metrics.MetricsBackend;

/**
 * The torrent lists as gauges, the same in the WAR and the sidecar: {@code tracker_lists_entries} (the snapshot's
 * size) and {@code tracker_lists_snapshot_age_seconds} (0 while following PostgreSQL, else the time since the
 * snapshot last matched it). Nothing is registered while the lists are off.
 */
public final class ListsGauges {

    private ListsGauges() {
    }

    public static void register(MetricsBackend backend, TorrentLists lists, Clock clock) {
        if (lists.mode() == ListsMode.OFF) {
            return;
        }
        backend.gauge("tracker_lists_entries", "Entries in this process's snapshot of the torrent list", List.of(),
                () -> lists.status().entries());
        backend.gauge("tracker_lists_snapshot_age_seconds",
                "0 while the snapshot follows PostgreSQL; else seconds since it last matched (no sample before"
                        + " the first load)", List.of(), () -> ageSeconds(lists.status(), clock));
    }

    static double ageSeconds(ListsStatus status, Clock clock) {
        if (status.state() == State.CURRENT) {
            return 0;
        }
        Duration age = status.age(clock.instant());
        return age == null ? Double.NaN : age.toMillis() / 1000.0;
    }
}
