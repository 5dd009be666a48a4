using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Server.Accounts;
using Outreach.Server.Security;

namespace Outreach.Server.Tests.Accounts;

public sealed class IntegrationApiKeysTests
{
    [Fact]
    public async Task An_issued_key_is_found_by_its_text_stored_only_as_a_hash_and_gone_once_revoked()
    {
        await using var accounts = new AccountsDatabase("Configured-pass-1");
        await accounts.MigrateAsync();
        await using var scope = accounts.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<IntegrationApiKeys>();

        var issued = await keys.IssueAsync("crm", StaffRoles.CommunityStaff, [3, 1, 3], "admin", CancellationToken.None);

        var found = await keys.FindAsync(issued.Key, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal([1, 3], found.CommunityIds);
        Assert.Equal(StaffRoles.CommunityStaff, found.Role);
        var stored = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().ApiKeys.AsNoTracking().SingleAsync();
        Assert.NotEqual(issued.Key, stored.Hash);
        Assert.DoesNotContain(issued.Key, stored.Hash, StringComparison.Ordinal);
        Assert.Null(await keys.FindAsync(issued.Key + "x", CancellationToken.None));

        Assert.True(await keys.RevokeAsync(issued.Record.Id, CancellationToken.None));
        Assert.Null(await keys.FindAsync(issued.Key, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_role_is_refused()
    {
        await using var accounts = new AccountsDatabase("Configured-pass-1");
        await accounts.MigrateAsync();
        await using var scope = accounts.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<IntegrationApiKeys>();
        await Assert.ThrowsAsync<ArgumentException>(() => keys.IssueAsync("crm", "superuser", [], "admin", CancellationToken.None));
    }
}
