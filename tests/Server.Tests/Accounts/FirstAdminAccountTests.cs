using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Server.Accounts;
using Outreach.Server.Security;

namespace Outreach.Server.Tests.Accounts;

public sealed class FirstAdminAccountTests
{
    [Fact]
    public async Task Without_a_configured_password_one_is_generated_and_signs_in_as_street_admin()
    {
        await using var accounts = new AccountsDatabase();
        await accounts.MigrateAsync();

        var password = accounts.FirstAdmin.GeneratedPassword;
        Assert.False(string.IsNullOrEmpty(password));
        await using var scope = accounts.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = await users.FindByEmailAsync("first@outreach.test");
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.True(await users.IsInRoleAsync(admin, StaffRoles.StreetAdmin));
        Assert.DoesNotContain(password, admin.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_password_is_used_and_a_second_start_creates_nothing()
    {
        await using var accounts = new AccountsDatabase("Configured-pass-1");
        await accounts.MigrateAsync();
        await accounts.MigrateAsync();

        Assert.Null(accounts.FirstAdmin.GeneratedPassword);
        await using var scope = accounts.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal(1, users.Users.Count());
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("first@outreach.test"))!, "Configured-pass-1"));
    }
}
