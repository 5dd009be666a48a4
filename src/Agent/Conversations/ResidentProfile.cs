namespace Outreach.Agent.Conversations;

/// <summary>What the agent knows of the bound resident for one turn: their own record's few fields a reply needs.</summary>
public sealed record ResidentProfile(
    int Id,
    string Name,
    string Language,
    string Honorific,
    int CommunityId,
    string? CommunityName,
    int? StreetId,
    string? StreetName,
    string? OfficePhone,
    TimeZoneInfo TimeZone,
    string? Building,
    string? Unit);
