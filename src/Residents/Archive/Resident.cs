namespace Outreach.Residents.Archive;

/// <summary>One resident's archive record.</summary>
public sealed class Resident
{
    public int Id { get; set; }

    /// <summary>The id in the office's own system; the first key imports match on.</summary>
    public string? ExternalId { get; set; }

    public required string Name { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; set; }

    public string? SecondPhone { get; set; }

    /// <summary>BCP-47: zh-CN, en, …</summary>
    public string Language { get; set; } = "zh-CN";

    public ContactChannel PreferredChannel { get; set; } = ContactChannel.Sms;

    public int CommunityId { get; set; }

    public Community? Community { get; set; }

    public string? Grid { get; set; }

    public string? Building { get; set; }

    public string? Unit { get; set; }

    public string? Household { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Gender { get; set; }

    /// <summary>Free-form tags (elderly, living_alone, disabled, …), stored normalised to lower case.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Named dates such as checkup_due or vaccination_due.</summary>
    public List<ResidentDate> Dates { get; set; } = [];

    public DateTimeOffset? ConsentedAt { get; set; }

    public DateTimeOffset? OptedOutAt { get; set; }

    /// <summary>How the opt-out arrived: sms keyword, call, staff, carrier (21610).</summary>
    public string? OptOutMethod { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOptedOut => OptedOutAt is not null;
}
