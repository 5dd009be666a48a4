namespace Outreach.Residents.Archive;

/// <summary>A community (社区) inside a street; staff are scoped to one.</summary>
public sealed class Community
{
    public int Id { get; set; }

    public int StreetId { get; set; }

    public Street? Street { get; set; }

    public required string Name { get; set; }

    /// <summary>Where "I want a person" calls are connected during duty hours (E.164).</summary>
    public string? OnDutyPhone { get; set; }
}
