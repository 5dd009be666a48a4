namespace Outreach.Residents.Timeline;

/// <summary>One thing that happened with a resident: a message, a call turn, a reply, an outcome, a note.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }

    public int ResidentId { get; set; }

    public DateTimeOffset At { get; set; }

    public TimelineKind Kind { get; set; }

    /// <summary>sms, voice, console, api, import.</summary>
    public string? Channel { get; set; }

    public int? CampaignId { get; set; }

    public required string Text { get; set; }

    /// <summary>For outcomes: confirmed, declined, question, needs_help, opted_out, unreachable…</summary>
    public string? Outcome { get; set; }

    /// <summary>A Twilio SID or another external id; makes appends from replayed webhooks idempotent.</summary>
    public string? ExternalRef { get; set; }

    /// <summary>Who acted: resident, agent, staff user name, system.</summary>
    public string? Actor { get; set; }
}
