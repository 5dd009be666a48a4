namespace Outreach.Campaigns.Dispatch;

/// <summary>The nightly window (street-local time) in which nobody is contacted; work due in it waits for the morning.</summary>
public static class QuietHours
{
    /// <summary>When the window ends, if <paramref name="now"/> is inside it; null when contacting is allowed now.</summary>
    public static DateTimeOffset? OpensAt(DateTimeOffset now, TimeOnly from, TimeOnly until, string timeZone)
    {
        if (from == until)
        {
            return null;
        }

        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var overnight = from > until;
        var quiet = overnight ? time >= from || time < until : time >= from && time < until;
        if (!quiet)
        {
            return null;
        }

        var openDate = DateOnly.FromDateTime(local.DateTime);
        if (overnight && time >= from)
        {
            openDate = openDate.AddDays(1);
        }

        var open = openDate.ToDateTime(until);
        return new DateTimeOffset(open, zone.GetUtcOffset(open));
    }

    /// <summary>The start of the street-local day containing <paramref name="now"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, string timeZone)
    {
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateTimeOffset(local.Date, local.Offset);
    }

    public static TimeZoneInfo Zone(string timeZone)
        => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
