namespace Outreach.Agent.Wording;

/// <summary>The per-resident details code fills into a segment's wording. Nothing else personal reaches a prompt.</summary>
public sealed record ResidentDetails(string Name, string? Honorific, string? Community, string? Building, string? Unit, string? Slot = null);
