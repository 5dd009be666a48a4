namespace Outreach.Server.Security;

/// <summary>Roles staff and API keys carry.</summary>
public static class StaffRoles
{
    public const string StreetAdmin = "street_admin";
    public const string CommunityStaff = "community_staff";
    public const string Auditor = "auditor";

    /// <summary>Claim naming a community the caller may see (one claim per community).</summary>
    public const string CommunityClaim = "outreach:community";
}
