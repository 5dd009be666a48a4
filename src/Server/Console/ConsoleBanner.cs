using Outreach.Server.Accounts;
using Outreach.Server.Startup;

namespace Outreach.Server.StaffConsole;

/// <summary>The console's lines of the start-up banner: where to sign in and, on the start that created it, the first street admin's generated password.</summary>
public sealed class ConsoleBanner(FirstAdminAccount firstAdmin) : IStartupBannerLines
{
    public IEnumerable<string> Lines(string address)
    {
        yield return $"  Staff console     {address}/   (sign in as {firstAdmin.AdminEmail})";
        if (firstAdmin.GeneratedPassword is not null)
        {
            yield return $"  Admin password    {firstAdmin.GeneratedPassword}   (generated now and shown only this once; set Outreach:AdminPassword to choose your own)";
        }
    }
}
