namespace Outreach.Campaigns.Reports;

/// <summary>A row of unreached.csv: who to visit, and where.</summary>
public sealed record UnreachedResident(int ResidentId, string Name, string? Community, string? Building, string? Unit, int Attempts, DateTimeOffset? GivenUpAt);
