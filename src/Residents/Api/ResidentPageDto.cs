namespace Outreach.Residents.Api;

/// <summary>GET /api/residents: a page of matches and how many match in all.</summary>
public sealed record ResidentPageDto(IReadOnlyList<ResidentDto> Items, int Total, int Limit, int Offset);
