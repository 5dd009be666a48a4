namespace Outreach.Server;

/// <summary>Host settings (configuration section "Outreach").</summary>
public sealed class OutreachOptions
{
    public const string SectionName = "Outreach";

    /// <summary>The street admin's API key. Unset: one is generated at first start, its hash stored, and the key printed once.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Folder for the embedded database files and generated secrets.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Seed the demo street (2 communities, 200+ residents) into an empty archive at start.</summary>
    public bool SeedDemo { get; set; } = true;
}
