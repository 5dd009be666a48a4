using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Server.Accounts;
using Outreach.Server.Security;

namespace Outreach.Server.Tests.Accounts;

public sealed class StaffClaimsFactoryTests
{
    [Fact]
    public async Task A_community_staff_user_gets_one_community_claim_per_community_and_the_role()
    {
        await using var accounts = new AccountsDatabase("Configured-pass-1");
        await accounts.MigrateAsync();
        await using var scope = accounts.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "li@outreach.test", Email = "li@outreach.test", CommunityIds = [2, 5] };
        Assert.True((await users.CreateAsync(user, "Community-pass-1")).Succeeded);
        await users.AddToRoleAsync(user, StaffRoles.CommunityStaff);

        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);

        Assert.Equal(["2", "5"], principal.FindAll(StaffRoles.CommunityClaim).Select(c => c.Value).Order());
        Assert.True(principal.IsInRole(StaffRoles.CommunityStaff));
        Assert.False(principal.IsInRole(StaffRoles.StreetAdmin));
    }
}
