using Cronos;

namespace Outreach.Campaigns.Schedules;

/// <summary>
/// When a recurring campaign's runs fall. Pure functions of the campaign's schedule, the street's time zone and
/// the clock, so each occurrence has one identity however often (or however late) the recurring job fires.
/// </summary>
public static class CampaignOccurrences
{
    /// <summary>Parses a five-field cron expression; the error says what is wrong with it.</summary>
    public static bool TryParseCron(string? text, out CronExpression? cron, out string? error)
    {
        try
        {
            cron = CronExpression.Parse(text?.Trim() ?? string.Empty, CronFormat.Standard);
            error = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            cron = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The latest occurrence of <paramref name="cron"/> in the catch-up window ending now; earlier missed ones are not sent.</summary>
    public static DateTimeOffset? LatestCronOccurrence(string cron, TimeZoneInfo zone, DateTimeOffset now, TimeSpan catchUp)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var expression = CronExpression.Parse(cron, CronFormat.Standard);
        // A little tolerance ahead: the job may run on a server whose clock is a moment behind the one that fired it.
        return expression.GetOccurrences(now - catchUp, now + ClockTolerance, zone, fromInclusive: false, toInclusive: true)
            .Select(o => (DateTimeOffset?)o).LastOrDefault();
    }

    /// <summary>
    /// The contact instants of a date-field schedule in the catch-up window ending now, each with the date-field value
    /// it is for: with an offset of -3 days at 10:00, the instant 2026-12-01 10:00 is for residents whose date is 2026-12-04.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset At, DateOnly Value)> DueDateValues(int offsetDays, TimeOnly localTime, TimeZoneInfo zone, DateTimeOffset now, TimeSpan catchUp)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var from = now - catchUp;
        var to = now + ClockTolerance;
        var due = new List<(DateTimeOffset, DateOnly)>();
        for (var day = LocalDate(from, zone); day <= LocalDate(to, zone); day = day.AddDays(1))
        {
            var at = LocalInstant(day, localTime, zone);
            if (at > from && at <= to)
            {
                due.Add((at, day.AddDays(-offsetDays)));
            }
        }

        return due;
    }

    /// <summary>The instant of a street-local date and time; a time skipped by a DST change moves an hour later.</summary>
    public static DateTimeOffset LocalInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(1);
}
