namespace Outreach.Server.Accounts;

/// <summary>The first street-admin account (configuration section "Outreach", beside the admin API key).</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Outreach";

    /// <summary>Sign-in name of the first street admin, created when no staff account exists. Default admin@outreach.local.</summary>
    public string AdminEmail { get; set; } = "admin@outreach.local";

    /// <summary>Its password. Unset: one is generated at first start and printed once.</summary>
    public string? AdminPassword { get; set; }
}
