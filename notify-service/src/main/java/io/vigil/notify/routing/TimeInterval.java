package io.vigil.notify.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A named set of periods, as Alertmanager's {@code time_intervals}: a route lists names in
 * {@code mute_time_intervals} (no notifications while inside) or {@code active_time_intervals} (notifications only
 * while inside).
 *
 * @param name the interval's name
 * @param periods the periods; the interval contains an instant when any period does
 */
public record TimeInterval(String name, List<Period> periods) {

    /**
     * One period: every condition given must hold; an empty condition holds always.
     *
     * @param weekdays the days of the week, empty for every day
     * @param times time-of-day ranges {@code [start, end)}, empty for the whole day
     * @param daysOfMonth days of the month (1 to 31), empty for every day
     * @param location the time zone the conditions are read in
     */
    public record Period(Set<DayOfWeek> weekdays, List<TimeRange> times, Set<Integer> daysOfMonth, ZoneId location) {

        boolean contains(Instant instant) {
            ZonedDateTime local = instant.atZone(location);
            if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
                return false;
            }
            if (!daysOfMonth.isEmpty() && !daysOfMonth.contains(local.getDayOfMonth())) {
                return false;
            }
            LocalTime time = local.toLocalTime();
            return times.isEmpty() || times.stream().anyMatch(range -> range.contains(time));
        }
    }

    /**
     * A range of the day, end exclusive; {@code 24:00} is written as end of day.
     *
     * @param start first time inside
     * @param end first time outside, or {@code null} for midnight at the end of the day
     */
    public record TimeRange(LocalTime start, LocalTime end) {

        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (end == null || time.isBefore(end));
        }
    }

    /** @return whether the instant lies in one of the periods */
    public boolean contains(Instant instant) {
        return periods.stream().anyMatch(period -> period.contains(instant));
    }
}
