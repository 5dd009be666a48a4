using Outreach.Agent.Conversations;

namespace Outreach.Campaigns.Api;

/// <summary>Body of POST /api/campaigns. Channel: sms, voice, voice_then_sms or preferred.</summary>
public sealed record CreateCampaignRequest(
    string? Name,
    NoticeRequest? Notice,
    string? Audience,
    string? Channel,
    PlanRequest? Plan = null,
    ScheduleRequest? Schedule = null,
    QuietHoursRequest? QuietHours = null,
    int? DailyCap = null,
    bool? OnePerHousehold = null);

/// <summary>
/// The notice. Response: None, ConfirmDecline, Option or FreeAnswer. Slots: appointment times with a number of places
/// (they become the options, and the response Option). Translations: the staff's own title and body per language (e.g. en).
/// </summary>
public sealed record NoticeRequest(
    string? Title,
    string? Body,
    IReadOnlyList<KeyFact>? KeyFacts = null,
    string? Response = null,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<SlotRequest>? Slots = null,
    IReadOnlyList<NoticeTranslation>? Translations = null);

/// <summary>An appointment slot: its label as residents see and answer it, and how many residents it takes.</summary>
public sealed record SlotRequest(string? Label, int? Capacity);

/// <summary>Voice plans: calls per resident and minutes between them.</summary>
public sealed record PlanRequest(int? MaxCalls = null, int? RetryMinutes = null);

/// <summary>
/// When to send, one of: omitted (at launch); startAt (once, at that time); cron (a run at every occurrence of a
/// five-field cron expression in the street's time zone); relative (each resident at a street-local time some days
/// before or after a date on their record).
/// </summary>
public sealed record ScheduleRequest(DateTimeOffset? StartAt = null, string? Cron = null, RelativeScheduleRequest? Relative = null);

/// <summary>"3 days before checkup_due at 10:00" is field checkup_due, daysBefore 3, at "10:00" (daysAfter for after).</summary>
public sealed record RelativeScheduleRequest(string? Field, int? DaysBefore = null, int? DaysAfter = null, string? At = null);

/// <summary>Street-local "HH:mm" times; default 21:00 to 08:00.</summary>
public sealed record QuietHoursRequest(string? From = null, string? Until = null);
