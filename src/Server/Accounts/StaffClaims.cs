namespace Outreach.Server.Accounts;

/// <summary>Claims the console adds besides roles and communities.</summary>
public static class StaffClaims
{
    public const string DisplayName = "outreach:display_name";
}
