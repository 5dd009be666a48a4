namespace Outreach.Residents.Api;

public sealed record CommunityDto(int Id, string Name, int StreetId, string? Street, string? OnDutyPhone, int Residents);
