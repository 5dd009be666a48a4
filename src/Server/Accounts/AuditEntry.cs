namespace Outreach.Server.Accounts;

/// <summary>One staff action: who did what to which thing, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>User name or API key name.</summary>
    public required string Actor { get; set; }

    /// <summary>signed_in, opened_resident, launched_campaign, paused_campaign, exported_…, created_api_key, …; for the API, "api POST /api/campaigns/{id:int}/launch".</summary>
    public required string Action { get; set; }

    /// <summary>What the action was about, e.g. "resident 12" or "campaign 3".</summary>
    public string? Target { get; set; }

    public string? Detail { get; set; }
}
