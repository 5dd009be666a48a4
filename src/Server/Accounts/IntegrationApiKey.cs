namespace Outreach.Server.Accounts;

/// <summary>An API key for an integration, with a role and a community scope. Only its SHA-256 hash is stored.</summary>
public sealed class IntegrationApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown so staff can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }

    public required string Role { get; set; }

    public List<int> CommunityIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
