using Outreach.Agent.Conversations;
using Outreach.Campaigns.Schedules;
using Outreach.Campaigns.Slots;

namespace Outreach.Campaigns.Definition;

/// <summary>A notice sent to an audience on a channel plan and schedule.</summary>
public sealed class Campaign
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>Facts every wording must carry unchanged (date, time, place, phone, amount).</summary>
    public List<KeyFact> KeyFacts { get; set; } = [];

    public ResponseKind ResponseKind { get; set; }

    /// <summary>Options or time slots residents pick from, with <see cref="ResponseKind.Option"/>.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Appointment slots with capacities, when the options are times residents book; empty otherwise.</summary>
    public List<NoticeSlot> Slots { get; set; } = [];

    /// <summary>The staff's own wording of the notice in other languages (e.g. en), used for those residents' segments.</summary>
    public List<NoticeTranslation> Translations { get; set; } = [];

    /// <summary>The audience expression as staff wrote it; snapshotted into targets at launch.</summary>
    public string Audience { get; set; } = string.Empty;

    public ChannelPlanKind Channel { get; set; }

    /// <summary>Calls per resident before the plan moves on (voice plans).</summary>
    public int MaxCalls { get; set; } = 2;

    /// <summary>Wait before calling again after busy or no answer.</summary>
    public int CallRetryMinutes { get; set; } = 30;

    /// <summary>When to start; null means at launch.</summary>
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>Once (now or at <see cref="StartAt"/>), recurring by cron, or relative to a resident date field.</summary>
    public ScheduleKind Schedule { get; set; }

    /// <summary>Five-field cron expression, evaluated in the street's time zone (<see cref="ScheduleKind.Cron"/>).</summary>
    public string? Cron { get; set; }

    /// <summary>The resident date field, e.g. checkup_due (<see cref="ScheduleKind.DateField"/>).</summary>
    public string? DateField { get; set; }

    /// <summary>Days from the date field's value to the contact day: -3 is "3 days before".</summary>
    public int DateOffsetDays { get; set; }

    /// <summary>Street-local time of day of the contact (<see cref="ScheduleKind.DateField"/>).</summary>
    public TimeOnly? DateLocalTime { get; set; }

    /// <summary>For one run of a recurring campaign: the campaign it belongs to.</summary>
    public int? ParentId { get; set; }

    /// <summary>For one run of a recurring campaign: the occurrence it is; unique per parent, so a run starts once.</summary>
    public DateTimeOffset? OccurrenceAt { get; set; }

    /// <summary>The street whose time zone the campaign keeps.</summary>
    public int? StreetId { get; set; }

    /// <summary>
    /// The communities the campaign may reach, fixed at creation (see docs/decisions/0009). The snapshot takes
    /// residents of these only; community staff see a campaign reaching one of theirs and steer it only if it reaches
    /// nothing else. Empty on campaigns from before scoping: street-wide, street admins only.
    /// </summary>
    public List<int> CommunityIds { get; set; } = [];

    /// <summary>Start of the nightly window in which no one is contacted (street-local time).</summary>
    public TimeOnly QuietFrom { get; set; } = new(21, 0);

    public TimeOnly QuietUntil { get; set; } = new(8, 0);

    /// <summary>IANA time zone of the street; fixed at launch.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Most contacts a resident gets per day across all campaigns; null means no cap.</summary>
    public int? DailyCap { get; set; }

    /// <summary>Contact one person per household.</summary>
    public bool OnePerHousehold { get; set; }

    public CampaignStatus Status { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LaunchedAt { get; set; }

    /// <summary>Set when the audience snapshot is complete; the launch job does not snapshot twice.</summary>
    public DateTimeOffset? SnapshotAt { get; set; }

    public int ChunkCount { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the next follow-up sweep is scheduled; keeps follow-up sweeps from multiplying.</summary>
    public DateTimeOffset? NextSweepAt { get; set; }

    public bool IsRecurring => Schedule != ScheduleKind.Once;

    /// <summary>The run of this recurring campaign for one occurrence: the same notice and plan, its own audience snapshot.</summary>
    public Campaign RunAt(DateTimeOffset occurrenceAt, string audience, string localName, DateTimeOffset now)
    {
        var name = $"{Name} · {localName}";
        return new Campaign
        {
            Name = name.Length > 200 ? name[..200] : name,
            Title = Title,
            Body = Body,
            KeyFacts = [.. KeyFacts],
            ResponseKind = ResponseKind,
            Options = [.. Options],
            Translations = [.. Translations],
            Audience = audience,
            Channel = Channel,
            MaxCalls = MaxCalls,
            CallRetryMinutes = CallRetryMinutes,
            QuietFrom = QuietFrom,
            QuietUntil = QuietUntil,
            TimeZone = TimeZone,
            DailyCap = DailyCap,
            OnePerHousehold = OnePerHousehold,
            StreetId = StreetId,
            CommunityIds = [.. CommunityIds],
            ParentId = Id,
            OccurrenceAt = occurrenceAt,
            Status = CampaignStatus.Running,
            CreatedBy = CreatedBy,
            CreatedAt = now,
            UpdatedAt = now,
            LaunchedAt = now,
        };
    }

    public NoticeContext ToNotice() => new(Id, Title, Body, KeyFacts, ResponseKind, Options, Translations);
}
