namespace Outreach.Campaigns.Schedules;

/// <summary>How a campaign's sending is timed.</summary>
public enum ScheduleKind
{
    /// <summary>One run, at launch or at the campaign's start time.</summary>
    Once,
    /// <summary>A run at every occurrence of a cron expression in the street's time zone.</summary>
    Cron,
    /// <summary>Each resident at a street-local time some days before or after a date on their record.</summary>
    DateField,
}
